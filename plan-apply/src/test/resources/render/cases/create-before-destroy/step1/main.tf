resource "terraform_data" "a" {
  input            = { tier = "web" }
  triggers_replace = ["r1"]
  lifecycle {
    create_before_destroy = true
  }
}

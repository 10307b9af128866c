resource "terraform_data" "a" {
  input            = { tier = "api" }
  triggers_replace = ["r2"]
  lifecycle {
    create_before_destroy = true
  }
}

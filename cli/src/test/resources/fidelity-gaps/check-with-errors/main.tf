variable "p" {
  type    = string
  default = "abc"
}
check "c1" {
  assert {
    condition     = var.p == "zzz"
    error_message = "Check failed."
  }
}
resource "terraform_data" "a" {
  input = var.p + 1
}

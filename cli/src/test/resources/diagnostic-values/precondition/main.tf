variable "p" {
  type    = string
  default = "abc"
}
locals {
  o = { a = 1 }
}
resource "terraform_data" "r" {
  input = var.p
  lifecycle {
    precondition {
      condition     = var.p == "xyz" && local.o.a == 2
      error_message = "Precondition failed."
    }
  }
}

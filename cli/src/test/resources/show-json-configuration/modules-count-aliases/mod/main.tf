terraform {
  required_providers {
    random = { source = "capstan/random" }
  }
}
variable "in" {}
resource "terraform_data" "inner" {
  input = var.in
}
resource "random_integer" "p" {
  min = 1
  max = 5
}
output "out" {
  value = terraform_data.inner.output
}

terraform {
  required_providers {
    random = { source = "capstan/random" }
  }
}
variable "in" {
  type = string
  description = "in"
  nullable = false
}
variable "unused" {
  default = null
}
resource "random_integer" "p" {
  min = 1
  max = length(var.in)
}
module "sub" {
  source = "./sub"
}
output "out" {
  value = { value = random_integer.p.result }
}

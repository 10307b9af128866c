variable "p" {
  type    = string
  default = "abc"
}
locals {
  o = { a = 1 }
}
output "d" {
  value = length(var.p) > 0 ? local.o.b : 1
}

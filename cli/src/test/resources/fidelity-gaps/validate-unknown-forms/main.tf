variable "x" {
  type = string
}
variable "m" {
  type = map(number)
}
variable "o" {
  type = object({ a = string, b = list(number) })
}
locals {
  a = upper(var.m)
  b = var.o.c
  c = var.o.b.x
  d = [for k, v in var.m : v.foo]
  e = "${var.o}"
  f = var.x[0]
  g = length(var.x) + "z"
}
resource "terraform_data" "r" {
  count = var.x
}
resource "terraform_data" "s" {
  for_each = var.o.b
}

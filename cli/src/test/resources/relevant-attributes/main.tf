terraform {
  required_providers {
    local = { source = "capstan/local" }
  }
}
variable "c" {
  default = "one"
}
resource "local_file" "f" {
  filename = "${path.module}/f.txt"
  content  = var.c
}
resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "n" {
  count = 2
  input = "n${count.index}"
}
locals {
  l = local_file.f.content
}
module "m" {
  source = "./m"
  in     = terraform_data.a.output
}
resource "terraform_data" "b" {
  input = [local.l, module.m.out, terraform_data.a, terraform_data.n[0].output, terraform_data.n[*].id]
}
resource "terraform_data" "c" {
  input = { v = terraform_data.b.input }
}
output "o" {
  value = local_file.f.id
}
output "unchanged" {
  value = terraform_data.a.id
}

terraform {
  required_providers {
    random = { source = "capstan/random", version = ">= 0.1.0, < 1.0.0" }
  }
}
provider "random" {
  alias = "x"
}
locals {
  m = { a = 1, b = 2 }
}
variable "obj" {
  type = object({ name = string, tags = map(string) })
  default = { name = "n", tags = { k = "v" } }
}
variable "req" {
  type = string
}
resource "terraform_data" "t" {
  for_each = local.m
  input    = { k = each.key, v = each.value, n = var.obj.name, tag = var.obj.tags["k"], up = upper("x"), lit = "${"a"}b" }
  provisioner "local-exec" {
    command = "echo ${self.id}"
    when    = create
  }
}
resource "terraform_data" "u" {
  input = [terraform_data.t["a"].output, module.kids["one"].out, module.kids["one"], module.single.out.value, null]
  triggers_replace = null
}
data "terraform_remote_state" "r" {
  backend = "local"
  config = { path = "${path.module}/x.tfstate" }
  defaults = { z = 1 }
}
module "kids" {
  source   = "./mod"
  for_each = toset(["one"])
  in       = each.key
  providers = {
    random = random.x
  }
  depends_on = [terraform_data.t, module.single]
}
module "single" {
  source = "./mod"
  in     = "s"
}
output "all" {
  value = module.kids
}
output "w" {
  value = terraform.workspace
  description = ""
}

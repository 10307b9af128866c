terraform {
  required_providers {
    random = { source = "capstan/random", version = "0.1.0" }
  }
}
provider "random" {}
provider "random" {
  alias = "second"
}
variable "names" {
  type    = set(string)
  default = ["a", "b"]
}
variable "secret" {
  type      = string
  default   = "hush"
  sensitive = true
  description = "a secret"
}
variable "n" {
  default = 2
}
resource "terraform_data" "one" {
  input = "x"
  triggers_replace = [var.n, "lit"]
}
resource "terraform_data" "many" {
  count = var.n
  input = "${terraform_data.one.output}-${count.index}"
}
resource "terraform_data" "each" {
  for_each = var.names
  input    = each.key
  depends_on = [terraform_data.one]
}
resource "random_string" "s" {
  provider = random.second
  length   = 8
  lifecycle {
    create_before_destroy = true
  }
}
module "child" {
  source = "./mod"
  in     = terraform_data.one.output
  count  = 1
}
output "o" {
  value = terraform_data.one.output
  description = "the output"
}
output "sec" {
  value     = var.secret
  sensitive = true
  depends_on = [terraform_data.one]
}
variable "req" {
  type = string
}

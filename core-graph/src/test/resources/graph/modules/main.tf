variable "prefix" {
  type    = string
  default = "demo"
}

locals {
  name = "${var.prefix}-app"
}

module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

resource "terraform_data" "db" {
  input = module.net.subnet
}

resource "terraform_data" "app" {
  count = 2
  input = {
    name = local.name
    db   = terraform_data.db.id
  }
}

output "app_ids" {
  value = terraform_data.app[*].id
}

# Terraform records in state the transitive set of resources each resource depends on.
resource "terraform_data" "c" {
  input = "c"
}

resource "terraform_data" "b" {
  input = terraform_data.c.output
}

locals {
  l = terraform_data.b.output
}

# a -> local -> b -> c
resource "terraform_data" "a" {
  input = local.l
}

data "terraform_remote_state" "r" {
  backend  = "local"
  config   = { path = "${path.module}/other.tfstate" }
  defaults = { x = terraform_data.a.output }
}

resource "terraform_data" "g" {
  input = data.terraform_remote_state.r.outputs
}

resource "terraform_data" "h" {
  count = 2
  input = terraform_data.g.output
}

resource "terraform_data" "i" {
  input = terraform_data.h[0].output
}

# module arguments and outputs
module "m" {
  source = "./m"
  x      = terraform_data.a.output
}

resource "terraform_data" "e" {
  input = module.m.out
}

# depends_on a whole module: every resource in it, also those no output uses
resource "terraform_data" "f" {
  depends_on = [module.m]
}

resource "terraform_data" "j" {
  input = module.m
}

resource "terraform_data" "z" {}

# depends_on on a module call: everything inside depends on it
module "n" {
  source     = "./m"
  x          = "lit"
  depends_on = [terraform_data.z]
}

# nested modules, count on a module call
module "outer" {
  source     = "./outer"
  depends_on = [terraform_data.b]
}

resource "terraform_data" "k" {
  input = module.outer.o
}

resource "terraform_data" "l" {
  depends_on = [module.outer]
}

module "p" {
  source = "./m"
  count  = terraform_data.z.output == null ? 1 : 1
  x      = "lit"
}

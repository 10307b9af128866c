terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

provider "aws" {
  alias = "x"
}

resource "terraform_data" "b" {
  input = 1
}

resource "terraform_data" "a" {
  input      = 1
  depends_on = ["terraform_data.b"]
  lifecycle {
    ignore_changes = ["input"]
  }
  provisioner "local-exec" {
    command    = "true"
    when       = "destroy"
    on_failure = "continue"
  }
}

resource "aws_eip" "n" {
  provider = "aws.x"
}

module "m" {
  source     = "./mod"
  providers  = { "aws" = "aws.x" }
  depends_on = ["terraform_data.b"]
}

data "terraform_remote_state" "s" {
  backend    = "local"
  config     = { path = "none.tfstate" }
  defaults   = {}
  depends_on = ["terraform_data.b"]
}

output "o" {
  value      = 1
  depends_on = ["terraform_data.b"]
}

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

resource "aws_eip" "a" {
  vpc = true
}

resource "aws_eip" "b" {
  count = 2
  vpc   = true
}

module "m" {
  source = "./mod"
}

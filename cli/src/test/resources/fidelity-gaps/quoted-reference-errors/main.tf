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
  depends_on = ["nope nope", "a.b[", "terraform_data.b"]
  lifecycle {
    ignore_changes = ["nope nope", "a.b[", "input[0", "1abc", "input.\"x\"", "input.*", "input[*]"]
  }
  provisioner "local-exec" {
    command    = "true"
    when       = "nope nope"
    on_failure = "a.b"
  }
}

resource "aws_eip" "n" {
  provider = "aws x"
}

resource "aws_eip" "o" {
  provider = "aws.x.y"
}

resource "aws_eip" "p" {
  provider = aws.x.y
}

resource "aws_eip" "q" {
  provider = ""
}

resource "aws_eip" "r" {
  provider = "aws[0]"
}

module "m" {
  source    = "./mod"
  providers = { "aws" = "aws[", aws.z = "${aws}", "a b" = aws.x }
}

resource "terraform_data" "c" {
  depends_on = ["terraform_data.b.c[\"x\"]", "a[\"x", "a[\"x\"", "a[\"${x}\"]", "a[1.5e]", "a==b", "a\nb", "é.ü x", "a.b[\"k\\\"\"].c"]
}

output "o" {
  value      = 1
  depends_on = ["", "var"]
}

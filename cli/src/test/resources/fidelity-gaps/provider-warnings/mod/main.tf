terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
resource "aws_eip" "m" {
  vpc = true
}
resource "aws_instance" "i" {
  ami = "x"
  instance_type = "t2.micro"
  cpu_core_count = 2
}

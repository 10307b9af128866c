terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

# arn is computed-only: the provider, not terraform, rejects a value for it
resource "aws_eip" "a" {
  arn = "x"
}

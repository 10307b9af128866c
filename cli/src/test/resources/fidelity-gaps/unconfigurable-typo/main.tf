terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

# allocation_id is computed-only, yet the closest name: terraform suggests it
resource "aws_eip" "a" {
  allocation_idd = "y"
}

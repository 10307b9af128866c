variable "cidr" {
  type = string
}

resource "terraform_data" "vpc" {
  input = var.cidr
}

resource "terraform_data" "subnet" {
  input = cidrsubnet(terraform_data.vpc.output, 8, 1)
}

output "subnet" {
  value = terraform_data.subnet.id
}

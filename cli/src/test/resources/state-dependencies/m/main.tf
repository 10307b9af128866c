variable "x" {}

resource "terraform_data" "in" {
  input = var.x
}

resource "terraform_data" "free" {}

resource "terraform_data" "q" {
  input = terraform_data.in.output
}

output "out" {
  value = terraform_data.q.output
}

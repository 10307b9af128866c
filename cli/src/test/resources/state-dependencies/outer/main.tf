module "inner" {
  source = "../m"
  x      = "x"
}

resource "terraform_data" "o1" {
  input = module.inner.out
}

output "o" {
  value = terraform_data.o1.output
}

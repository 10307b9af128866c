variable "a" {}
variable "a" {} # ERROR: Duplicate variable declaration

output "o" {
  value = 1
}
output "o" { # ERROR: Duplicate output definition
  value = 2
}

resource "terraform_data" "r" {}
resource "terraform_data" "r" {} # ERROR: Duplicate resource "terraform_data" configuration

locals {
  l = 1
}
locals {
  l = 2 # ERROR: Duplicate local value definition
}

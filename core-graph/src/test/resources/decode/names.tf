resource "terraform_data" "1bad" {} # ERROR: Invalid resource name

variable "count" {} # ERROR: Invalid variable name

output "9" { # ERROR: Invalid output name
  value = 1
}

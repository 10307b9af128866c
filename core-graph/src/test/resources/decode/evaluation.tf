variable "n" {
  type    = number
  default = "abc" # ERROR: Invalid default value for variable
}

locals {
  bad = cidrsubnet("10.0.0.0/30", 8, 1) # ERROR: Error in function call
}

resource "terraform_data" "list" {
  for_each = ["a"] # ERROR: Invalid for_each argument
}

resource "terraform_data" "neg" {
  count = -1 # ERROR: Invalid count argument
}

resource "terraform_data" "arg" {
  nope = 1 # ERROR: Unsupported argument
}

resource "terraform_data" "dyn" {
  dynamic "setting" { # ERROR: Unsupported block type
    for_each = [1]
    content {}
  }
}

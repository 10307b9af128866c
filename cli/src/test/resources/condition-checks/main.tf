variable "n" {
  default = 2
}
resource "terraform_data" "a" {
  count = var.n
  input = "x${count.index}"
  lifecycle {
    precondition {
      condition     = var.n > 1
      error_message = "n too small"
    }
    postcondition {
      condition     = self.output != "x1"
      error_message = "output is x1"
    }
  }
}
resource "terraform_data" "b" {
  input = "b"
  lifecycle {
    postcondition {
      condition     = self.output == "b"
      error_message = "b wrong"
    }
  }
}
resource "terraform_data" "nocond" {
  input = "n"
}
output "o" {
  value = terraform_data.b.output
  precondition {
    condition     = terraform_data.b.input == "b"
    error_message = "o wrong"
  }
}
output "q" {
  value = "q"
}
check "c" {
  assert {
    condition     = var.n == 2
    error_message = "n not 2"
  }
}

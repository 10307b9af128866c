variable "want" {
  type    = number
  default = 3
}
resource "terraform_data" "x" {
  input = { count = 2, label = "two" }
  lifecycle {
    postcondition {
      condition     = self.input.count == var.want
      error_message = "The count must be ${var.want}."
    }
  }
}

variable "n" {
  type = number
}
resource "terraform_data" "a" {
  input = var.n
}

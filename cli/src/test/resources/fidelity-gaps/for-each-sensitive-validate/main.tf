variable "s" {
  type      = set(string)
  default   = ["a"]
  sensitive = true
}
resource "terraform_data" "a" {
  input = "x"
}
resource "terraform_data" "b" {
  for_each = var.s
}

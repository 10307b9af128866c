variable "x" {
  type = string
}
variable "l" {
  type = list(string)
}
resource "terraform_data" "a" {
  input = var.x.foo
}
resource "terraform_data" "b" {
  input = var.l[5] + {}
}
output "o" {
  value = terraform_data.a.output.z
}

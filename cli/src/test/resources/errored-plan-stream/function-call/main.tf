variable "p" {
  default = "missing.txt"
}
variable "f" {
  default = "%d"
}
resource "terraform_data" "a" {
  input = file(var.p)
}
resource "terraform_data" "b" {
  input = format(var.f, "x")
}
resource "terraform_data" "c" {
  input = lookup({ a = 1 }, var.p)
}
resource "terraform_data" "d" {
  input = coalesce(var.p, 1, [])
}

variable "secret" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
resource "terraform_data" "a" {
  input = "hello"
}
resource "terraform_data" "b" {
  count = 2
  input = { n = count.index, tags = ["x", "y"] }
}
resource "terraform_data" "s" {
  for_each = toset(["k1", "k2"])
  input    = var.secret
}
module "child" {
  source = "./child"
}
output "greeting" {
  value = terraform_data.a.output
}
output "num" {
  value = 42
}
output "obj" {
  value = { a = [1, 2], b = "two" }
}
output "pw" {
  value     = var.secret
  sensitive = true
}

locals {
  x = ["a", "b"]
}
output "a" {
  value = upper(local.x)
}

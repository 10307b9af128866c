variable "names" {
  type    = list(string)
  default = ["a", "b"]
}
locals {
  m = { "k" = 1.5, "n" = 12345678901 }
}
output "x" {
  value = "${var.names[2]}-${local.m["k"]}"
}

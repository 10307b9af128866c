variable "p" {
  type    = string
  default = "abc"
}
output "c" {
  value = var.p + 1
}

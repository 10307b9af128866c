variable "n" {
  type    = number
  default = 3
}
output "o" {
  value = var.n[*].id
}

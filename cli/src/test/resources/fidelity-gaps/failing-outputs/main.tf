variable "s" {
  type    = string
  default = "x"
}
variable "l" {
  type    = list(string)
  default = []
}
output "one" {
  value = var.s + 1
}
output "two" {
  value = var.l[3]
}
output "three" {
  value = "ok"
}
output "four" {
  value = tonumber(var.s)
}

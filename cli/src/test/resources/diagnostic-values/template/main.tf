variable "tags" {
  type    = list(string)
  default = ["a", "b"]
}
variable "missing" {
  type    = string
  default = null
}
output "joined" {
  value = "tags: ${var.tags}"
}
output "none" {
  value = "missing: ${var.missing}"
}

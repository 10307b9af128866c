variable "p" {
  type    = string
  default = "abc"
}
variable "s" {
  type      = string
  default   = "secret"
  sensitive = true
}
locals {
  x = ["a", "b"]
}
check "c1" {
  assert {
    condition     = var.p == "zzz" && length(local.x) == 3 && var.s == "x"
    error_message = "Check failed."
  }
}

variable "n" {
  type = number
  validation {
    condition     = var.n > 10
    error_message = "The n must be above ten."
  }
}
variable "names" {
  type    = list(string)
  default = []
  validation {
    condition     = length(var.names) < 2
    error_message = "At most one name."
  }
}
variable "ok" {
  type = string
  validation {
    condition     = var.ok != ""
    error_message = "Not empty."
  }
}
output "n" {
  value = var.n
}

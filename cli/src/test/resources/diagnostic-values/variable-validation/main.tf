variable "n" {
  type    = number
  default = 5
  validation {
    condition     = var.n > 10
    error_message = "The n must be above ten, this is a long message that should wrap somewhere around the seventy eighth column or not."
  }
}

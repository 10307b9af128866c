# Several independent mistakes: each yields exactly one diagnostic and the
# lines between them still parse.
variable "a" {
  default = [1, 2 3] # ERROR: Missing item separator
  type    = list(number)
}

resource "x" "y" {
  name = "ok"
  count = 1 +* 2 # ERROR: Invalid expression
  tags = {
    a = 1
  }
}

output "z" {
  value = 'bad' # ERROR: Invalid character
}

# Several independent mistakes: the lines between them still parse. As terraform
# 1.11.4 (HCL) reports them, once the parser has recovered from one error it no
# longer reports most later expression errors in the file (the count below), while an
# invalid character is always reported.
variable "a" {
  default = [1, 2 3] # ERROR: Missing item separator
  type    = list(number)
}

resource "x" "y" {
  name = "ok"
  count = 1 +* 2 # not reported after the recovery above
  tags = {
    a = 1
  }
}

output "z" {
  value = 'bad' # ERROR: Invalid character
}

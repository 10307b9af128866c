ok = true
resource "a" "b" { # ERROR: Unclosed configuration block
  x = 1

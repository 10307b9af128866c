resource "x${y}" "z" { # ERROR: Invalid string literal
  a = 1
}
b = 2

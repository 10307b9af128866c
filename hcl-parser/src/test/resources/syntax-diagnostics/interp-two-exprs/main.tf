locals {
  a = "x${1 2}y"
  b = 1
}

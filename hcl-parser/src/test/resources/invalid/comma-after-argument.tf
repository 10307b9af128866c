locals {
  a = 1, b = 2 # ERROR: Unexpected comma after argument
  c = 3
}

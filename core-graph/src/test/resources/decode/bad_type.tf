variable "x" {
  type = lisst(string) # ERROR: Invalid type specification
}

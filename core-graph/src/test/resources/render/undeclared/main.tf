locals {
  greeting = "Hello, ${var.name}!"
}

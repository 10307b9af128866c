locals {
  a = "${var.x]}"
}

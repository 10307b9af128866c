locals {
  a = "${x:y}"
}

terraform{
required_version=">= 1.0"
}
resource aws_instance web {}
resource "a" "b" {  }
resource "a" "c" {
}
module "m" { source = "./m" }
data "d" "e" { a = 1 }
resource /* c1 */ "x" /* c2 */ "y" /* c3 */ {
  dynamic "setting" {
    for_each = var.settings
    content {
      name = setting.value.name
        value = "${setting.value.v}"
    }
  }
  lifecycle { ignore_changes = [tags] }
}
locals {



  a = 1


  b = 2
}




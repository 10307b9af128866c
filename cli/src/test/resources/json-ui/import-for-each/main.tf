variable "ids" {
  default = { a = "id-a", b = "id-b" }
}
locals {
  extra = { c = "id-c" }
}
resource "terraform_data" "x" {
  for_each = merge(var.ids, local.extra)
}
import {
  for_each = merge(var.ids, local.extra)
  to       = terraform_data.x[each.key]
  id       = each.value
}

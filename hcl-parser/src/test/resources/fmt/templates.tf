locals {
  a = "${var.x}"
  b = "prefix-${var.x}"
  c = "${ var.x }${ var.y }"
  d = "%{ if var.x }yes%{ else }no%{ endif }"
  e = "%{~ for x in var.list ~}${x},%{~ endfor ~}"
  f = "${ {a=1} }"
  g = "${ var.x ? "a" : "b" }"
  h = "${"nested ${var.x}"}"
  i = "$${not_interp} %%{not_directive}"
  j = "${
var.x
}"
  k = "${var.a
? 1 : 2}"
  l = "${(var.a
? 1 : 2)}"
  m = "${f("${x}")}"
  n = "esc \"q\" \\ \n"
}
variable "v1" {
  type = "string"
}
variable "v2" {
  type = "list"
  default = "${var.x}"
}
variable "v3" {
  type = "map"
}
variable "v4" {
  type = list
}
variable "v5" {
  type = map
}
variable "v6" {
  type = set
}
variable "v7" {
  type = "number"
}
variable "v8" { type = "string" }

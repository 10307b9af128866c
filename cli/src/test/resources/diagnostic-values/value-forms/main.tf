variable "quoted" {
  type    = string
  default = "say \"hi\"\n\tnow"
}
locals {
  big    = 12345678901
  frac   = 1.5
  tiny   = 0.00001
  flag   = false
  none   = null
  empty  = []
  m      = { "k" = 1, "n" = 2 }
  one    = { only = 1 }
  obj    = { a = 1, b = "x" }
  s      = toset(["a"])
  ml     = tomap({ a = "x" })
  nested = { list = [1, 2, 3] }
}
check "forms" {
  assert {
    condition = (var.quoted == "x" && local.big == 1 && local.frac == 1 && local.tiny == 1 && local.flag
      && local.none == 1 && length(local.empty) == 1 && local.m["k"] == 2 && local.one.only == 2
      && local.obj == {} && length(local.s) == 2 && local.ml.a == "y" && length(local.nested.list) == 1
      && local.m.n == 5)
    error_message = "Forms."
  }
}

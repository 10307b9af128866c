output "ids" {
value = aws_instance.web[*].id
}
locals {
  legacy = aws_instance.web.*.id
  full = [ for i , v in var.list : upper(v) if v != "" ]
  objfor = { for k , v in var.map : k => v... if v != null }
  nested = [for a in [for b in var.x: b]: a]
  cond = var.a ? [ for x in var.b : x ] : []
  idx = var.m["key"][0]
  attr = var.o.a.b
  mixed = var.l[0].x[*].y
}

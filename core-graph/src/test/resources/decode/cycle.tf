# ERROR: Cycle: local.b (expand), local.a (expand)
locals {
  a = local.b
  b = local.a
}

locals {
  a = var.nope # ERROR: Reference to undeclared input variable
  b = local.nope # ERROR: Reference to undeclared local value
  c = terraform_data.nope.output # ERROR: Reference to undeclared resource
  d = count.index # ERROR: Reference to "count" in non-counted context
  e = each.key # ERROR: Reference to "each" in context without for_each
  f = module.nope.out # ERROR: Reference to undeclared module
  g = path.nowhere # ERROR: Invalid "path" attribute
}

resource "terraform_data" "self" {
  input = terraform_data.self.output # ERROR: Self-referential block
}

resource "terraform_data" "e" {
  for_each = toset(["alpha", "beta", "gamma"])
  input    = { key = each.key }
}

resource "terraform_data" "e" {
  for_each = toset(["alpha", "gamma", "delta"])
  input    = { key = each.key, extra = true }
}

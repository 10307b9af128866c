resource "terraform_data" "both" {
  count    = 1
  for_each = toset([]) # ERROR: Invalid combination of "count" and "for_each"
}

resource "terraform_data" "deps" {
  depends_on = [upper("x")] # ERROR: Invalid expression
}

resource "terraform_data" "prov" {
  provisioner "local-exec" {
    command = "true"
    when    = sometimes # ERROR: Invalid "when" keyword
  }
}

resource "terraform_data" "lc" {
  lifecycle {
    prevent_destroy = "perhaps" # ERROR: Unsuitable value type
  }
}

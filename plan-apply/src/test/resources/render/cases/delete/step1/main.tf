resource "terraform_data" "keep" {
  input = "k"
}

resource "terraform_data" "gone" {
  input = { name = "g", size = 3 }
}

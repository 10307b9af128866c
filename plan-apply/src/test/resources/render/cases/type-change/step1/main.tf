resource "terraform_data" "a" {
  input = "text"
}

resource "terraform_data" "b" {
  input = { x = 1 }
}

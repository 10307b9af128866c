resource "terraform_data" "a" {
  input = 12
}

resource "terraform_data" "b" {
  input = ["x", 1]
}

resource "terraform_data" "a" {
  input  = 1
  output = 2
  id     = "x"
}

resource "terraform_data" "b" {
  count  = 2
  output = count.index
}

resource "terraform_data" "c" {
  output = null
}

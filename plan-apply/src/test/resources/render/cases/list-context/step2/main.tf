resource "terraform_data" "a" {
  input = ["a", "b", "c", "X", "e", "f", "g", "h", "i"]
}

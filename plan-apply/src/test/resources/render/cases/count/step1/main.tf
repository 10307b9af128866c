resource "terraform_data" "n" {
  count = 3
  input = "item-${count.index}"
}

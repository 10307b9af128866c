resource "terraform_data" "n" {
  count = 2
  input = "item-${count.index}-v2"
}

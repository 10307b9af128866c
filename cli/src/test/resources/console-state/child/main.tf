resource "terraform_data" "c" {
  input = "child"
}
output "c" { value = terraform_data.c.id }

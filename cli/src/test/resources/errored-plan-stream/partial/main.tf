resource "terraform_data" "ok" {
  input = "x"
}
data "terraform_remote_state" "r" {
  backend = "local"
  config  = { path = "nope.tfstate" }
}
output "o" {
  value = terraform_data.ok.output
}
output "p" {
  value = "x"
}

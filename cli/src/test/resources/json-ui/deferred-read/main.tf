resource "terraform_data" "a" {
  input = "a.tfstate"
}
data "terraform_remote_state" "unknown" {
  backend = "local"
  config = { path = terraform_data.a.output }
}
data "terraform_remote_state" "pending" {
  backend = "local"
  config = { path = "a.tfstate" }
  depends_on = [terraform_data.a]
}

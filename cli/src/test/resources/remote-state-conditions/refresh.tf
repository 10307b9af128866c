# RefreshCommandDifferentialTest's additions to main.tf: a resource that a refresh would create
# (count = var.n) and a data source whose read waits for it.
variable "n" {
  default = 0
}
resource "terraform_data" "b" {
  count = var.n
  input = "y"
}
data "terraform_remote_state" "later" {
  backend    = "local"
  config     = { path = "${path.module}/other.tfstate" }
  depends_on = [terraform_data.b]
}
output "o" {
  value = terraform_data.b[*].output
}

data "terraform_remote_state" "a" {
  backend = "local"
  config = {
    path = "a.tfstate"
  }
}

output "plain" {
  value = data.terraform_remote_state.a.outputs.plain
}

data "terraform_remote_state" "a" {
  backend = "local"
  config = {
    path = "../a/terraform.tfstate"
  }
  defaults = {
    extra = "dflt"
    plain = "overridden by the state"
  }
}

output "plain" {
  value = data.terraform_remote_state.a.outputs.plain
}

output "secret" {
  value     = data.terraform_remote_state.a.outputs.secret
  sensitive = true
}

output "secret_unmarked" {
  value = data.terraform_remote_state.a.outputs.secret
}

output "obj" {
  value = data.terraform_remote_state.a.outputs.obj
}

output "extra" {
  value = data.terraform_remote_state.a.outputs.extra
}

# a check block's data source is for that check's assertions only (terraform 1.11's validation)
check "scoped" {
  data "terraform_remote_state" "s" {
    backend = "local"
  }
  assert {
    condition     = data.terraform_remote_state.s.outputs != null
    error_message = "No outputs."
  }
}

resource "terraform_data" "outside" {
  input = data.terraform_remote_state.s.outputs # ERROR: Reference to scoped resource
}

output "outside" {
  value = data.terraform_remote_state.s # ERROR: Reference to scoped resource
}

check "other" {
  data "terraform_remote_state" "t" {
    backend = "local"
    config  = { path = data.terraform_remote_state.s.backend } # ERROR: Reference to scoped resource
  }
  assert {
    condition     = data.terraform_remote_state.t.outputs != null
    error_message = "No outputs."
  }
}

# Conditions around a terraform_remote_state data source, shared by DataConditionsDifferentialTest
# (as it is) and RefreshCommandDifferentialTest (with refresh.tf beside it). other.tfstate is the
# state the data source reads.
variable "v" {
  default = 1
}
resource "terraform_data" "a" {
  input = "x"
  lifecycle {
    postcondition {
      condition     = var.v == 1
      error_message = "v is not 1"
    }
  }
}
data "terraform_remote_state" "s" {
  backend = "local"
  config  = { path = "${path.module}/other.tfstate" }
  lifecycle {
    precondition {
      condition     = terraform_data.a.output == "x"
      error_message = "a is not x"
    }
    postcondition {
      condition     = self.outputs.x == 1
      error_message = "x is not 1"
    }
  }
}
check "c" {
  assert {
    condition     = var.v == 1
    error_message = "v is not 1 (check)"
  }
}
output "x" {
  value = data.terraform_remote_state.s.outputs.x
  precondition {
    condition     = var.v == 1
    error_message = "output: v is not 1"
  }
}

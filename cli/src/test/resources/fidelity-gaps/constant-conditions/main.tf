variable "v" {
  default = "x"
  validation {
    condition     = true
    error_message = "v"
  }
}

resource "terraform_data" "a" {
  lifecycle {
    precondition {
      condition     = true
      error_message = "pre"
    }
    postcondition {
      condition     = 1 == 1
      error_message = "post"
    }
  }
}

data "terraform_remote_state" "d" {
  backend = "local"
  config = { path = "nope.tfstate" }
  defaults = {}
  lifecycle {
    precondition {
      condition     = "true"
      error_message = "dpre"
    }
    postcondition {
      condition     = length([]) == 0
      error_message = "dpost"
    }
  }
}

output "o" {
  value = 1
  precondition {
    condition     = true
    error_message = "opre"
  }
}

check "c" {
  assert {
    condition     = true
    error_message = "c"
  }
}

variable "w" {
  default = "y"
  validation {
    condition     = var.v != ""
    error_message = "w"
  }
  validation {
    condition     = alltrue([for x in [1] : x > 0])
    error_message = "w"
  }
}

resource "terraform_data" "b" {
  lifecycle {
    precondition {
      condition     = "${true}"
      error_message = "pre"
    }
    postcondition {
      condition     = self.output == null
      error_message = "fine"
    }
  }
}

check "d" {
  assert {
    condition     = var.w != ""
    error_message = "fine"
  }
  assert {
    condition     = false
    error_message = "dropped"
  }
}

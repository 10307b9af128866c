terraform {
  required_providers {
    local = { source = "capstan/local" }
  }
}

variable "want" {
  default = "hello"
}

# read while planning: both conditions pass
data "local_file" "d" {
  filename = "${path.module}/in.txt"
  lifecycle {
    precondition {
      condition     = length(var.want) > 0
      error_message = "want is empty"
    }
    postcondition {
      condition     = trimspace(self.content) == var.want
      error_message = "content is ${self.content}"
    }
  }
}

resource "terraform_data" "name" {
  input = "${path.module}/in.txt"
}

# read during apply (its file name is not known before): its postcondition waits
data "local_file" "later" {
  count    = 2
  filename = terraform_data.name.output
  lifecycle {
    postcondition {
      condition     = trimspace(self.content) == var.want
      error_message = "content is ${self.content}"
    }
  }
}

variable "password" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

resource "terraform_data" "a" {
  input = { user = "admin", password = var.password }
}

resource "terraform_data" "b" {
  input = var.password
}

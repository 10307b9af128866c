variable "password" {
  type      = string
  sensitive = true
  default   = "correct-horse"
}

resource "terraform_data" "a" {
  input = { user = "root", password = var.password }
}

resource "terraform_data" "b" {
  input = var.password
}

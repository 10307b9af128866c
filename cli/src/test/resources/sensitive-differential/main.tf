# Sensitive values from the provider schema, from sensitive variables and from sensitive():
# terraform and Capstan must record, show and print them alike.
terraform {
  required_providers {
    random = { source = "capstan/random" }
    local  = { source = "capstan/local" }
  }
}

variable "secret" {
  type      = string
  sensitive = true
  default   = "hunter2"
}

variable "obj" {
  type    = object({ a = string, b = list(string) })
  default = { a = "x", b = ["p", "q"] }
}

# schema: result and bcrypt_hash are sensitive
resource "random_password" "db" {
  length = 12
}

# schema: content is sensitive; it also refers to a sensitive value
resource "local_sensitive_file" "f" {
  filename = "${path.module}/out/s"
  content  = random_password.db.result
}

resource "terraform_data" "v" {
  input = var.secret
}

# nested marks: one attribute of an object, one element of a list
resource "terraform_data" "n" {
  input = { plain = "p", hidden = var.secret, list = ["a", sensitive("b")], o = var.obj }
}

resource "terraform_data" "w" {
  input = sensitive(var.obj)
}

# a schema-sensitive attribute flowing into another resource
resource "terraform_data" "p" {
  input = random_password.db.result
}

resource "terraform_data" "pl" {
  input = "plain"
}

output "pw" {
  value     = random_password.db.result
  sensitive = true
}

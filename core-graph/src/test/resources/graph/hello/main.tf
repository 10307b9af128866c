terraform {
  required_version = ">= 1.5"
}

variable "name" {
  type        = string
  description = "Who to greet."
  default     = "world"
}

variable "replicas" {
  type    = number
  default = 3
}

locals {
  greeting = "Hello, ${var.name}!"
  labels = {
    app  = "hello"
    tier = "demo"
  }
}

resource "terraform_data" "greeting" {
  count = var.replicas
  input = "${local.greeting} (#${count.index + 1})"

  triggers_replace = [for k, v in local.labels : "${k}=${v}"]
}

output "greetings" {
  description = "Every greeting, in order."
  value       = terraform_data.greeting[*].output
}

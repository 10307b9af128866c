terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

output "not_an_arn" {
  value = provider::aws::arn_parse("not-an-arn")
}

output "no_such_function" {
  value = provider::aws::nope("x")
}

output "undeclared_provider" {
  value = provider::google::nope("x")
}

output "missing_argument" {
  value = provider::aws::arn_build("aws", "iam")
}

output "null_argument" {
  value = provider::aws::arn_parse(null)
}

# hashicorp/aws's provider-defined functions, with no provider block: Terraform calls them on an
# unconfigured provider, so no credentials or network are needed.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

variable "role" {
  default = "arn:aws:iam::444455556666:role/with/path/example"
}

locals {
  parsed = provider::aws::arn_parse(var.role)
}

resource "terraform_data" "account" {
  input = provider::aws::arn_parse(var.role).account_id
}

output "parsed" {
  value = local.parsed
}

output "built" {
  value = provider::aws::arn_build(local.parsed.partition, "iam", "", local.parsed.account_id, "role/example")
}

output "trimmed" {
  value = provider::aws::trim_iam_role_path(var.role)
}

# Unknown until apply: the function is called only once its argument is known.
output "after_apply" {
  value = provider::aws::arn_build("aws", "s3", "", terraform_data.account.output, "bucket")
}

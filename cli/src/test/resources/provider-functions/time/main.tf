# The Java SDK time provider's rfc3339_parse, as hashicorp/time offers it.
terraform {
  required_providers {
    time = {
      source = "capstan/time"
    }
  }
}

resource "terraform_data" "stamp" {
  input = "2024-12-30T01:02:03-05:00"
}

output "parsed" {
  value = provider::time::rfc3339_parse("2023-07-25T23:43:16Z")
}

output "weekday" {
  value = provider::time::rfc3339_parse("2000-01-01T00:00:00+14:00").weekday_name
}

# Unknown until apply; the ISO week of 2024-12-30 belongs to 2025.
output "after_apply" {
  value = provider::time::rfc3339_parse(terraform_data.stamp.output)
}

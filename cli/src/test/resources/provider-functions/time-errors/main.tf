terraform {
  required_providers {
    time = {
      source = "capstan/time"
    }
  }
}

output "not_a_timestamp" {
  value = provider::time::rfc3339_parse("yesterday")
}

output "no_such_function" {
  value = provider::time::duration_parse("1h")
}

output "too_many_arguments" {
  value = provider::time::rfc3339_parse("2023-07-25T23:43:16Z", "x")
}

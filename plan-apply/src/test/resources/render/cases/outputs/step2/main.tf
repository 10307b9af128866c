resource "terraform_data" "a" {
  input = "x"
}

output "id" {
  value = terraform_data.a.id
}

output "plain" {
  value = "two"
}

output "secret" {
  value     = "t0ps3cr3t"
  sensitive = true
}

output "obj" {
  value = { a = 2, b = [true], c = "text", d = null }
}

output "added" {
  value = 42
}

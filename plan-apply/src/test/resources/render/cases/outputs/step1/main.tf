resource "terraform_data" "a" {
  input = "x"
}

output "id" {
  value = terraform_data.a.id
}

output "plain" {
  value = "one"
}

output "secret" {
  value     = "s3cr3t"
  sensitive = true
}

output "obj" {
  value = { a = 1, b = [true, false], c = "text" }
}

resource "terraform_data" "x" {
  input = "hello"
}
output "plain" {
  value = terraform_data.x.output
}
output "secret" {
  value     = "s3cr3t"
  sensitive = true
}
output "obj" {
  value = { n = 1, l = ["a", "b"] }
}

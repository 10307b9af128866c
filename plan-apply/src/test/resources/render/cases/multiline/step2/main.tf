resource "terraform_data" "a" {
  input = <<-EOT
    line one
    line 2
    line three
    line four
  EOT
}

terraform {
  required_providers {
    slow = { source = "capstan/slow" }
  }
}
resource "slow_file" "a" {
  path         = "${path.module}/a.txt"
  content      = "a"
}
resource "slow_file" "b" {
  path    = "${path.module}/b.txt"
  content = slow_file.a.content
}

terraform {
  required_providers {
    local = { source = "capstan/local" }
  }
}

resource "local_file" "a" {
  filename = "${path.module}/a.txt"
  content  = "hello"
}

resource "local_file" "b" {
  filename = "${path.module}/b.txt"
  content  = "b"
}

resource "local_file" "c" {
  filename = "${path.module}/c.txt"
  content  = local_file.a.id
}

output "o" {
  value = local_file.b.filename
}

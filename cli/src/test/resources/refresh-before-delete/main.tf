terraform {
  required_providers {
    local = { source = "capstan/local" }
  }
}

resource "local_file" "a" {
  filename = "${path.module}/a.txt"
  content  = "a"
}

data "local_file" "d" {
  filename = local_file.a.filename
}

# removed by the test (orphans): b's file is deleted outside, c's stays
resource "local_file" "b" {
  filename = "${path.module}/b.txt"
  content  = "b"
}

resource "local_file" "c" {
  filename = "${path.module}/c.txt"
  content  = "c"
}

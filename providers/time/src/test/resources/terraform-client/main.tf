terraform {
  required_providers {
    random = { source = "capstan/random" }
    local  = { source = "capstan/local" }
    time   = { source = "capstan/time" }
  }
}

resource "random_string" "name" {
  length  = 12
  special = false
}

resource "random_password" "db" {
  length      = 20
  min_numeric = 2
  keepers     = { rotation = "1" }
}

resource "random_integer" "port" {
  min = 8000
  max = 8999
}

resource "random_id" "bucket" {
  byte_length = 4
  prefix      = "bucket-"
}

resource "random_shuffle" "zones" {
  input        = ["a", "b", "c"]
  result_count = 2
}

resource "time_static" "created" {}

resource "time_offset" "expiry" {
  base_rfc3339 = time_static.created.rfc3339
  offset_days  = 30
}

resource "time_sleep" "settle" {
  create_duration = "200ms"
  triggers        = { name = random_string.name.result }
}

resource "local_file" "conf" {
  filename        = "${path.module}/out/app.conf"
  file_permission = "0644"
  content         = <<-CONF
    name=${random_string.name.result}
    port=${random_integer.port.result}
    bucket=${random_id.bucket.hex}
    zones=${join(",", random_shuffle.zones.result)}
    expires=${time_offset.expiry.rfc3339}
  CONF
  depends_on = [time_sleep.settle]
}

resource "local_sensitive_file" "secret" {
  filename = "${path.module}/out/db-password"
  content  = random_password.db.result
}

data "local_file" "conf" {
  filename = local_file.conf.filename
}

output "conf" {
  value = data.local_file.conf.content
}

output "name" {
  value = random_string.name.result
}

output "port" {
  value = random_integer.port.result
}

output "expires" {
  value = time_offset.expiry.rfc3339
}

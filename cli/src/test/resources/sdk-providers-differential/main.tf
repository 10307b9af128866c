# One configuration using all three Java SDK providers, run by terraform and by Capstan.
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
  length = 20
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
  create_duration = "50ms"
  triggers        = { name = random_string.name.result }
}

resource "local_file" "conf" {
  filename   = "${path.module}/out/app.conf"
  content    = "name=${random_string.name.result}\nbucket=${random_id.bucket.hex}\nzones=${join(",", random_shuffle.zones.result)}\n"
  depends_on = [time_sleep.settle]
}

resource "local_sensitive_file" "secret" {
  filename = "${path.module}/out/db-password"
  content  = random_password.db.result
}

data "local_file" "conf" {
  filename = local_file.conf.filename
}

# Imported in the first apply (ImportResourceState, then ReadResource).
resource "random_string" "imported" {
  length = 11
}

import {
  to = random_string.imported
  id = "hello-world"
}

output "conf" {
  value = data.local_file.conf.content
}

output "name" {
  value = random_string.name.result
}

output "password" {
  value     = random_password.db.result
  sensitive = true
}

output "expires" {
  value = time_offset.expiry.rfc3339
}

import {
  to = terraform_data.a
  id = "fixed-a"
}

import {
  to = terraform_data.b
  id = "fixed-b"
}

resource "terraform_data" "a" {}

resource "terraform_data" "b" {
  input = terraform_data.a.id
}

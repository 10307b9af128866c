terraform {
  required_providers {
    random = { source = "capstan/random" }
  }
}
import {
  to = random_integer.n
  id = "abc"
}
resource "random_integer" "n" {
  min = 1
  max = 5
}

resource "terraform_data" "a" {
  input = {
    name  = "svc"
    ports = [80, 8443, 443]
    tags  = { env = "prod", owner = "ops" }
    limits = {
      cpu    = 4
      memory = "1Gi"
      nested = { deep = ["a", "c"] }
    }
    rules = [
      { from = 1, to = 2 },
      { from = 3, to = 5 },
    ]
  }
}

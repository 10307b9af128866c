resource "terraform_data" "a" {
  input = {
    name  = "svc"
    ports = [80, 443]
    tags  = { env = "dev", team = "core" }
    limits = {
      cpu    = 2
      memory = "1Gi"
      nested = { deep = ["a", "b", "c"] }
    }
    rules = [
      { from = 1, to = 2 },
      { from = 3, to = 4 },
    ]
  }
}

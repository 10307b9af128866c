resource "terraform_data" "src" {
  input            = "seed"
  triggers_replace = "t1"
}

resource "terraform_data" "dep" {
  input = { from = terraform_data.src.output, fixed = "f" }
}

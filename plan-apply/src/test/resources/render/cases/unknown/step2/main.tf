resource "terraform_data" "src" {
  input            = "seed2"
  triggers_replace = "t2"
}

resource "terraform_data" "dep" {
  input = { from = terraform_data.src.output, fixed = "f" }
}

resource "terraform_data" "x" {
  input = "abc"
  lifecycle {
    postcondition {
      condition     = self.output == "zzz"
      error_message = "Bad output."
    }
  }
}

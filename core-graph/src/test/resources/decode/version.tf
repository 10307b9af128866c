terraform {
  required_version = "< 1.0.0" # ERROR: Unsupported Terraform Core version
}

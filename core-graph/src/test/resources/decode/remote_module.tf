module "consul" {
  source = "hashicorp/consul/aws" # ERROR: Unsupported module source
}

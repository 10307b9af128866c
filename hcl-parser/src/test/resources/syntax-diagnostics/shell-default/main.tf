locals {
  cmd = "echo ${HOME:-/root}"
}

output "x" { # ERROR: Missing required argument
  description = "No value here."
}

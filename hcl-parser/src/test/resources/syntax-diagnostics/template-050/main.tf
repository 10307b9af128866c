output "result" {
  value = [
"${"unterminated}"
  ]
}

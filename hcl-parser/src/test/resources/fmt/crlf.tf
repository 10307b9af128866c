locals {
  a=1
  bbb = 2   
  # c
  list = [
1,
  2]
}
x = <<EOT
heredoc line
EOT

locals {
  a = <<EOT
  keep   this    spacing
	tabs too   
EOT
  b = <<-EOT
      indented ${var.x}
      %{ if var.y }yes%{ endif }
    EOT
  c    = "x"
  d = [<<EOT
in list
EOT
  ]
  e = upper(<<EOT
arg
EOT
)
    f = 1
}
output "o" {
  value = <<EOF
${ var.a }
EOF
}

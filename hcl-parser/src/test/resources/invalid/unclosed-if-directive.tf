a = "%{if x}y" # ERROR: Unexpected end of template

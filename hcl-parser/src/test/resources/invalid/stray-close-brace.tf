x = 1
} # ERROR: Argument or block definition required
y = 2

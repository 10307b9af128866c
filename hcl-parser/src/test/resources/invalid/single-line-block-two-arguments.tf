a { b = 1, c = 2 } # ERROR: Invalid single-argument block definition
a { b = 1 }

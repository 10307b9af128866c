a "b" c = 1 # ERROR: Invalid block definition

a = { b = 1 c = 2 } # ERROR: Missing attribute separator

a = "\q" # ERROR: Invalid escape sequence

a = 1 2 # ERROR: Missing newline after argument
b = 2

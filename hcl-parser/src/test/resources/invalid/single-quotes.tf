a = 'x' # ERROR: Invalid character
b = 1

a = 1 + # ERROR: Invalid expression
b = 2

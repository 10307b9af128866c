a = (1 + 2] # ERROR: Unbalanced parentheses

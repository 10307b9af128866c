a = a. # ERROR: Invalid attribute name

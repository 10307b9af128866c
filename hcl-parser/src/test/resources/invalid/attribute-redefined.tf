a = 1
a = 2 # ERROR: Attribute redefined

a = f(1 2) # ERROR: Missing argument separator

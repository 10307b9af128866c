a = {for x in y : x} # ERROR: Invalid 'for' expression

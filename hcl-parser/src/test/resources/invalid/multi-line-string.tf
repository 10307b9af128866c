a = "abc # ERROR: Invalid multi-line string
b = "still parsed"

# values
n = 5
ok = ""

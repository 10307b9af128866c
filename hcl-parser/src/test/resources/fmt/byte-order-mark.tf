a=1
bb = 2 # a leading byte-order mark is dropped

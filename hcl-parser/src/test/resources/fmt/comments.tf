# top comment
// slash comment
/* block comment */
/*
   multi-line block
     comment kept as is
*/
resource "a" "b" { # trailing on header
  x = 1 # one
  yyy = 2 // two
  zz = 3 /* three */
  /* leading */ w = 4
  v = 5 # c1
  # standalone
  long_name = 6 # c2
  short = 7   #   spaced
  list = [
    1, # first
    22, # second
    333 /* inline */,
  ]
  obj = { # open
    k = "v" # kv
  }     # close
}
# between
locals { a = 1 } # after one-line block
/* a */ /* b */
x = 1 /* trailing block */ # and line

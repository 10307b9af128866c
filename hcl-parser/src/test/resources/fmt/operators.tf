locals {
  a = 1+2*3/4%5-6
  b = -1
  c = 1 - -2
  d = !true&&false||true
  e = a==b
  f = a!=b
  g = a<b&&a<=b&&a>b&&a>=b
  h = (1+2)*3
  i = a?b:c
  j = [for x in xs:x*2 if x>1]
  k = {for k,v in m:k=>v...}
  l = f(a,b,c...)
  m = provider::terraform::encode_tfvars({a=1})
  n = a.b[0].c[*].d
  o = a.*.b
  p = [ 1 , 2 , 3 ]
  q = { a = 1, b = 2 }
  r = {}
  s = []
  t = f( )
  u = - x
  v = ! x
  w = x [0]
  y = [for x in [1,2]:x]
  z = 1.5e3-0.25
  aa = x == -1 ? -x : x*-1
  bb = (-1)
  cc = [-1, - 2]
  dd = {a = -1}
  ee = x - -y - - z
}

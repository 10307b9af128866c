locals {
  obj = {
  a = {
  b = {
  c = [1,
  2,
  3]
  }
  }
  list = [
  [1, 2],
  [
  3,
  4
  ],
  {x=1,
  y=2}
  ]
  }
  fn = merge(
  {a=1},
  {
  b=2
  })
  tuple = [
  for x in var.list : {
  name = x
  value = x
  }
  ]
  unbalanced = [1,
    2, 3
      ]
}

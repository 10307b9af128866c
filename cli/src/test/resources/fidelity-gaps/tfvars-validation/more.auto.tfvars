names = [
  "a",
  "b",
]

locals {
  é = 1
  naïve_key = "ünïcödé"
  x = 2 # ça
  long = "日本語" # cjk
  y = "😀" # emoji
}

locals {
  a = "%{if true 1}x%{endif}"
}

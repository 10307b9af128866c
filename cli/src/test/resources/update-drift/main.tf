terraform {
  required_providers {
    notes = { source = "capstan/notes" }
  }
}

resource "notes_note" "a" {
  path = "${path.module}/a.txt"
  text = "one"
}

# refers to a's text: a's drift is relevant to b's change
resource "notes_note" "b" {
  path = "${path.module}/b.txt"
  text = "${notes_note.a.text}!"
}

# nothing refers to c
resource "notes_note" "c" {
  path = "${path.module}/c.txt"
  text = "c"
}

output "t" {
  value = notes_note.a.text
}

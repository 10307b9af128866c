resource "terraform_data" "b" {
  count = 2
  input = 1
}

resource "terraform_data" "a" {
  lifecycle {
    ignore_changes       = ["*"]
    replace_triggered_by = [terraform_data.b[0], "terraform_data.b", terraform_data.b]
  }
}

resource "terraform_data" "c" {
  lifecycle {
    ignore_changes       = "all"
    replace_triggered_by = [each.value, var.x]
  }
}

resource "terraform_data" "d" {
  lifecycle {
    ignore_changes       = ["all", "1abc"]
    replace_triggered_by = [[terraform_data.b[0].input, terraform_data.a.input][0]]
  }
}

resource "terraform_data" "e" {
  lifecycle {
    replace_triggered_by = [count.id, self, terraform_data.b[count.index]]
  }
}

#!/usr/bin/env python3
"""Generates Terraform configurations for Capstan's benchmarks.

  gen_config.py big FILE MEGABYTES      one large .tf file mixing every construct (parser/fmt)
  gen_config.py graph DIR SHAPE N       N terraform_data resources; SHAPE is one of
                                        wide | chain | layered | count
Deterministic: the same arguments always give the same bytes.
"""
import os
import random
import sys


def big(path, megabytes):
    rnd = random.Random(42)
    target = int(float(megabytes) * 1024 * 1024)
    out = []
    size = 0
    i = 0
    while size < target:
        n = i
        block = f'''# resource {n}: a comment that fmt keeps
variable "v{n}" {{
  type = list(object({{ name = string, port = optional(number, 80) }}))
  default = [{{ name = "a{n}" }}, {{ name = "b{n}", port = {rnd.randint(1, 65535)} }}]
  description = <<-EOT
    Heredoc number {n}.
      Indented line.
  EOT
}}

locals {{
  l{n} = {{ for i, x in var.v{n} : x.name => x.port * 2 + i if x.port != null }}
  s{n} = "prefix-${{var.v{n}[0].name}}-%{{ if length(var.v{n}) > 1 }}many%{{ else }}one%{{ endif }}"
  t{n} = [for k, v in local.l{n} : upper(k)]
  c{n} = length(var.v{n}) > 0 ? var.v{n}[*].name : []
}}

resource "terraform_data" "r{n}" {{
  count = {rnd.randint(0, 3)}
  input = {{
    id    = "r{n}-${{count.index}}"
    value = (1 + 2) * 3 / 4 % 5 - -6
    flags = [true, false, null, 1.5e3, 0.25]
    nested = {{ a = {{ b = {{ c = "deep" }} }} }}
  }}
  lifecycle {{
    ignore_changes = [input]
  }}
}}

'''
        out.append(block)
        size += len(block.encode())
        i += 1
    with open(path, "w") as f:
        f.write("".join(out))


def graph(dirname, shape, n):
    n = int(n)
    os.makedirs(dirname, exist_ok=True)
    lines = []
    if shape == "wide":
        for i in range(n):
            lines.append(f'resource "terraform_data" "r{i}" {{\n  input = "v{i}"\n}}\n')
    elif shape == "chain":
        lines.append('resource "terraform_data" "r0" {\n  input = "v0"\n}\n')
        for i in range(1, n):
            lines.append(f'resource "terraform_data" "r{i}" {{\n  input = terraform_data.r{i-1}.output\n}}\n')
    elif shape == "layered":
        layers = 10
        per = max(1, n // layers)
        for layer in range(layers):
            for j in range(per):
                name = f"l{layer}_{j}"
                if layer == 0:
                    lines.append(f'resource "terraform_data" "{name}" {{\n  input = "{name}"\n}}\n')
                else:
                    # .id (a fixed-size UUID), not .output: output = input, so feeding outputs forward
                    # would nest 4^layer strings per value (about 10^6 in layer 9) and the states
                    # of both tools would grow to hundreds of MB, which is what stopped engine.sh
                    refs = ", ".join(f"terraform_data.l{layer-1}_{(j + k) % per}.id" for k in range(4))
                    lines.append(f'resource "terraform_data" "{name}" {{\n  input = [{refs}]\n}}\n')
    elif shape == "count":
        lines.append(f'resource "terraform_data" "r" {{\n  count = {n}\n  input = "v${{count.index}}"\n}}\n')
    else:
        sys.exit(f"unknown shape {shape!r}: use wide, chain, layered or count")
    with open(os.path.join(dirname, "main.tf"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "big" and len(sys.argv) == 4:
        big(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "graph" and len(sys.argv) == 5:
        graph(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)

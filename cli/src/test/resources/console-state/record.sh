#!/usr/bin/env bash
# Records terraform-console.txt: each expression of expressions.txt piped into
# `terraform console` in an initialised copy of this folder (terraform 1.11.4).
set -euo pipefail
cd "$(dirname "$0")"
export TF_CLI_CONFIG_FILE=/dev/null
tmp=$(mktemp -d); cp -r main.tf child terraform.tfstate "$tmp"/
(cd "$tmp" && terraform init -input=false >/dev/null)
: > terraform-console.txt
while IFS= read -r e; do
  set +e; out=$(cd "$tmp" && echo "$e" | terraform console 2>/dev/null); code=$?; set -e
  printf '=== %s\n--- exit %s\n--- stdout\n%s\n' "$e" "$code" "$out" >> terraform-console.txt
done < expressions.txt
rm -rf "$tmp"

#!/usr/bin/env bash
# Copies Capstan's own conformance corpus (expressions and whole configurations, recorded
# from Terraform 1.11) from ../shared into this project, so tests run on a fresh clone.
# The HCL spec suite is HashiCorp's (MPL-2.0) and is NOT copied: tests read it from
# ../shared when present and print why they skip otherwise.
# Re-run after ../shared/conformance changes, then commit the result.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-$here/../../shared/conformance}"
rm -rf "$here/expressions" "$here/configs"
cp -r "$src/expressions" "$here/expressions"
cp -r "$src/configs" "$here/configs"
cp "$src/README.md" "$here/CORPUS.md"
echo "synced from $src: $(wc -l < "$here/expressions/cases.jsonl") expression cases, $(ls "$here/configs" | wc -l) configurations"

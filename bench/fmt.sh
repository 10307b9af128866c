#!/usr/bin/env bash
# Whole-process comparison: `capstan fmt -check` vs `terraform fmt -check` on the same
# generated 10 MB configuration, in one run. Prints both times, peak memory and the ratio.
# Usage: bench/fmt.sh [MEGABYTES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
mb=${1:-10}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$here/gen_config.py" big "$work/raw.tf" "$mb"
# Benchmark the check of an already-formatted file (the common CI case); produced by terraform itself.
terraform fmt - < "$work/raw.tf" > "$work/big.tf" 2>/dev/null
[ -f "$root/cli/target/capstan.jar" ] || (cd "$root" && mvn -q -DskipTests package)
command -v terraform >/dev/null || { echo "terraform not installed: cannot compare"; exit 1; }
read -r ct cm < <(measure "$root/bin/capstan" fmt -check "$work/big.tf")
read -r tt tm < <(measure terraform fmt -check "$work/big.tf")
size=$(stat -c %s "$work/big.tf")
echo "fmt -check on $(awk -v s="$size" 'BEGIN{printf "%.1f", s/1048576}') MB"
printf "%-10s %8s s %6s MiB\n" capstan "$ct" "$cm" terraform "$tt" "$tm"
echo "ratio capstan/terraform: time $(ratio "$ct" "$tt"), peak memory $(ratio "$cm" "$tm")"

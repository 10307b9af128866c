#!/usr/bin/env bash
# Whole-process comparison: `capstan validate` vs `terraform validate` on generated configurations
# of terraform_data resources in four shapes (wide, chain, layered, count) at 1,000 and 10,000
# resources, in one run. terraform is initialised first in each directory; only validate is timed.
# Prints wall time, CPU time (user+sys: meaningful on a shared, overloaded machine), peak memory,
# and the ratios capstan/terraform of both.
# Usage: [SHAPES="wide layered"] bench/validate.sh [SIZES...]   (default: all four shapes; 1000 10000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[ -f "$root/cli/target/capstan.jar" ] || (cd "$root" && mvn -q -DskipTests package)
command -v terraform >/dev/null || { echo "terraform not installed: cannot compare"; exit 1; }
# measure_cpu CMD... : prints "<wall-s> <cpu-s> <peak-RSS-MiB>".
measure_cpu() {
  local tf; tf=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >>"$BENCH_LOG" 2>&1 || true
  awk '{printf "%s %.2f %.0f\n", $1, $2 + $3, $4/1024}' "$tf"
  rm -f "$tf"
}
printf "%-8s %6s | %8s %7s %5s | %8s %7s %5s | %10s %9s\n" shape N "capstan" "cpu" MiB "terraf." "cpu" MiB "ratio wall" "ratio cpu"
for n in "${sizes[@]}"; do
  for shape in ${SHAPES:-wide chain layered count}; do
    d="$work/$shape-$n"; mkdir -p "$d"
    python3 "$here/gen_config.py" graph "$d" "$shape" "$n"
    (cd "$d" && terraform init -input=false -backend=false >/dev/null 2>&1) || { echo "terraform init failed in $d"; exit 1; }
    # Both must agree that the configuration is valid, or the timing compares different work.
    (cd "$d" && "$root/bin/capstan" validate >/dev/null) || { echo "capstan validate failed on $shape $n"; exit 1; }
    read -r ct cc cm < <(cd "$d" && measure_cpu "$root/bin/capstan" validate)
    read -r tt tc tm < <(cd "$d" && measure_cpu terraform validate)
    printf "%-8s %6s | %7ss %6ss %5s | %7ss %6ss %5s | %10s %9s\n" "$shape" "$n" "$ct" "$cc" "$cm" "$tt" "$tc" "$tm" \
      "$(ratio "$ct" "$tt")" "$(ratio "$cc" "$tc")"
  done
done

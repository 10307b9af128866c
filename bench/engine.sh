#!/usr/bin/env bash
# Whole-process comparison of the engine with Terraform: plan, apply, no-change plan and destroy
# of generated terraform_data configurations (wide, chain, layered, count) at the given sizes,
# both tools side by side on the same configuration, each with its own copy of the directory.
# Prints wall and CPU time (user+sys) and peak memory per step, and the ratios capstan/terraform.
# Usage: bench/engine.sh [SIZES...]   (default: 100 1000)
#   BENCH_SHAPES="wide count" limits the shapes; BENCH_TIMEOUT (s, default 1800) bounds each step;
#   BENCH_LOG=FILE keeps both tools' output (a failing step shows up there, and as "-" in the table).
#   A step stopped by BENCH_TIMEOUT shows its wall time with a "*" (a lower bound).
echo "load: $(uptime | sed 's/.*load average: //')"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[ -f "$root/cli/target/capstan.jar" ] || (cd "$root" && mvn -q -DskipTests package)
command -v terraform >/dev/null || { echo "terraform not installed: cannot compare"; exit 1; }
measure_cpu() {
  local tf; tf=$(mktemp)
  /usr/bin/time -f '%e %U %S %M' -o "$tf" timeout "${BENCH_TIMEOUT:-1800}" "$@" >>"$BENCH_LOG" 2>&1 || true
  # a killed or crashed command leaves no usable line: print a row of dashes so `read` under
  # `set -e` cannot end the whole script
  # a step killed by BENCH_TIMEOUT (exit status 124) gets a "*" after its wall time: its
  # figures are a lower bound, and the next steps of that tool start from a partial state
  awk '/status 124/ {capped="*"} NF >= 4 && $1 ~ /^[0-9.]+$/ {w=$1; c=$2 + $3; m=$4/1024; ok=1}
       END {if (ok) printf "%s%s %.2f %.0f\n", w, capped, c, m; else print "- - -"}' "$tf"
  rm -f "$tf"
}
printf "%-8s %6s %-8s | %8s %7s %5s | %8s %7s %5s | %10s %9s %9s\n" shape N step "capstan" "cpu" MiB "terraf." "cpu" MiB \
  "ratio wall" "ratio cpu" "ratio mem"
for n in "${sizes[@]}"; do
  for shape in ${BENCH_SHAPES:-wide chain layered count}; do
    c="$work/capstan-$shape-$n"; t="$work/terraform-$shape-$n"; mkdir -p "$c" "$t"
    python3 "$here/gen_config.py" graph "$c" "$shape" "$n"
    cp "$c"/*.tf "$t"/
    (cd "$t" && terraform init -input=false >/dev/null 2>&1) || { echo "terraform init failed in $t"; exit 1; }
    for step in plan apply replan destroy; do
      case $step in
        plan) args=(plan -no-color) ;;
        apply) args=(apply -auto-approve -no-color) ;;
        replan) args=(plan -no-color -detailed-exitcode) ;;
        destroy) args=(destroy -auto-approve -no-color) ;;
      esac
      read -r ct cc cm < <(cd "$c" && measure_cpu "$root/bin/capstan" "${args[@]}")
      read -r tt tc tm < <(cd "$t" && measure_cpu terraform "${args[@]}")
      printf "%-8s %6s %-8s | %7ss %6ss %5s | %7ss %6ss %5s | %10s %9s %9s\n" "$shape" "$n" "$step" "$ct" "$cc" "$cm" \
        "$tt" "$tc" "$tm" "$(ratio "$ct" "$tt")" "$(ratio "$cc" "$tc")" "$(ratio "$cm" "$tm")"
    done
    # both tools must end with an empty state, or the destroy timings compare different work
    for d in "$c" "$t"; do
      left=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(sum(len(r["instances"]) for r in s.get("resources",[])))' "$d/terraform.tfstate" 2>/dev/null || echo 0)
      [ "$left" = 0 ] || echo "WARNING: $d still has $left instances after destroy"
    done
  done
done
echo "load: $(uptime | sed 's/.*load average: //')"

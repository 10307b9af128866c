#!/usr/bin/env bash
# Whole-process comparison: `capstan validate` vs `terraform validate` on generated configurations
# of terraform_data resources in four shapes (wide, chain, layered, count) at 1,000 and 10,000
# resources, in one run. terraform is initialised first in each directory; only validate is timed.
# Prints wall time, CPU time (user+sys: meaningful on a shared, overloaded machine), peak memory,
# and the ratios capstan/terraform of both.
# Daemon columns (DAEMON=0 leaves them out): the same validate through `CAPSTAN_DAEMON=1 bin/capstan`.
# Its CPU is the client's (bash, measured by /usr/bin/time) plus the server's for that request
# (utime+stime of the server pid from /proc/PID/stat, before and after). "warm": the server already
# running, each figure the best of DAEMON_RUNS (3) batches of DAEMON_BATCH requests (10 for count, whose
# requests take a few ms against the 10 ms clock tick of both measures; 1 for the others), divided
# by the batch size; "cold": the daemon stopped first, so that one call includes starting the server
# (client + all the server's CPU up to the answer).
# Usage: [SHAPES="wide layered"] [DAEMON=0] bench/validate.sh [SIZES...]   (default: all four shapes; 1000 10000)
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
daemon=${DAEMON:-1}
# server_cpu PID: seconds of CPU (utime+stime) the process has used so far.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.3f\n", ($12 + $13) / hz }' "/proc/$1/stat"
}
daemon_pid() { "$root/bin/capstan" daemon status 2>/dev/null | awk '$1 == "pid" { print $2 }'; }
# daemon_cpu BATCH: "<warm-wall-s> <warm-cpu-s> <cold-cpu-s>" for validate in the current directory.
daemon_cpu() {
  local pid b0 b1 tf best="" bestwall="" i cold batch=$1
  "$root/bin/capstan" daemon stop >/dev/null 2>&1 || true
  tf=$(mktemp)
  CAPSTAN_DAEMON=1 /usr/bin/time -f '%U %S' -o "$tf" "$root/bin/capstan" validate >>"$BENCH_LOG" 2>&1 || true
  pid=$(daemon_pid)
  cold=$(awk -v s="$(server_cpu "$pid")" '{ printf "%.3f", $1 + $2 + s }' "$tf")
  for ((i = 0; i < ${DAEMON_RUNS:-3}; i++)); do
    b0=$(server_cpu "$pid")
    CAPSTAN_DAEMON=1 DAEMON_BATCH=$batch /usr/bin/time -f '%e %U %S' -o "$tf" bash -c \
      'for ((j = 0; j < DAEMON_BATCH; j++)); do "$0" validate; done' "$root/bin/capstan" >>"$BENCH_LOG" 2>&1 || true
    b1=$(server_cpu "$pid")
    read -r w c < <(awk -v d="$(awk -v a="$b0" -v b="$b1" 'BEGIN { print b - a }')" -v n="$batch" \
      '{ printf "%.4f %.4f\n", $1 / n, ($2 + $3 + d) / n }' "$tf")
    if [ -z "$best" ] || awk -v a="$c" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$c; fi
    if [ -z "$bestwall" ] || awk -v a="$w" -v b="$bestwall" 'BEGIN { exit !(a < b) }'; then bestwall=$w; fi
  done
  rm -f "$tf"
  "$root/bin/capstan" daemon stop >/dev/null 2>&1 || true
  echo "$bestwall $best $cold"
}
uptime
if [ "$daemon" = 1 ]; then
  printf "%-8s %6s | %8s %7s %5s | %8s %7s %5s | %10s %9s | %8s %8s %8s | %9s\n" shape N "capstan" "cpu" MiB "terraf." "cpu" MiB \
    "ratio wall" "ratio cpu" "dmn wall" "dmn cpu" "cold cpu" "dmn ratio"
else
  printf "%-8s %6s | %8s %7s %5s | %8s %7s %5s | %10s %9s\n" shape N "capstan" "cpu" MiB "terraf." "cpu" MiB "ratio wall" "ratio cpu"
fi
for n in "${sizes[@]}"; do
  for shape in ${SHAPES:-wide chain layered count}; do
    d="$work/$shape-$n"; mkdir -p "$d"
    python3 "$here/gen_config.py" graph "$d" "$shape" "$n"
    (cd "$d" && terraform init -input=false -backend=false >/dev/null 2>&1) || { echo "terraform init failed in $d"; exit 1; }
    # Both must agree that the configuration is valid, or the timing compares different work.
    (cd "$d" && "$root/bin/capstan" validate >/dev/null) || { echo "capstan validate failed on $shape $n"; exit 1; }
    read -r ct cc cm < <(cd "$d" && measure_cpu "$root/bin/capstan" validate)
    read -r tt tc tm < <(cd "$d" && measure_cpu terraform validate)
    if [ "$daemon" = 1 ]; then
      batch=${DAEMON_BATCH:-$([ "$shape" = count ] && echo 10 || echo 1)}
      read -r dw dc dcold < <(cd "$d" && daemon_cpu "$batch")
      printf "%-8s %6s | %7ss %6ss %5s | %7ss %6ss %5s | %10s %9s | %7ss %7ss %7ss | %9s\n" "$shape" "$n" "$ct" "$cc" "$cm" \
        "$tt" "$tc" "$tm" "$(ratio "$ct" "$tt")" "$(ratio "$cc" "$tc")" "$dw" "$dc" "$dcold" "$(ratio "$dc" "$tc")"
    else
      printf "%-8s %6s | %7ss %6ss %5s | %7ss %6ss %5s | %10s %9s\n" "$shape" "$n" "$ct" "$cc" "$cm" "$tt" "$tc" "$tm" \
        "$(ratio "$ct" "$tt")" "$(ratio "$cc" "$tc")"
    fi
  done
done
uptime

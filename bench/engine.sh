#!/usr/bin/env bash
# Whole-process comparison of the engine with Terraform: plan, apply, no-change plan and destroy
# of generated terraform_data configurations (wide, chain, layered, count) at the given sizes,
# both tools side by side on the same configuration, each with its own copy of the directory.
# Prints wall and CPU time (user+sys) and peak memory per step, and the ratios capstan/terraform.
# Usage: bench/engine.sh [SIZES...]   (default: 100 1000)
#   BENCH_SHAPES="wide count" limits the shapes; BENCH_TIMEOUT (s, default 1800) bounds each step;
#   BENCH_LOG=FILE keeps both tools' output (a failing step shows up there, and as "-" in the table).
#   A step stopped by BENCH_TIMEOUT shows its wall time with a "*" (a lower bound).
#   BENCH_DAEMON=1 adds a "capstan via the resident server" row per step (CAPSTAN_DAEMON=1 bin/capstan,
#   in a third copy of the directory; the server is started and warmed up before any timing). Its cpu
#   is the client's plus the server's own during the step (from /proc/PID/stat); its MiB is the
#   server's peak RSS during the step (VmHWM, reset before each step through clear_refs) plus the
#   client's peak, both also shown apart ("srv+cli"), so the memory ratio counts the server.
echo "load: $(uptime | sed 's/.*load average: //')"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[ -f "$root/cli/target/capstan.jar" ] || (cd "$root" && mvn -q -DskipTests package)
# bin/capstan builds its class-data archives on first use (the lean one and the engine one for
# directories without installed providers, which every configuration here is): build them before any timing, or the
# first capstan row pays for a dump (6 s and 200 MiB on the first quiet session-8 run)
mkdir -p "$work/archive-warmup"
(cd "$work/archive-warmup" && "$root/bin/capstan" version >/dev/null 2>&1) || true
# and the engine archive, which plan/apply/destroy use (an empty directory: nothing to plan)
(cd "$work/archive-warmup" && "$root/bin/capstan" plan >/dev/null 2>&1) || true
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
daemon_pid=
if [ "${BENCH_DAEMON:-}" = 1 ]; then
  # a server this script starts is stopped when it exits; one already running is left as it was
  if ! CAPSTAN_DAEMON=1 "$root/bin/capstan" daemon status >/dev/null 2>&1; then
    trap 'rm -rf "$work"; CAPSTAN_DAEMON=1 "$root/bin/capstan" daemon stop >/dev/null 2>&1 || true' EXIT
  fi
  CAPSTAN_DAEMON=1 "$root/bin/capstan" daemon start >/dev/null 2>&1 || { echo "the Capstan daemon did not start"; exit 1; }
  daemon_pid=$(CAPSTAN_DAEMON=1 "$root/bin/capstan" daemon status | awk '$1 == "pid" {print $2}')
  # warm-up outside the timings: one plan/apply/destroy cycle of a small configuration
  wd="$work/daemon-warmup"; mkdir -p "$wd"; python3 "$here/gen_config.py" graph "$wd" wide 100
  for a in "plan -no-color" "apply -auto-approve -no-color" "destroy -auto-approve -no-color"; do
    # shellcheck disable=SC2086
    (cd "$wd" && CAPSTAN_DAEMON=1 "$root/bin/capstan" $a >/dev/null 2>&1) || true
  done
  echo "daemon: pid $daemon_pid, RSS after warm-up $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$daemon_pid/status") MiB"
fi
tck=$(getconf CLK_TCK)
# The server's CPU so far (user+sys, clock ticks).
server_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measure_cpu for a client of the server: wall, cpu (client + server), MiB (server peak + client peak),
# then the server's and the client's MiB apart.
measure_daemon() {
  local w cc cm t0 t1 hwm
  echo 5 >"/proc/$daemon_pid/clear_refs" 2>/dev/null || true
  t0=$(server_ticks "$daemon_pid")
  read -r w cc cm < <(measure_cpu env CAPSTAN_DAEMON=1 "$@")
  t1=$(server_ticks "$daemon_pid" 2>/dev/null || echo "$t0")
  hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$daemon_pid/status" 2>/dev/null || echo 0)
  [ "$cc" != - ] || { echo "- - - - -"; return; }
  awk -v w="$w" -v cc="$cc" -v cm="$cm" -v d="$((t1 - t0))" -v tck="$tck" -v hwm="$hwm" \
    'BEGIN { printf "%s %.2f %d %d %d\n", w, cc + d / tck, hwm + cm, hwm, cm }'
}
printf "%-8s %6s %-8s | %8s %7s %5s | %8s %7s %5s | %10s %9s %9s\n" shape N step "capstan" "cpu" MiB "terraf." "cpu" MiB \
  "ratio wall" "ratio cpu" "ratio mem"
for n in "${sizes[@]}"; do
  for shape in ${BENCH_SHAPES:-wide chain layered count}; do
    c="$work/capstan-$shape-$n"; t="$work/terraform-$shape-$n"; d="$work/daemon-$shape-$n"; mkdir -p "$c" "$t" "$d"
    python3 "$here/gen_config.py" graph "$c" "$shape" "$n"
    cp "$c"/*.tf "$t"/
    cp "$c"/*.tf "$d"/
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
      if [ -n "$daemon_pid" ]; then
        read -r dt dc dm ds dcl < <(cd "$d" && measure_daemon "$root/bin/capstan" "${args[@]}")
        printf "%-8s %6s %-8s | %7ss %6ss %5s | %7ss %6ss %5s | %10s %9s %9s  srv+cli %s+%s MiB\n" "$shape" "$n" \
          "$step-d" "$dt" "$dc" "$dm" "$tt" "$tc" "$tm" "$(ratio "$dt" "$tt")" "$(ratio "$dc" "$tc")" "$(ratio "$dm" "$tm")" \
          "$ds" "$dcl"
      fi
    done
    # both tools must end with an empty state, or the destroy timings compare different work
    for dd in "$c" "$t" ${daemon_pid:+"$d"}; do
      left=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(sum(len(r["instances"]) for r in s.get("resources",[])))' "$dd/terraform.tfstate" 2>/dev/null || echo 0)
      [ "$left" = 0 ] || echo "WARNING: $dd still has $left instances after destroy"
    done
  done
done
echo "load: $(uptime | sed 's/.*load average: //')"

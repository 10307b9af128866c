#!/usr/bin/env bash
# The executor against its physical limit (issue "The engine end to end", performance section):
# LAYERS layers (default 10) of WIDTH time_sleep resources (default 100) of DELAY (default 200ms),
# each layer depending on the whole previous one, applied with -parallelism=WIDTH. The critical
# path is LAYERS x DELAY (2 s by default); the goal is a wall time of at most 1.1x that bound plus
# start-up. Start-up is measured in the same run as the wall time of `validate` on the same
# configuration: it starts the process, reads the configuration and (as terraform's validate
# does) starts the provider and asks it to validate each block, so the bound counts one
# provider start.
# Both tools use the same provider (Capstan's Java time provider, capstan/time, installed from
# providers/time/target/mirror with `init -plugin-dir`), so the comparison is of the executors.
# Usage: bench/executor.sh        (needs cli/target/capstan.jar and providers/time/target/mirror:
#        mvn -q -o -pl cli,providers/time -am package -DskipTests)
# Env: LAYERS, WIDTH, DELAY, RUNS (default 3: best and all wall times are printed), BENCH_LOG,
# TOOLS (default "capstan terraform"; "capstan-noprestart" is Capstan with the early provider start
# switched off, -Dcapstan.provider.prestart=false, to weigh that start: alternate
# `TOOLS=capstan RUNS=1` and `TOOLS=capstan-noprestart RUNS=1` on the same build; "capstan-tls" is
# Capstan keeping mutual TLS with its own SDK's provider, -Dcapstan.plugin.plaintext=false, instead
# of the plaintext unix socket in a private directory, to weigh that). Each apply is printed as
# WALL/CPU (CPU = user+sys of the
# tool and its provider processes, which /usr/bin/time counts as waited-for children).
# PHASES=1 (needs python3) adds, per tool, one more apply with its output timestamped: when the
# first "Creating..." appeared (start-up, provider start, planning, rendering), when the last
# "Creation complete" did, and each layer's span, to tell the plan phase from the apply phase.
# A failed apply shows as "-" (see BENCH_LOG): on a machine at load ~30 the Java provider's JVM can
# miss the 60 s plugin handshake.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
layers=${LAYERS:-10}; width=${WIDTH:-100}; delay=${DELAY:-200ms}; runs=${RUNS:-3}
mirror="$root/providers/time/target/mirror"
[ -d "$mirror" ] || { echo "no $mirror: run mvn -q -o -pl providers/time -am package -DskipTests"; exit 1; }
[ -f "$root/cli/target/capstan.jar" ] || { echo "no cli/target/capstan.jar: build it first"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
gen() {
  {
    echo 'terraform {'
    echo '  required_providers {'
    echo '    time = { source = "capstan/time" }'
    echo '  }'
    echo '}'
    for ((l = 0; l < layers; l++)); do
      echo "resource \"time_sleep\" \"l$l\" {"
      echo "  count           = $width"
      echo "  create_duration = \"$delay\""
      [ $l -gt 0 ] && echo "  depends_on      = [time_sleep.l$((l - 1))]"
      echo '}'
    done
  } >"$1/main.tf"
}
wall() { # CMD... -> wall seconds (or "-" when the command failed)
  local tf; tf=$(mktemp)
  if /usr/bin/time -f '%e' -o "$tf" "$@" >>"$BENCH_LOG" 2>&1; then tail -1 "$tf"; else echo "-"; fi
  rm -f "$tf"
}
wallcpu() { # CMD... -> "WALL/CPU" seconds (or "-" when the command failed)
  local tf; tf=$(mktemp)
  if /usr/bin/time -f '%e %U %S' -o "$tf" "$@" >>"$BENCH_LOG" 2>&1; then
    tail -1 "$tf" | awk '{printf "%s/%.2f\n", $1, $2 + $3}'
  else echo "-"; fi
  rm -f "$tf"
}
phases() { # TOOL < apply output -> first Creating..., each layer's first start and last completion, end
  python3 -c '
import sys, time, re, collections
t0 = time.time(); first = None; last = None; span = collections.OrderedDict()
for line in sys.stdin:
    now = time.time() - t0
    m = re.match(r"time_sleep\.(l\d+)\[\d+\]: (Creating\.\.\.|Creation complete)", line)
    if not m:
        continue
    layer, what = m.groups()
    s = span.setdefault(layer, [now, now])
    if what.startswith("Creating"):
        first = now if first is None else first
    else:
        s[1] = now; last = now
end = time.time() - t0
layers = " ".join("%s %.2f-%.2f" % (k, v[0], v[1]) for k, v in span.items())
print("%-10s first Creating... %.2fs, last complete %.2fs, exit %.2fs; layers (s): %s"
      % (sys.argv[1], first or 0, last or 0, end, layers))
' "$1"
}
echo "load: $(uptime | sed 's/.*load average: //')"
echo "$layers layers x $width time_sleep of $delay, -parallelism=$width; critical path $layers x $delay"
printf "%-10s %9s %9s %s\n" tool start-up "best" "apply wall/cpu times (s)"
for tool in ${TOOLS:-capstan terraform}; do
  d="$work/$tool"; mkdir -p "$d"; gen "$d"
  case $tool in
    capstan) bin=("$root/bin/capstan") ;;
    # JAVA_TOOL_OPTIONS adds to bin/capstan's own JVM options (the JVM notes it on stderr, in BENCH_LOG)
    capstan-noprestart) bin=(env "JAVA_TOOL_OPTIONS=-Dcapstan.provider.prestart=false" "$root/bin/capstan") ;;
    capstan-tls) bin=(env "JAVA_TOOL_OPTIONS=-Dcapstan.plugin.plaintext=false" "$root/bin/capstan") ;;
    *) bin=(terraform) ;;
  esac
  (cd "$d" && "${bin[@]}" init -input=false -no-color "-plugin-dir=$mirror" >>"$BENCH_LOG" 2>&1) \
    || { echo "$tool init failed (see BENCH_LOG)"; continue; }
  start=$(cd "$d" && wall "${bin[@]}" validate -no-color)
  times=()
  for ((r = 0; r < runs; r++)); do
    times+=("$(cd "$d" && wallcpu "${bin[@]}" apply -auto-approve -no-color -parallelism="$width")")
    (cd "$d" && "${bin[@]}" destroy -auto-approve -no-color -parallelism="$width" >>"$BENCH_LOG" 2>&1) || true
  done
  best=$(printf '%s\n' "${times[@]}" | grep -v '^-$' | cut -d/ -f1 | sort -n | head -1 || true)
  printf "%-10s %8ss %8ss %s\n" "$tool" "$start" "${best:--}" "${times[*]}"
  if [ "${PHASES:-0}" = 1 ]; then
    (cd "$d" && "${bin[@]}" apply -auto-approve -no-color -parallelism="$width" 2>&1 | phases "$tool")
    (cd "$d" && "${bin[@]}" destroy -auto-approve -no-color -parallelism="$width" >>"$BENCH_LOG" 2>&1) || true
  fi
done

#!/usr/bin/env bash
# Start-up of the SDK providers as Terraform launches them: seconds from exec of the packaged
# launcher (providers/NAME/target/mirror/...) to its go-plugin handshake line, median of RUNS,
# with the build-time AppCDS archive and without it (-Xshare:off). Terraform starts every
# provider of a configuration once per command, so this is the latency a user feels.
# Usage: bench/provider-startup.sh   (needs `mvn -q -o -pl providers/random,providers/local,providers/time -am package -DskipTests`)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT=$(root_dir)
RUNS=${RUNS:-5}
COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2

handshake_seconds() { # EXE [extra JVM options]
  local exe=$1 opts=${2:-} t0 t1 line
  t0=$(date +%s%N)
  coproc PLUGIN { TF_PLUGIN_MAGIC_COOKIE=$COOKIE PLUGIN_PROTOCOL_VERSIONS=5,6 CAPSTAN_PROVIDER_JAVA_OPTS="$opts" \
    exec "$exe" 2>/dev/null; }
  read -r line <&"${PLUGIN[0]}"
  t1=$(date +%s%N)
  kill "$PLUGIN_PID" 2>/dev/null || true
  wait "$PLUGIN_PID" 2>/dev/null || true
  case "$line" in 1\|*) ;; *) echo "no handshake from $exe" >&2; return 1 ;; esac
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for name in random local time; do
  exe=$(ls "$ROOT"/providers/$name/target/mirror/registry.terraform.io/capstan/$name/*/*/terraform-provider-${name}_v* 2>/dev/null | head -1)
  if [ -z "$exe" ]; then
    echo "SKIPPED $name: not packaged (run mvn package for providers/$name)"
    continue
  fi
  with=$(for _ in $(seq "$RUNS"); do handshake_seconds "$exe"; done | median)
  without=$(for _ in $(seq "$RUNS"); do handshake_seconds "$exe" -Xshare:off; done | median)
  echo "$name: handshake ${with}s with AppCDS, ${without}s without (median of $RUNS; load $(cut -d' ' -f1 /proc/loadavg))"
done

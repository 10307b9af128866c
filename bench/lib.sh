# Shared helpers for the whole-process benchmark scripts (sourced, not run).
# measure CMD... : runs CMD, prints "<seconds> <peak-RSS-MiB>" to stdout; CMD output goes to $BENCH_LOG.
BENCH_LOG=${BENCH_LOG:-/dev/null}
export TF_CLI_CONFIG_FILE=${TF_CLI_CONFIG_FILE:-/dev/null}
measure() {
  local tf; tf=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$tf" "$@" >>"$BENCH_LOG" 2>&1 || true
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$tf"
  rm -f "$tf"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

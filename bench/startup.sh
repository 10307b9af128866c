#!/usr/bin/env bash
# The fixed cost of one Capstan command, side by side with terraform: best-of-N CPU time
# (user+sys, the figure that suffers least from a loaded machine) and wall time of version,
# validate, plan -refresh=false, apply and a no-change plan on 1 and 100 terraform_data
# resources (bench/gen_config.py's wide shape). Each apply starts from an empty state.
# Usage: bench/startup.sh [REPS]   (default 5); BENCH_SIZES="1 100" picks the sizes.
echo "load: $(uptime | sed 's/.*load average: //')"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
reps=${1:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[ -f "$root/cli/target/capstan.jar" ] || (cd "$root" && mvn -q -DskipTests package)
"$root/bin/capstan" version >/dev/null # records the start-up archive after a build
have_tf=0; command -v terraform >/dev/null && have_tf=1
# best DIR RESET CMD... : best-of-$reps "cpu wall" of CMD run in DIR; RESET=1 deletes the state first
best() {
  local dir=$1 reset=$2; shift 2
  local tf; tf=$(mktemp)
  for _ in $(seq "$reps"); do
    [ "$reset" = 1 ] && rm -f "$dir"/terraform.tfstate "$dir"/terraform.tfstate.backup
    (cd "$dir" && /usr/bin/time -a -f '%U %S %e' -o "$tf" "$@" >>"$BENCH_LOG" 2>&1) || true
  done
  awk 'NF == 3 && $1 ~ /^[0-9.]+$/ {c = $1 + $2; if (!n || c < bc) bc = c; if (!n || $3 < bw) bw = $3; n++}
       END {if (n) printf "%.2f %.2f\n", bc, bw; else print "- -"}' "$tf"
  rm -f "$tf"
}
printf "%-24s | %7s %7s | %7s %7s | %9s\n" step "capstan" "wall" "terraf." "wall" "ratio cpu"
for n in ${BENCH_SIZES:-1 100}; do
  c="$work/capstan-$n"; t="$work/terraform-$n"; mkdir -p "$c" "$t"
  python3 "$here/gen_config.py" graph "$c" wide "$n"
  cp "$c"/*.tf "$t"/
  [ $have_tf = 1 ] && (cd "$t" && terraform init -input=false >/dev/null 2>&1)
  for step in version validate plan apply replan; do
    reset=0
    case $step in
      version) args=(version) ;;
      validate) args=(validate -no-color) ;;
      plan) args=(plan -refresh=false -no-color); reset=1 ;;
      apply) args=(apply -auto-approve -no-color); reset=1 ;;
      replan) args=(plan -no-color) ;;
    esac
    read -r cc cw < <(best "$c" $reset "$root/bin/capstan" "${args[@]}")
    tc=- tw=-
    [ $have_tf = 1 ] && read -r tc tw < <(best "$t" $reset terraform "${args[@]}")
    printf "%-24s | %6ss %6ss | %6ss %6ss | %9s\n" "$step $n" "$cc" "$cw" "$tc" "$tw" \
      "$([ "$tc" = - ] && echo - || ratio "$cc" "$tc")"
  done
done
echo "load: $(uptime | sed 's/.*load average: //')"

#!/usr/bin/env bash
# Provider protocol benchmarks (issue "Provider plugins"):
#  1. round trip of one PlanResourceChange to a Java provider (p50/p99 over 10,000 calls;
#     goal p50 < 0.5 ms);
#  2. loading hashicorp/aws's full schema through Capstan's client vs
#     `terraform providers schema -json` (wall time and peak RSS; goal <= 1.0x Terraform);
#  3. the CLIs themselves: `capstan providers schema -json` vs `terraform providers schema -json`
#     in one directory initialized by both, best of $RUNS (default 3) each, outputs compared byte for byte.
# Usage: bench/provider.sh   (needs a built provider-sdk: it runs test-compile itself; section 3
#        needs cli/target/capstan.jar: mvn -q -o -pl cli -am package -DskipTests)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT=$(root_dir)
cd "$ROOT"
CP_FILE=provider-sdk/target/bench-classpath.txt
# One reactor run compiles and writes the class path (provider-sdk is built last, so its list wins).
if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -f "$CP_FILE" ]; then
  mvn -q -o -pl provider-sdk -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=test >/dev/null
fi
CP="provider-sdk/target/test-classes:provider-sdk/target/classes:$(cat "$CP_FILE")"
# The JVM options bin/capstan uses, so the figures are what a user of the CLI gets.
JOPTS=${CAPSTAN_JAVA_OPTS:--XX:+UseSerialGC -Xshare:auto}

echo "== PlanResourceChange round trip to a Java provider written on the SDK (io.capstan.provider.sdk)"
java $JOPTS -cp "$CP" io.capstan.provider.bench.ProviderBench roundtrip-sdk "${CALLS:-10000}"
echo "== the same round trip to a hand-written tfplugin6 service (no SDK), for comparison"
java $JOPTS -cp "$CP" io.capstan.provider.bench.ProviderBench roundtrip "${CALLS:-10000}"

AWS=$(find / -maxdepth 8 -path /proc -prune -o -name 'terraform-provider-aws_v*' -type f -print -quit 2>/dev/null || true)
if [ -z "$AWS" ]; then
  echo "SKIPPED schema load: no terraform-provider-aws_v* binary found"
  exit 0
fi
VERSION_DIR=$(dirname "$(dirname "$AWS")")
MIRROR=$(dirname "$(dirname "$(dirname "$(dirname "$VERSION_DIR")")")")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/main.tf" <<TF
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "$(basename "$VERSION_DIR")" }
  }
}
TF
printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$MIRROR" >"$WORK/cli.tfrc"
(cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" terraform init -input=false >/dev/null)

echo "== AWS provider full schema load (seconds, peak RSS MiB of the measured process tree's largest member)"
read -r tf_s tf_m < <(cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" measure terraform providers schema -json)
read -r cs_s cs_m < <(measure java $JOPTS -cp "$CP" io.capstan.provider.bench.ProviderBench schema "$AWS")
echo "terraform providers schema -json: ${tf_s}s ${tf_m}MiB"
echo "capstan client GetProviderSchema: ${cs_s}s ${cs_m}MiB"
echo "time ratio capstan/terraform: $(ratio "$cs_s" "$tf_s"), memory ratio: $(ratio "$cs_m" "$tf_m")"

if [ ! -f "$ROOT/cli/target/capstan.jar" ]; then
  echo "SKIPPED CLI comparison: cli/target/capstan.jar is not built (mvn -q -o -pl cli -am package -DskipTests)"
  exit 0
fi
(cd "$WORK" && "$ROOT/bin/capstan" init -no-color -plugin-dir "$MIRROR" >/dev/null)
best() { # best "<s> <MiB>" lines of stdin: minimum time, and the memory figure of that run
  sort -n | head -1
}
RUNS=${RUNS:-3}
tf_runs=""; cs_runs=""
for _ in $(seq "$RUNS"); do
  rm -f "$WORK/tf.json" "$WORK/cs.json"
  # terraform gets the CLI configuration written above: with TF_CLI_CONFIG_FILE pointing at a
  # missing file (as in some environments) it prints a warning that would land in the document.
  tf_runs+="$(cd "$WORK" && TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" BENCH_LOG="$WORK/tf.json" measure terraform providers schema -json)"$'\n'
  cs_runs+="$(cd "$WORK" && BENCH_LOG="$WORK/cs.json" measure "$ROOT/bin/capstan" providers schema -json)"$'\n'
done
read -r tf_s tf_m < <(printf '%s' "$tf_runs" | grep . | best)
read -r cs_s cs_m < <(printf '%s' "$cs_runs" | grep . | best)
echo "== CLI: providers schema -json, best of $RUNS (seconds, peak RSS MiB of the largest process: often the provider)"
echo "terraform providers schema -json: ${tf_s}s ${tf_m}MiB"
echo "capstan providers schema -json:   ${cs_s}s ${cs_m}MiB"
echo "time ratio capstan/terraform: $(ratio "$cs_s" "$tf_s"), memory ratio: $(ratio "$cs_m" "$tf_m")"
# measure logs stdout and stderr together; drop stderr's log lines (one JSON line is the document).
grep -v '^SLF4J' "$WORK/cs.json" >"$WORK/cs.stdout" || true
if cmp -s "$WORK/tf.json" "$WORK/cs.stdout"; then echo "outputs identical"; else echo "OUTPUTS DIFFER"; fi

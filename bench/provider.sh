#!/usr/bin/env bash
# Provider protocol benchmarks (issue "Provider plugins"):
#  1. round trip of one PlanResourceChange to a Java provider (p50/p99 over 10,000 calls;
#     goal p50 < 0.5 ms);
#  2. loading hashicorp/aws's full schema through Capstan's client vs
#     `terraform providers schema -json` (wall time and peak RSS; goal <= 1.0x Terraform).
# Usage: bench/provider.sh   (needs a built provider-sdk: it runs test-compile itself)
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

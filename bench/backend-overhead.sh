#!/usr/bin/env bash
# Overhead of each remote state backend (pg, http, s3, etcd) in a whole `capstan apply` of N
# terraform_data resources, compared with the local backend, each against a real server started
# on loopback (PostgreSQL and etcd from Debian packages: run state-backends/ci-prepare.sh first;
# s3proxy and the HTTP state server run in the driver's JVM). Rounds interleave the backends.
# Prints the machine load before and after, and a Markdown table.
# Usage: bench/backend-overhead.sh [resources] [rounds]   (default: 1000 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
cd "$root"
[ -f cli/target/capstan.jar ] || mvn -q -B -o -pl cli -am package -DskipTests
mvn -q -B -o -pl state-backends test-compile
cp_file=$(mktemp)
mvn -q -B -o -pl state-backends dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="state-backends/target/test-classes:state-backends/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
echo "load before: $(uptime)"
java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" io.capstan.state.bench.ApplyOverheadBench \
  "$root/bin/capstan" "${1:-1000}" "${2:-3}"
echo "load after: $(uptime)"

#!/usr/bin/env bash
# Lock + read + write + unlock round trips for a 1 MB and a 20 MB state on each state backend
# (local, pg, http, s3, etcd), each against a real server started on loopback (PostgreSQL and
# etcd from Debian packages: run state-backends/ci-prepare.sh first). Prints the machine load
# before and after, and a Markdown table.
# Usage: bench/state-backends.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl state-backends test-compile
cp_file=$(mktemp)
mvn -q -B -o -pl state-backends dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
cp="state-backends/target/test-classes:state-backends/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
echo "load before: $(uptime)"
java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" io.capstan.state.bench.StateBench "${1:-5}"
echo "load after: $(uptime)"

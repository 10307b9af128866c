#!/usr/bin/env bash
# Orchestrator benchmark: API latency at 20 changes/s, list of N objects, watch delivery,
# create-to-ready of a process instance, node death to replacement ready.
# Usage: [ORCH_JFR=DIR] bench/orchestrator-api.sh [LIST_SIZE]   (default 10000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -pl orchestrator -DskipTests test-compile
mvn -q -pl orchestrator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/orchestrator/target/orchestrator-bench.cp"
cp="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/orchestrator-bench.cp)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# ORCH_JFR=DIR records the server process with Java Flight Recorder (DIR/server-*.jfr)
exec java -Dorchestrator.bench=true ${ORCH_JFR:+-Dorchestrator.jfr="$ORCH_JFR"} -cp "$cp" io.capstan.orchestrator.it.OrchestratorBench "${1:-10000}"

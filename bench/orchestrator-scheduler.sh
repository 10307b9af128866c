#!/usr/bin/env bash
# Scheduler benchmark with simulated nodes: NODES Ready nodes, INSTANCES pending instances,
# durable binding (SQLite, synchronous=FULL). Prints placements/s and p50/p99 per placement.
# Usage: bench/orchestrator-scheduler.sh [NODES] [INSTANCES]   (default 5000 50000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -pl orchestrator -DskipTests test-compile
mvn -q -pl orchestrator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/orchestrator/target/orchestrator-bench.cp"
cp="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/orchestrator-bench.cp)"
exec java -Xmx2g -cp "$cp" io.capstan.orchestrator.scheduler.SchedulerBench "${1:-5000}" "${2:-50000}"

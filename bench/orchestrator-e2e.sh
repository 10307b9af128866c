#!/usr/bin/env bash
# End-to-end scale benchmark through the real server over gRPC: `orchestrator server` and
# `orchestrator simulate --nodes NODES` as separate JVMs; heartbeat load of idle nodes (server
# CPU, store writes/s), then INSTANCES replicas in DEPLOYMENTS deployments created at once and
# followed through a watch until every one is reported running by its simulated node.
# Usage: bench/orchestrator-e2e.sh [NODES] [INSTANCES] [DEPLOYMENTS]   (default 5000 50000 100)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -pl orchestrator -DskipTests test-compile
mvn -q -pl orchestrator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/orchestrator/target/orchestrator-bench.cp"
cp="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/orchestrator-bench.cp)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx512m -cp "$cp" io.capstan.orchestrator.sim.GrpcScaleBench "${1:-5000}" "${2:-50000}" "${3:-100}"

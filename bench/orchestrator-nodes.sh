#!/usr/bin/env bash
# Node-scale benchmark with simulated nodes (no workloads run): a control plane with default
# settings and NODES simulated nodes in one JVM; heartbeat interval stretching and write rate,
# placement of INSTANCES instances, then failure detection when KILL nodes fall silent.
# Usage: bench/orchestrator-nodes.sh [NODES] [INSTANCES] [KILL]   (default 1000 2000 50)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -pl orchestrator -DskipTests test-compile
mvn -q -pl orchestrator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/orchestrator/target/orchestrator-bench.cp"
cp="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/orchestrator-bench.cp)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx1g -cp "$cp" io.capstan.orchestrator.sim.NodeScaleBench "${1:-1000}" "${2:-2000}" "${3:-50}"

#!/usr/bin/env bash
# Scheduler benchmark with simulated nodes: NODES Ready nodes, INSTANCES pending instances,
# durable binding (SQLite, synchronous=FULL). Prints placements/s, CPU (user+sys) and per binding the
# attempt latency (placement start to durable binding), split into waiting for the binder and its commit.
# With RATE, instances arrive at RATE/s instead and latency runs from durable creation to durable binding,
# also split into watch delivery and queue wait before placement.
# It also prints collections (VM-thread CPU each: a pause's length that load does not inflate) and the
# share of attempts that overlapped a collection or a WAL checkpoint, with each group's latency.
# SCHED_JAVA_OPTS="... -Dsched.trace=FILE" writes one line per commit (JVM uptime ms, as -Xlog:gc prints).
# Usage: bench/orchestrator-scheduler.sh [NODES] [INSTANCES] [RATE]   (default 5000 50000, all pending at once)
# SCHED_DEPTH (batches in flight, default 1) and SCHED_MIN_BATCH (smallest batch a slow commit shrinks
# to, default 16; 100 keeps every batch at 100) try other pipeline settings.
# The JVM runs with the flags bin/capstan gives `orchestrator server` (serial GC, 4 MB young generation,
# C1 only), since pauses of the collector are in every latency measured here; SCHED_JAVA_OPTS replaces
# them (e.g. SCHED_JAVA_OPTS=-Xmx2g for the default G1 collector used before session 5). Until session 6
# this said 16 MB: the server had 16 MB, bin/capstan went to 4 MB in session 5. It matters: what survives a
# young collection here is the new cluster state (every binding's stored object), so a pause's length
# grows with the young generation (VM-thread CPU per collection, load ~25: 16 MB 24 ms, 8 MB 12 ms,
# 4 MB 6 ms) while the collections' total stays the same (about 0.9 s per 50,000 placements), and one
# pause delays every binding in flight. -Xmx2g and the JVM's default initial heap (1/64 of RAM): like
# the server's -Xms256m (bin/capstan, since session 6), the heap does not grow through full
# collections during the measurement.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -pl orchestrator -DskipTests test-compile
mvn -q -pl orchestrator dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$here/orchestrator/target/orchestrator-bench.cp"
cp="orchestrator/target/test-classes:orchestrator/target/classes:$(cat orchestrator/target/orchestrator-bench.cp)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
exec java ${SCHED_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn4m -Xmx2g} ${SCHED_DEPTH:+-Dsched.depth=$SCHED_DEPTH} ${SCHED_MIN_BATCH:+-Dsched.minBatch=$SCHED_MIN_BATCH} -cp "$cp" io.capstan.orchestrator.scheduler.SchedulerBench "${1:-5000}" "${2:-50000}" ${3:+"$3"}

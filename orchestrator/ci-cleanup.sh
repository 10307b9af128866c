#!/bin/sh
# Stops the dockerd that ci-prepare.sh started (only that one, by its pid file).
set -u
run=/run/capstan-orchestrator-docker
if [ -f "$run/docker.pid" ]; then
  pid=$(cat "$run/docker.pid")
  kill "$pid" 2>/dev/null || true
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 20 ]; do sleep 1; i=$((i + 1)); done
  rm -f "$run/docker.pid"
fi
exit 0

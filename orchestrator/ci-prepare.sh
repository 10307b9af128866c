#!/bin/sh
# Installs and starts what the orchestrator tests need; idempotent, run as root by .ci/run.
#  - etcd-server: the tests start their own etcd members on loopback ports (nothing runs here).
#  - docker.io + busybox-static: a dockerd for the Docker-driver tests. The sandbox has no
#    iptables and no bridge, so dockerd runs with --iptables=false --bridge=none and containers
#    use the host network (the driver passes the assigned host port in $PORT_<NAME>, as the
#    process driver does). Socket: /run/capstan-orchestrator-docker/docker.sock
#    (the tests read $CAPSTAN_DOCKER_HOST, default that socket).
set -eu
missing=""
command -v etcd >/dev/null 2>&1 || missing="$missing etcd-server"
command -v dockerd >/dev/null 2>&1 || missing="$missing docker.io"
[ -x /usr/bin/busybox ] || missing="$missing busybox-static"
if [ -n "$missing" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
run=/run/capstan-orchestrator-docker
mkdir -p "$run"
if [ -f "$run/docker.pid" ] && kill -0 "$(cat "$run/docker.pid")" 2>/dev/null; then
  exit 0
fi
nohup dockerd --iptables=false --bridge=none --host "unix://$run/docker.sock" --pidfile "$run/docker.pid" \
  --data-root /var/lib/capstan-orchestrator-docker --exec-root "$run/exec" >"$run/dockerd.log" 2>&1 &
i=0
while [ ! -S "$run/docker.sock" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done
[ -S "$run/docker.sock" ] || { echo "dockerd did not start:"; tail -20 "$run/dockerd.log"; exit 1; }
chmod 666 "$run/docker.sock"

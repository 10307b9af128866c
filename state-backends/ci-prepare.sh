#!/usr/bin/env bash
# Installs what the state-backends tests start themselves: PostgreSQL server binaries (initdb,
# pg_ctl) and etcd. Idempotent; run as root by .ci/run before the tests. s3proxy comes from
# Maven Central and the HTTP state server is test code, so they need nothing here.
set -euo pipefail

missing=()
have_pg() {
  for d in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then return 0; fi
  done
  return 1
}
have_pg || missing+=(postgresql)
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
id postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)   # certificates for the http mTLS test

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "state-backends: cannot install ${missing[*]} (not root); the tests that need them will fail" >&2
  exit 1
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
# Debian starts the packaged services; the tests run their own servers on free ports.
for svc in etcd postgresql; do
  if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
done

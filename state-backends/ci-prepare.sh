#!/usr/bin/env bash
# Installs what the state-backends tests start themselves: PostgreSQL server binaries (initdb,
# pg_ctl), etcd, and dynalite (npm: a DynamoDB-compatible server for the s3 backend's
# dynamodb_table, run by the tests on loopback only). Idempotent; run as root by .ci/run before
# the tests. s3proxy comes from Maven Central and the HTTP state server is test code, so they need
# nothing here.
set -euo pipefail

# dynalite into the directory the tests look in (DynaliteServer.installDir); the tests skip with
# the reason printed when this fails (they also try the same npm install themselves)
install_dynalite() {
  local dir="${CAPSTAN_DYNALITE_DIR:-$HOME/.cache/capstan-dynalite}"
  [ -f "$dir/node_modules/dynalite/cli.js" ] && return 0
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null || true
    fi
  fi
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error dynalite@4.0.0 >/dev/null 2>&1 \
      || echo "state-backends: npm install dynalite@4.0.0 failed; the dynamodb_table tests will skip" >&2
  else
    echo "state-backends: no npm; the dynamodb_table tests will skip" >&2
  fi
}
install_dynalite

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

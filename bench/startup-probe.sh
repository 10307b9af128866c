#!/usr/bin/env bash
# In-process view of the one-time set-up of a CLI run (bench/startup-probe/StartupProbe.java):
# the thread CPU of config loading, validation, validate and plan, first call against second
# call in one JVM, with bin/capstan's JVM options and start-up archive.
# Usage: bench/startup-probe.sh [N]   (N terraform_data resources, default 1)
echo "load: $(uptime | sed 's/.*load average: //')"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; source "$here/lib.sh"; root="$(root_dir)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
jar="$root/cli/target/capstan.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package)
"$root/bin/capstan" version >/dev/null # records the start-up archive after a build
mkdir -p "$work/cfg" "$work/classes"
python3 "$here/gen_config.py" graph "$work/cfg" wide "${1:-1}"
javac -d "$work/classes" -cp "$jar" "$here/startup-probe/StartupProbe.java"
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmn16m \
  -XX:SharedArchiveFile="$root/cli/target/capstan.jsa" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$jar:$work/classes" StartupProbe "$work/cfg"
echo "load: $(uptime | sed 's/.*load average: //')"

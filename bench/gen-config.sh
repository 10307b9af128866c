#!/bin/sh
# Writes a generated Terraform configuration of about N MB (default 10) for parser benchmarks.
# usage: bench/gen-config.sh out.tf [megabytes]
set -e
cd "$(dirname "$0")/.."
mvn -q -pl hcl-parser -Pjmh compile
CP="hcl-parser/target/classes:$(ls ~/.m2/repository/org/antlr/antlr4-runtime/*/antlr4-runtime-*.jar | tail -1)"
exec java -cp "$CP" io.capstan.hcl.bench.ConfigGenerator "${1:-bench-config.tf}" "${2:-10}"

#!/usr/bin/env bash
# Prints one closing line summing every Surefire report in the reactor:
#   tests: N passed, N failed, N skipped
cd "$(dirname "$0")/.."
find . -path '*/target/surefire-reports/TEST-*.xml' -print0 2>/dev/null |
  xargs -0 -r grep -h -o '<testsuite [^>]*>' |
  awk '{
    t=f=e=s=0
    if (match($0, / tests="[0-9]+"/))    t=substr($0, RSTART+8,  RLENGTH-9)
    if (match($0, / failures="[0-9]+"/)) f=substr($0, RSTART+11, RLENGTH-12)
    if (match($0, / errors="[0-9]+"/))   e=substr($0, RSTART+9,  RLENGTH-10)
    if (match($0, / skipped="[0-9]+"/))  s=substr($0, RSTART+10, RLENGTH-11)
    T+=t; F+=f+e; S+=s
  } END { printf "tests: %d passed, %d failed, %d skipped\n", T-F-S, F, S }'

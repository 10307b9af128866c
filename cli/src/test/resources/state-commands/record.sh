#!/usr/bin/env bash
# Records the expected outputs in expected/ from the real terraform (1.11.4): each case of
# cases.txt runs in a fresh copy of its scenario. Run from this folder: ./record.sh
set -euo pipefail
cd "$(dirname "$0")"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
mkdir -p expected
grep -v '^#' cases.txt | grep -v '^\s*$' | while IFS='|' read -r name scenario cmd; do
  name=$(echo $name); scenario=$(echo $scenario); cmd=$(echo $cmd)
  tmp=$(mktemp -d); cp -r "$scenario"/. "$tmp"/
  read -r -a argv <<< "$cmd"
  # -no-color goes right after the (sub)command words, before the arguments
  words=(); rest=(); for a in "${argv[@]}"; do
    if [ ${#rest[@]} -eq 0 ] && [[ "$a" =~ ^[a-z-]+$ ]] && [ ${#words[@]} -lt 2 ]; then words+=("$a"); else rest+=("$a"); fi
  done
  nc=(-no-color); case "${words[*]}" in "state pull"|"workspace show"|"workspace list"|"workspace delete"|"workspace select") nc=();; esac
  (cd "$tmp" && set +e; terraform "${words[@]}" "${nc[@]}" "${rest[@]}" >"$OLDPWD/expected/$name.out" 2>"$OLDPWD/expected/$name.err"; echo $? >"$OLDPWD/expected/$name.code")
  rm -rf "$tmp"
done

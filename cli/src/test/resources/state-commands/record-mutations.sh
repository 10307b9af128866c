#!/usr/bin/env bash
# Records expected/NAME.steps{,-err} for mutations.txt from the real terraform (1.11.4).
# Run from this folder: ./record-mutations.sh
set -euo pipefail
cd "$(dirname "$0")"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
NO_COLOR_LESS=" state pull | workspace show | workspace list | workspace delete | workspace select | workspace new | state push "
grep -v '^#' mutations.txt | grep -v '^\s*$' | while IFS='|' read -r name scenario steps; do
  name=$(echo $name); scenario=$(echo $scenario)
  tmp=$(mktemp -d); cp -r "$scenario"/. "$tmp"/
  out="$PWD/expected/$name.steps"; err="$PWD/expected/$name.steps-err"; : >"$out"; : >"$err"
  IFS=';' read -r -a parts <<< "$steps"
  for step in "${parts[@]}"; do
    step=$(echo $step)
    read -r -a argv <<< "$step"
    words=(); rest=(); for a in "${argv[@]}"; do
      if [ ${#rest[@]} -eq 0 ] && [[ "$a" =~ ^[a-z-]+$ ]] && [ ${#words[@]} -lt 2 ]; then words+=("$a"); else rest+=("$a"); fi
    done
    nc=(-no-color); [[ "$NO_COLOR_LESS" == *" ${words[*]} "* ]] && nc=()
    set +e
    (cd "$tmp" && terraform "${words[@]}" "${nc[@]}" "${rest[@]}" >"$tmp.o" 2>"$tmp.e" </dev/null); code=$?
    set -e
    { echo "### $step (exit $code)"; cat "$tmp.o"; } >>"$out"
    { echo "### $step"; cat "$tmp.e"; } >>"$err"
  done
  rm -rf "$tmp" "$tmp.o" "$tmp.e"
done

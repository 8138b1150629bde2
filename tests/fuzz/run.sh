#!/usr/bin/env bash
# Runs the libFuzzer target: tests/fuzz/run.sh BINARY smoke|SECONDS
#
#   smoke    a fixed-seed run of 20,000 inputs, as CI does
#   SECONDS  a campaign of that many seconds ($FUZZ_JOBS workers, default 1);
#            new inputs go
#            to tests/fuzz/findings/ (not committed), crashes beside them
# The seed corpus is tests/fuzz/corpus plus every spec in the repository.
set -euo pipefail
bin=$(realpath "${1:?usage: run.sh BINARY smoke|SECONDS}")
mode=${2:?usage: run.sh BINARY smoke|SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
cp "$here"/corpus/* "$seeds"/ 2>/dev/null || true
find "$root/examples" "$root/tests" -name '*.djaz' -not -path '*/node_modules/*' |
  while read -r f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-16)"; done

opts=(-dict="$here/djaz.dict" -max_len=4096 -timeout=10 -rss_limit_mb=2048)
if [[ $mode == smoke ]]; then
  # libFuzzer's progress log is long; show it only when something broke
  log=$(mktemp)
  if ! "$bin" "${opts[@]}" -seed=1 -runs=20000 "$seeds" 2>"$log"; then
    tail -60 "$log"
    rm -f "$log"
    exit 1
  fi
  grep -E '^Done [0-9]+ runs' "$log" | sed 's/^/fuzz smoke: /'
  rm -f "$log"
else
  mkdir -p "$here/findings"
  cp -n "$seeds"/* "$here/findings"/ 2>/dev/null || true
  jobs=${FUZZ_JOBS:-1}
  "$bin" "${opts[@]}" -max_total_time="$mode" -jobs="$jobs" -workers="$jobs" \
    -artifact_prefix="$here/findings/" "$here/findings"
fi

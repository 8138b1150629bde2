#!/usr/bin/env bash
# IR goldens: tests/ir/run.sh path/to/djaz
#
# For every example spec (examples/*/app.djaz) and every environment it
# declares, `djaz ir --env E` must print exactly golden/EXAMPLE.E.json,
# and the same bytes on a second run.  DJAZ_BLESS=1 rewrites the goldens;
# review the diff.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

for spec in "$root"/examples/*/app.djaz; do
  example=$(basename "$(dirname "$spec")")
  envs=$("$DJAZ" parse --dump-ast "$spec" | sed -n 's/^  (block env \([A-Za-z0-9_-]*\).*/\1/p')
  [[ -n $envs ]] || { echo "FAIL $example: no environments"; failed=$((failed + 1)); }
  for env in $envs; do
    golden="$here/golden/$example.$env.json"
    if ! "$DJAZ" ir --env "$env" --format json "$spec" >"$work/once.json"; then
      echo "FAIL $example/$env: djaz ir failed"; failed=$((failed + 1)); continue
    fi
    "$DJAZ" ir --env "$env" --format json "$spec" >"$work/twice.json"
    [[ ${DJAZ_BLESS:-} == 1 ]] && cp "$work/once.json" "$golden"
    if ! cmp -s "$work/once.json" "$work/twice.json"; then
      echo "FAIL $example/$env: two runs differ"; failed=$((failed + 1))
    elif diff -u "$golden" "$work/once.json"; then
      passed=$((passed + 1))
    else
      echo "FAIL $example/$env: differs from golden"; failed=$((failed + 1))
    fi
  done
done
echo "ir: $passed passed, $failed failed"
((failed == 0))

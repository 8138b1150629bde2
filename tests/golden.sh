#!/usr/bin/env bash
# Golden tests: tests/golden.sh CASEDIR path/to/djaz [--catalogue]
#
# Every case in CASEDIR is a spec (*.djaz, checked with `djaz check`) or a
# script (*.sh, run by bash with $DJAZ set), and its .expected file holds
# the exit status and the exact output (stderr and stdout together):
#
#   exit 1
#   <output>
#
# DJAZ_BLESS=1 rewrites the .expected files from what djaz prints now;
# review the diff.  With --catalogue the suite also fails when a code of
# the diagnostics catalogue has no case (no .expected file shows it).
set -uo pipefail
casedir=$(realpath "${1:?usage: golden.sh CASEDIR path/to/djaz [--catalogue]}")
DJAZ=$(realpath "${2:?usage: golden.sh CASEDIR path/to/djaz [--catalogue]}")
catalogue=${3:-}
suite=$(basename "$(dirname "$casedir")")
export DJAZ NO_COLOR=1
# Lint rules about end of life read the date: pin it (2026-11-24).
export SOURCE_DATE_EPOCH=1795478400
cd "$casedir"

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
passed=0 failed=0
run_case() {
  local name=$1 out status
  if [[ $name == *.djaz ]]; then
    out=$("$DJAZ" check --color=never "$name" 2>&1)
  else
    out=$(bash "$name" 2>&1)
  fi
  status=$?
  printf 'exit %d\n%s\n' "$status" "$out"
}

for case in *.djaz *.sh; do
  [[ -e $case ]] || continue
  expected=${case%.*}.expected
  got=$(run_case "$case")
  if [[ ${DJAZ_BLESS:-} == 1 ]]; then
    printf '%s\n' "$got" >"$expected"
  fi
  if [[ -f $expected ]] && diff -u "$expected" - <<<"$got" >"$tmp"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $case"
    [[ -f $expected ]] && cat "$tmp" || echo "  (no $expected)"
  fi
done

# Every code in the catalogue has a case.
[[ $catalogue == --catalogue ]] && while read -r code _ _ title; do
  [[ $title == retired:* ]] && continue # nothing reports a retired code
  if ! grep -qF "[$code]" ./*.expected; then
    failed=$((failed + 1))
    echo "FAIL catalogue: $code has no case in tests/diagnostics/cases"
  fi
done < <("$DJAZ" explain --list)

echo "$suite: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# The formatter suite: tests/fmt/run.sh path/to/djaz
#
#  1. cases/NAME.djaz formats to exactly cases/NAME.formatted
#     (DJAZ_BLESS=1 rewrites the .formatted files);
#  2. on every spec in the repository that parses cleanly, fmt is
#     idempotent and keeps the syntax tree: parse(fmt(x)) == parse(x);
#  3. fmt --check exits 3 on an unformatted file and 0 on a formatted one.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# 1. expected layouts
for input in "$here"/cases/*.djaz; do
  expected=${input%.djaz}.formatted
  name=$(basename "$input")
  if ! "$DJAZ" fmt - <"$input" >"$work/out" 2>"$work/err"; then
    fail "$name: fmt failed"; cat "$work/err"; continue
  fi
  [[ ${DJAZ_BLESS:-} == 1 ]] && cp "$work/out" "$expected"
  if diff -u "$expected" "$work/out"; then pass; else fail "$name: layout"; fi
done

# 2. idempotence and tree equality on every clean spec in the repository
ast() { "$DJAZ" parse --dump-ast "$1" 2>/dev/null; }
while IFS= read -r spec; do
  "$DJAZ" parse --dump-ast "$spec" >/dev/null 2>&1 || continue
  rel=${spec#"$root"/}
  "$DJAZ" fmt - <"$spec" >"$work/once.djaz" 2>/dev/null || { fail "$rel: fmt"; continue; }
  "$DJAZ" fmt - <"$work/once.djaz" >"$work/twice.djaz" 2>/dev/null
  if cmp -s "$work/once.djaz" "$work/twice.djaz"; then pass
  else fail "$rel: not idempotent"; diff -u "$work/once.djaz" "$work/twice.djaz"; fi
  if [[ "$(ast "$spec")" == "$(ast "$work/once.djaz")" ]]; then pass
  else fail "$rel: fmt changed the syntax tree"; fi
done < <(find "$root/examples" "$root/stdlib" "$root/tests" -name '*.djaz' \
           -not -path '*/node_modules/*' | sort)

# 3. --check
cp "$here/cases/layout.djaz" "$work/ugly.djaz"
cp "$work/ugly.djaz" "$work/ugly.orig"
"$DJAZ" fmt --check "$work/ugly.djaz" >/dev/null
if [[ $? == 3 ]] && cmp -s "$work/ugly.djaz" "$work/ugly.orig"; then pass
else fail "fmt --check on an unformatted file must exit 3 and write nothing"; fi
cp "$here/cases/layout.formatted" "$work/pretty.djaz"
if "$DJAZ" fmt --check "$work/pretty.djaz" >/dev/null; then pass
else fail "fmt --check on a formatted file must exit 0"; fi

echo "fmt: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# Keeps docs/language.md in step with djaz: tests/docs/run.sh path/to/djaz
#
# Every ```djaz block of the reference is parsed as app.djaz (the syntax
# front end: `djaz parse`, its tree thrown away).  A block followed by a
# ```text block must make it print exactly that text; any other block must
# print nothing.  A block that does not start with `djaz` is a fragment of
# a body, parsed inside `djaz 1`.
#
# An HTML comment (invisible in rendered Markdown) just before a block
# changes that: `<!-- doc-test: whole-file -->` takes the block as it is;
# `<!-- doc-test: COMMAND ... -->` runs `djaz COMMAND ... app.djaz` and
# compares all it prints (`check` for the meaning of a spec, `parse
# --dump-ast` to show a tree).
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
# Lint rules about end of life read the date: pin it (2026-11-24).
export SOURCE_DATE_EPOCH=1795478400
doc=$(cd "$(dirname "$0")/../.." && pwd)/docs/language.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Split the document into numbered files: N.djaz, and N.text for the text
# block that directly follows block N (blank lines between allowed).
awk -v dir="$work" '
  /^<!-- doc-test: .* -->$/ {
    opt = $0; sub(/^<!-- doc-test: /, "", opt); sub(/ -->$/, "", opt)
    pending = opt; next
  }
  /^```djaz$/ {
    n++; out = dir "/" n ".djaz"; inblock = 1; last = n
    if (pending != "") { print pending > (dir "/" n ".opt"); pending = "" }
    next
  }
  /^```text$/ { if (last) { out = dir "/" last ".text"; inblock = 1 } ; next }
  /^```/      { if (inblock) { inblock = 0; if (out ~ /text$/) last = 0 } else last = 0; next }
  inblock     { print > out; next }
  /^[[:space:]]*$/ { next }
  { last = 0 }
' "$doc"

passed=0 failed=0
for spec in $(ls ./*.djaz | sort -t/ -k2 -n); do
  n=$(basename "$spec" .djaz)
  opt=$(cat "$n.opt" 2>/dev/null)
  if [[ $opt == whole-file ]] || head -1 "$spec" | grep -q '^djaz'; then
    cp "$spec" app.djaz
  else { echo "djaz 1"; cat "$spec"; } >app.djaz; fi
  if [[ $opt == whole-file || -z $opt ]]; then
    got=$(NO_COLOR=1 "$DJAZ" parse --dump-ast app.djaz 2>&1 >/dev/null)
  else
    read -ra cmd <<<"$opt"
    got=$(NO_COLOR=1 "$DJAZ" "${cmd[@]}" app.djaz 2>&1)
  fi
  status=$?
  if [[ -f $n.text ]]; then
    if [[ $got == "$(cat "$n.text")" ]]; then passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "FAIL docs/language.md example $n: output differs"
      diff -u "$n.text" - <<<"$got"
    fi
  elif ((status == 0)) && [[ -z $got ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL docs/language.md example $n: expected a clean check"
    cat app.djaz; echo "$got"
  fi
done
((passed + failed > 0)) || { echo "FAIL no examples found"; failed=1; }

# docs/vocabulary.md is the output of `djaz schema`, byte for byte.
vocabulary=$(dirname "$doc")/vocabulary.md
if "$DJAZ" schema | diff -u "$vocabulary" -; then passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "FAIL docs/vocabulary.md is not what \`djaz schema\` prints; regenerate it"
fi
echo "docs: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# `djaz build --only GROUP` for every group of the back-end table:
# tests/outdir/groups.sh path/to/djaz SRCDIR
#
# The groups are read from djaz itself (the usage error of a bad --only
# names every group of the table), so a back end added to the table is
# tested here without a change.  For each group: the build exits 0 and
# writes some files and djaz.json; `djaz help build` and the man page
# offer it; its files are byte for byte those of the whole build.  The
# groups' files are disjoint and together make the whole build; all the
# groups named in one list are the whole build, djaz.json included.
# Malformed lists are usage errors.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: groups.sh path/to/djaz SRCDIR}")
SRC=$(realpath "${2:?usage: groups.sh path/to/djaz SRCDIR}")
export NO_COLOR=1 SOURCE_DATE_EPOCH=1795478400 LC_ALL=C
spec=$SRC/examples/django-on-azure/app.djaz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # check WHAT CONDITION...
  local what=$1
  shift
  if "$@"; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL $what"
  fi
}
files() { (cd "$1" && find . -type f ! -name djaz.json | sort); }

usage=$("$DJAZ" build --only nope "$spec" -o "$work/x" 2>&1)
check "a bad group is a usage error" test $? = 2
groups=$(sed -n 's/.*--only takes \(.*\) or a comma-separated list.*/\1/p' <<<"$usage" | tr -d ',')
read -ra groups <<<"$groups"
check "the usage error names the groups: $usage" test ${#groups[@]} -ge 4
check "ci is a group" grep -qw ci <<<"${groups[*]}"

"$DJAZ" build -q "$spec" -o "$work/all"
help=$("$DJAZ" help build)
man=$(grep -A8 -F '\-\-only' "$SRC/docs/djaz.1")
: >"$work/union"
for g in "${groups[@]}"; do
  "$DJAZ" build -q --only "$g" "$spec" -o "$work/$g"
  check "--only $g exits 0" test $? = 0
  check "--only $g writes djaz.json" test -f "$work/$g/djaz.json"
  check "--only $g writes files" test -n "$(files "$work/$g")"
  check "help build offers $g" grep -qw -- "$g" <<<"$(grep -A2 -e '--only' <<<"$help")"
  check "the man page offers $g" grep -qw -- "$g" <<<"$man"
  same=true
  while read -r f; do cmp -s "$work/$g/$f" "$work/all/$f" || same=false; done < <(files "$work/$g")
  check "--only $g writes what the whole build does" $same
  files "$work/$g" >>"$work/union"
done
check "the groups are disjoint" test -z "$(sort "$work/union" | uniq -d)"
check "together they are the whole build" \
  test "$(sort "$work/union")" = "$(files "$work/all")"
list=$(
  IFS=,
  echo "${groups[*]}"
)
"$DJAZ" build -q --only "$list" "$spec" -o "$work/list"
check "--only $list is the whole build" cmp -s "$work/list/djaz.json" "$work/all/djaz.json"
for bad in "" "arm," ",arm" "arm,,ci" "ARM" "arm ci"; do
  "$DJAZ" build -q --only "$bad" "$spec" -o "$work/bad" 2>/dev/null
  check "--only '$bad' is a usage error" test $? = 2
done
check "nothing written for a bad --only" test ! -e "$work/bad"

echo "outdir.groups: $passed passed, $failed failed"
((failed == 0))

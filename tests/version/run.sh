#!/usr/bin/env bash
# tests/version/run.sh path/to/djaz path/to/djaz_version_probe
#
# The same compiler linked with two versions (the probe's is
# 99.0.0-probe) builds every example and test spec; the two trees may
# differ only where the version does something: djaz.json's `generator`
# (and the hashes it records of the files below), and the DJAZ_VERSION
# the CI files install.  Any other difference means a release of djaz
# would change every user's generated files (issue 10, point 11).
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh DJAZ PROBE}")
PROBE=$(realpath "${2:?usage: run.sh DJAZ PROBE}")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795478400 NO_COLOR=1
cd "$root" || exit 1
failed=0
for spec in examples/*/app.djaz tests/arm/specs/*.djaz; do
  name=$(basename "$spec" .djaz)
  [[ $name == app ]] && name=$(basename "$(dirname "$spec")")
  if ! "$DJAZ" build -q "$spec" -o "$work/$name.a" ||
    ! "$PROBE" build -q "$spec" -o "$work/$name.b"; then
    echo "FAIL $name: a build failed"; failed=$((failed + 1)); continue
  fi
  /usr/bin/python3 "$root/tests/version/compare.py" "$work/$name.a" \
    "$work/$name.b" "$("$DJAZ" --version | cut -d' ' -f2)" 99.0.0-probe ||
    failed=$((failed + 1))
done
echo "version: $failed failed"
((failed == 0))

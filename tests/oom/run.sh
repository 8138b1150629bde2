#!/bin/bash
# run.sh - out of memory at every allocation (tests/oom/oom_run.c):
#   run.sh OOM_RUN STEP SPEC CASES
# `djaz build` of SPEC, and of a spec with warnings (rendered in text and
# JSON once OUT is in place), writes nothing; a rebuild of SPEC into an
# OUT that another spec built (its djaz.json differs, so the old tree is
# really replaced) leaves that OUT as it was, or (past the last
# allocation) replaced, never both nor half; `djaz ir`, `fmt --check` and
# the JSON and SARIF renderers (cJSON's allocations) and the text renderer
# (of a case with errors and notes) exit 2 with the message.
set -u
oom=$1 step=$2 spec=$3 cases=$4
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
each() {
    "$oom" "$scratch" "$step" "$@" || status=1
    rm -rf "${scratch:?}"/* "$scratch"/.[!.]* 2>/dev/null
}
each build -q "$spec" -o @OUT
other=$(mktemp -d)
trap 'rm -rf "$scratch" "$other"' EXIT
cp "$spec" "$other/other.djaz"
"$oom" --rebuild "$other/other.djaz" "$scratch" "$step" build -q "$spec" \
    -o @OUT || status=1
rm -rf "${scratch:?}"/* "$scratch"/.[!.]* 2>/dev/null
warned=$cases/6001-hardening-off.djaz
each build -q "$warned" -o @OUT
each build --format json "$warned" -o @OUT
each ir "$spec"
each fmt --check "$spec"
each check --format sarif "$spec"
case=$cases/2013-duplicate-attribute.djaz
each check --format json "$case"
each check --format text "$case"
exit $status

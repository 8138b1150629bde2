#!/usr/bin/env bash
# The YAML writer against real readers: tests/yaml/run.sh path/to/test_yaml
#
# test_yaml writes one tree, with every quoting hazard as a value, as a
# key and in a list, both as YAML (compiler/emit/yaml.c) and as JSON.
#   * yamllint, strict (a warning fails) and with its default rules, finds
#     nothing in the YAML;
#   * PyYAML (YAML 1.1, where `on` and `no` are booleans and 1:30 is a
#     number) reads back exactly the tree the JSON holds.
set -uo pipefail
test_yaml=$(realpath "${1:?usage: run.sh path/to/test_yaml}")
python=/usr/bin/python3
command -v yamllint >/dev/null ||
  { echo "FAIL: yamllint is missing: run .ci/bootstrap test"; exit 1; }
"$python" -c 'import yaml' 2>/dev/null ||
  { echo "FAIL: python3-yaml is missing: run .ci/bootstrap test"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

if "$test_yaml" "$work" >"$work/out" 2>&1; then ok
else bad "test_yaml"; cat "$work/out"; fi
if yamllint -s -d default "$work/hazards.yaml" >"$work/out" 2>&1; then ok
else bad "yamllint on the hazards"; cat "$work/out"; fi
if "$python" - "$work/hazards.yaml" "$work/hazards.json" >"$work/out" 2>&1 <<'PY'
import json, sys, yaml
got = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
if got != want:
    for part in want:
        if got.get(part) != want[part]:
            print(part, "differs")
            if isinstance(want[part], dict):
                for k in want[part]:
                    if got[part].get(k, "(missing)") != want[part][k]:
                        print(f"  {k!r}: read {got[part].get(k, '(missing)')!r},"
                              f" want {want[part][k]!r}")
            else:
                print("  read", got.get(part), "\n  want", want[part])
    sys.exit(1)
PY
then ok; else bad "PyYAML does not read back the tree"; cat "$work/out"; fi
# The test can fail: an unquoted `on` is read as True.
printf -- '---\nkey: on\n' >"$work/bad.yaml"
if "$python" -c 'import sys, yaml; sys.exit(yaml.safe_load(open(sys.argv[1]))["key"] is True)' \
  "$work/bad.yaml"; then bad "PyYAML read a plain on as a string"; else ok; fi

echo "yaml: $passed passed, $failed failed"
((failed == 0))

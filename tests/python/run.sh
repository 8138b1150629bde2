#!/usr/bin/env bash
# The Python back end: tests/python/run.sh path/to/djaz
#
# For every example and every spec of tests/arm/specs, on what
# `djaz build` writes (the whole output is compared with tests/arm's
# goldens):
#   * startup.sh: shellcheck finds nothing, bash parses it, it is
#     executable, it execs gunicorn with the package's module and, for
#     ASGI, the worker class of the pinned packages;
#   * the requirements files read as pip reads them (packaging);
#   * tox reads tox.ini and lists the spec's environments; locustfile.py
#     compiles (tests/django/serve.sh runs it against the example).
# Then the checks are shown to fail on broken files.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=/usr/bin/python3
for tool in shellcheck tox; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing: run .ci/bootstrap test"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

cd "$root" || exit 1
for spec in examples/*/app.djaz tests/arm/specs/*.djaz; do
  name=$(basename "$spec" .djaz)
  out=$work/$name
  if ! "$DJAZ" build -q "$spec" -o "$out" 2>/dev/null; then
    bad "$name: djaz build failed"; continue
  fi
  if shellcheck "$out/startup.sh"; then ok; else bad "$name: shellcheck startup.sh"; fi
  if bash -n "$out/startup.sh" && [[ -x $out/startup.sh ]]; then ok; else
    bad "$name: startup.sh does not parse or is not executable"; fi
  package=$(sed -n 's/^ *package *= *"\(.*\)".*/\1/p' "$spec" | head -n 1)
  if grep -q "^exec gunicorn" "$out/startup.sh" &&
    grep -Eq "^  $package\.(asgi|wsgi):application$" "$out/startup.sh"; then ok; else
    bad "$name: startup.sh does not exec gunicorn on $package"; fi
  if grep -q "asgi:application" "$out/startup.sh"; then
    # uvicorn-worker, which djaz adds, unless the spec lists uvicorn
    # without it (uvicorn's own deprecated module, DJZ6020).
    want=uvicorn_worker.UvicornWorker
    grep -q '"uvicorn[=<>~! ]' "$spec" && ! grep -q '"uvicorn-worker' "$spec" &&
      want=uvicorn.workers.UvicornWorker
    if grep -q -- "--worker-class=$want" "$out/startup.sh"; then ok; else
      bad "$name: ASGI without the worker class $want"; fi
  fi
  if ! grep -v '^ *#' "$out/startup.sh" | grep -Eq "migrate|collectstatic"; then ok; else
    bad "$name: startup.sh runs a release step"; fi
  if "$python" "$here/check_requirements.py" "$out"; then ok; else
    bad "$name: requirements"; fi
  # tox reads tox.ini: its environments are the spec's.
  if (cd "$out" && tox -l >"$work/tox" 2>&1 && tox --showconfig >/dev/null 2>&1); then ok
  else bad "$name: tox cannot read tox.ini"; cat "$work/tox"; fi
  want=$(sed -n 's/^envlist = //p' "$out/tox.ini" | tr -d ' ' | tr ',' '\n')
  if [[ $(cat "$work/tox") == "$want" && -n $want ]]; then ok; else
    bad "$name: tox -l lists '$(cat "$work/tox")', want '$want'"; fi
  if "$python" -m py_compile "$out/locustfile.py"; then ok; else
    bad "$name: locustfile.py does not compile"; fi
  # git ignores .vscode/launch.json (and only it), through the
  # .gitignore djaz writes beside it when it writes one.
  if [[ -f $out/.vscode/launch.json ]]; then
    staged=$(cd "$out" && git init -q . && git add -A && git diff --cached --name-only -- .vscode)
    rm -rf "$out/.git"
    if [[ $staged == .vscode/.gitignore ]]; then ok; else
      bad "$name: git does not ignore launch.json (staged: $staged)"; fi
  elif [[ ! -e $out/.vscode ]]; then ok
  else bad "$name: .vscode without launch.json"; fi
done

# The checks fail on broken files.
broken=$work/broken
cp -r "$work/app" "$broken"
# shellcheck disable=SC2016 # the $ is for the broken script
printf 'exec gunicorn $flags app.wsgi\n' >>"$broken/startup.sh"
if shellcheck "$broken/startup.sh" >/dev/null; then
  bad "shellcheck passed an unquoted variable"; else ok; fi
printf 'django>=\n' >>"$broken/requirements.txt"
printf 'gunicorn\n' >>"$broken/requirements.txt"
if "$python" "$here/check_requirements.py" "$broken" >"$work/req" 2>&1; then
  bad "check_requirements.py passed a broken file"
elif grep -q "Expected" "$work/req" && grep -q "gunicorn is not pinned" "$work/req"; then ok
else bad "check_requirements.py did not say why"; cat "$work/req"; fi

echo "python: $passed passed, $failed failed"
((failed == 0))

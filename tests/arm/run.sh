#!/usr/bin/env bash
# ARM back end: tests/arm/run.sh path/to/djaz
#
# For every example (examples/*/app.djaz) and every spec of tests/arm/specs
# (which turn on every option):
#   * `djaz build` writes exactly golden/NAME/ (DJAZ_BLESS=1 rewrites it;
#     review the diff), and the same bytes on a second build;
#   * every resource validates against the official schema of its type
#     and apiVersion, properties closed, and every parameters file
#     against the template (validate.js);
#   * every row of the article's portal tables holds in every environment,
#     and no secret value is anywhere in the output (check.py).
# Then the checks are shown to fail on outputs that break them, and a
# spec with a secret literal is shown to write nothing.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=/usr/bin/python3
if [[ ! -d $here/node_modules ]]; then
  echo "FAIL: tests/arm/node_modules is missing: run .ci/bootstrap test"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795478400 NO_COLOR=1
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

cd "$root" || exit 1
for spec in examples/*/app.djaz tests/arm/specs/*.djaz; do
  case $spec in
    examples/*) name=$(basename "$(dirname "$spec")") ;;
    *) name=$(basename "$spec" .djaz) ;;
  esac
  out=$work/$name
  if ! "$DJAZ" build -q "$spec" -o "$out" 2>"$work/stderr"; then
    bad "$name: djaz build failed"; cat "$work/stderr"; continue
  fi
  "$DJAZ" build -q "$spec" -o "$work/again" 2>/dev/null
  if diff -r "$out" "$work/again" >/dev/null; then ok; else
    bad "$name: two builds differ"; fi
  rm -rf "$work/again"

  golden=$here/golden/$name
  if [[ ${DJAZ_BLESS:-} == 1 ]]; then
    rm -rf "$golden" && mkdir -p "$golden" && cp -r "$out/." "$golden/"
  fi
  if diff -ru "$golden" "$out"; then ok; else bad "$name: differs from golden"; fi

  if node "$here/validate.js" --gaps "$here/schema-gaps.json" \
    "$out/arm/template.json" "$out"/arm/*.parameters.json >"$work/validate" 2>&1; then ok; else
    bad "$name: schema validation"; cat "$work/validate"; fi

  flags=()
  grep -q 'allow_azure_services *= *on' "$spec" && flags+=(--azure-services-rule)
  if "$python" "$here/check.py" "$out" "${flags[@]}"; then ok; else
    bad "$name: portal settings or secrets"; fi
done

# The checks can fail: a template with FTP allowed, TLS 1.0 and a
# password in a parameters file, and one with a misspelt property.
broken=$work/broken
cp -r "$work/django-on-azure" "$broken"
sed -i 's/"ftpsState": "Disabled"/"ftpsState": "AllAllowed"/; s/"minTlsVersion": "1.2"/"minTlsVersion": "1.0"/' \
  "$broken/arm/template.json"
sed -i 's/"parameters": {/"parameters": {\n    "databaseAdminPassword": {"value": "hunter2"},/' \
  "$broken/arm/staging.parameters.json"
if "$python" "$here/check.py" "$broken" >"$work/check" 2>&1; then
  bad "check.py passed a broken output"
else
  for want in "FTP State" "Minimum TLS Version" "parameters file holds securestring"; do
    if grep -q "$want" "$work/check"; then ok; else
      bad "check.py did not report '$want'"; cat "$work/check"; fi
  done
fi
# A misspelt property, and one in a dashboard part next to the parts the
# schema gap waives: both are errors.
sed -i 's/"httpsOnly": true/"httpsOnyl": true/; s/"colSpan": 6/"colSpann": 6/' \
  "$broken/arm/template.json"
if node "$here/validate.js" --gaps "$here/schema-gaps.json" "$broken/arm/template.json" \
  >"$work/validate" 2>&1; then
  bad "validate.js passed misspelt properties"
else
  for want in httpsOnyl colSpann; do
    if grep -q "$want" "$work/validate"; then ok; else
      bad "validate.js did not name $want"; cat "$work/validate"; fi
  done
fi

# A secret written as a literal is an error: nothing is written.
sed 's/^  setting DJANGO_LOG_LEVEL = "INFO"$/  setting DB_PASSWORD = "hunter2-but-longer"/' \
  examples/django-on-azure/app.djaz >"$work/literal.djaz"
if "$DJAZ" build -q "$work/literal.djaz" -o "$work/literal" >/dev/null 2>&1; then
  bad "a spec with a secret literal was built"
elif [[ -e $work/literal ]] || compgen -G "$work/.literal*" >/dev/null; then
  bad "a failed build left files behind"
else ok; fi

echo "arm: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# Proves that tests/arm/validate.js accepts valid ARM templates and parameter
# files and rejects broken ones with the right message.
#
#   bash tests/arm/selftest.sh
#
# Needs tests/arm/node_modules (.ci/bootstrap test, or
# npm ci --prefix tests/arm).  Exit 0 when every expectation holds, 1 if not.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

if [[ ! -f node_modules/ajv/package.json || ! -f node_modules/ajv-formats/package.json ]]; then
  echo "selftest: $here/node_modules is missing or incomplete;" \
    "run .ci/bootstrap test (or npm ci --prefix tests/arm)" >&2
  exit 1
fi
command -v node >/dev/null || { echo "selftest: node is not on PATH" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
jobs_max=$(nproc 2>/dev/null || echo 2)
ncases=0

# check EXIT ERRORS MESSAGE FILE...
#   runs validate.js on selftest/FILE... and expects exit status EXIT, ERRORS
#   error lines, and a line of output containing MESSAGE.  The runs go in
#   parallel; the results are looked at once all have finished.
check() {
  local i=$ncases f args=()
  ncases=$((ncases + 1))
  printf '%s\0' "$@" >"$tmp/$i.case"
  shift 3
  for f in "$@"; do args+=("selftest/$f"); done
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n || true; done
  (
    rc=0
    node validate.js "${args[@]}" >"$tmp/$i.out" 2>&1 || rc=$?
    echo "$rc" >"$tmp/$i.rc"
  ) &
}

# verify INDEX EXIT ERRORS MESSAGE FILE...
verify() {
  local i=$1 want=$2 nerr=$3 msg=$4 out rc got
  shift 4
  out=$(cat "$tmp/$i.out")
  rc=$(cat "$tmp/$i.rc")
  got=$(grep -c '^selftest/' <<<"$out" || true)
  if [[ $rc == "$want" && $got == "$nerr" ]] && grep -qF -- "$msg" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    {
      echo "FAIL: validate.js $*"
      echo "  want exit $want, $nerr error line(s), a line containing: $msg"
      echo "  got exit $rc, $got error line(s):"
      echo "    ${out//$'\n'/$'\n'    }"
    } >&2
  fi
}

# Valid templates and parameter files.
check 0 0 'validate: 7 resources, 2 parameter files: ok' \
  valid.json valid.parameters.json params-keyvault.json
check 0 0 'validate: 33 resources, 0 parameter files: ok' all-types.json

# Resources.
check 1 1 '/resources/0/properties/httpsOnyl: unknown property "httpsOnyl"' bad-property.json
check 1 1 '/resources/0/properties/siteConfig/minTlsVersoin: unknown property "minTlsVersoin"' \
  bad-nested-property.json
check 1 1 '/resources/0/properties/httpsOnly: must be boolean, not string "yes"' bad-type.json
check 1 1 '/resources/0/properties/siteConfig/ftpsState: string "Off" is not one of "AllAllowed", "FtpsOnly", "Disabled"' \
  bad-enum.json
check 1 1 '/resources/0/apiVersion: no schema for Microsoft.Web/sites at 2099-01-01' bad-apiversion.json
check 1 1 'Microsoft.Storage/storageAccounts/blobServices/containers "st/default/media" 2026-04-01: /resources/0/properties/publicAcess: unknown property "publicAcess"' \
  bad-child-property.json
check 1 1 'Microsoft.Web/sites/config "[parameters('"'name'"')]/logs" 2024-11-01: /resources/0/resources/0/properties/httpLogs/fileSystem/retentionInDay: unknown property "retentionInDay"' \
  bad-nested-child.json
check 1 1 '/resources/0/dependson: unknown property "dependson"' bad-resource-key.json
check 1 1 '/resources/0/properties/ftpState: unknown property "ftpState"' bad-config-web.json
check 1 2 '/resources/0/properties/actions/0/parameters/headerNme: unknown property "headerNme"' \
  bad-cdn-action.json

# Parameter files, against valid.json.
check 1 1 'params-undeclared.json: parameter "nmae": /parameters/nmae: not declared in the template' \
  valid.json params-undeclared.json
check 1 1 'parameter "workers": /parameters/workers/value: must be int, not string "2"' \
  valid.json params-wrong-type.json
check 1 1 'parameter "secretKey": /parameters/secretKey/value: a securestring parameter must not have a value' \
  valid.json params-secure-value.json
check 1 3 'parameter "planSku": /parameters/planSku/value: "F1" is not one of the allowedValues "B1", "P1v3"' \
  valid.json params-constraints.json
check 1 1 'parameter "name": /parameters: missing: the template declares it without a defaultValue' \
  valid.json params-missing.json

# Usage and I/O errors.
check 2 0 'usage: node tests/arm/validate.js'
check 2 0 'cannot read selftest/no-such-file.json' valid.json no-such-file.json

wait
pass=0
fail=0
for ((i = 0; i < ncases; i++)); do
  mapfile -d '' -t args <"$tmp/$i.case"
  verify "$i" "${args[@]}"
done
if ((fail > 0)); then
  echo "selftest: $fail of $((pass + fail)) checks failed" >&2
  exit 1
fi
echo "selftest: all $pass checks passed"

#!/usr/bin/env bash
# CI back end: tests/ci/run.sh path/to/djaz
#
# Builds the example, tests/arm/specs/everything.djaz, the example with
# `auth = publish_profile` and the example with the longest names (a web
# app name of 60 characters, a spec path of 60), and judges the CI files
# each writes with their real consumers:
#   * action-validator 0.6.0 (tests/ci/node_modules, the workflow schema
#     of SchemaStore, and `needs` naming real jobs) on every
#     .github/workflows/*.yml: exit 0 and not a word of output (its glob
#     warning, for `paths:` filters it cannot check, counts as a finding).
#     It knows workflows and actions only (a file not named action.yml is
#     read as a workflow), so dependabot.yml is checked by check.py;
#   * yamllint, strict (a warning fails) with its default rules, on every
#     .yml of the output;
#   * check.py (PyYAML): the pull-request workflow neither deploys nor
#     reads a secret, each deploy workflow runs on a push to its
#     environment's branch only, one at a time, with least privilege,
#     OIDC or a publish profile as the spec says, secrets only as whole
#     `${{ secrets.NAME }}` values, the stdlib's action and task majors;
#     dependabot.yml and azure-pipelines.yml (no deployment for a pull
#     request).  Its docstring lists every check;
#   * shellcheck on every script in them (each `run:`, each pipeline
#     `script:` and `inlineScript:`), as the bash that runs it; the
#     pipeline's inline Python (PythonScript) compiles.
# Then each check is shown to fail on an output broken the way it guards
# against.
#
# CI_CHECK_DIR=OUT [CI_CHECK_SPEC=SPEC] tests/ci/run.sh: no build; the
# checks and the negatives on an existing output OUT of SPEC (default: the
# example).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=/usr/bin/python3
validator=$here/node_modules/.bin/action-validator
if [[ -n ${CI_CHECK_DIR:-} ]]; then
  base=$(realpath "$CI_CHECK_DIR")
  spec=$(realpath "${CI_CHECK_SPEC:-$root/examples/django-on-azure/app.djaz}")
else
  [[ -x ${1:-} ]] || { echo "usage: run.sh path/to/djaz" >&2; exit 2; }
  DJAZ=$(realpath "$1")
fi
if [[ ! -x $validator ]]; then
  echo "FAIL: tests/ci/node_modules is missing: run .ci/bootstrap test"
  exit 1
fi
if ! command -v yamllint >/dev/null || ! "$python" -c 'import yaml' 2>/dev/null; then
  echo "FAIL: yamllint or python3-yaml is missing: run .ci/bootstrap test"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795478400 NO_COLOR=1
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
cd "$root" || exit 1

# validate FILE: action-validator on FILE, run where the workflows' globs
# would be resolved (the repository root, here the output).
validate() {
  (cd "$(dirname "$(dirname "$(dirname "$1")")")" &&
    "$validator" ".github/workflows/$(basename "$1")") >"$work/validate" 2>&1 &&
    [[ ! -s $work/validate ]]
}

# check NAME OUT SPEC: every check on the output OUT of SPEC.
check() {
  local name=$1 out=$2 spec=$3 f ymls=()
  local workflows=("$out"/.github/workflows/*.yml)
  if grep -Eq '^ci +github\b' "$spec" && [[ ! -f ${workflows[0]} ]]; then
    bad "$name: no workflows written: djaz build wrote no" \
      ".github/workflows/*.yml for a spec with \`ci github\`" \
      "(is the GitHub Actions back end, compiler/emit/ci, in this djaz?)"
    return
  fi
  for f in "${workflows[@]}"; do
    [[ -f $f ]] || continue
    if validate "$f"; then ok; else
      bad "$name: action-validator on ${f#"$out"/}"; cat "$work/validate"; fi
  done
  mapfile -t ymls < <(find "$out" -name '*.yml' -o -name '*.yaml' | sort)
  if ((${#ymls[@]} > 0)); then
    if yamllint -s -d default -f parsable "${ymls[@]}" >"$work/yamllint" 2>&1; then ok
    else bad "$name: yamllint"; sed "s|$out/||" "$work/yamllint"; fi
  fi
  if "$python" "$here/check.py" "$out" --spec "$spec" >"$work/check" 2>&1; then ok
  else bad "$name: check.py"; sed 's/^/  /' "$work/check"; fi
  scripts "$name" "$out"
}

# scripts NAME OUT: shellcheck on every script of OUT's CI files (each
# `run:` of the workflows, each `script:` and `inlineScript:` of the
# pipeline), as the bash that runs them.
scripts() {
  local name=$1 out=$2 list
  rm -rf "$work/scripts" && mkdir "$work/scripts"
  if ! "$python" - "$out" "$work/scripts" >"$work/list" 2>&1 <<'PY'
import glob, os, sys, yaml
out, dest = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(out, ".github/workflows/*.yml")))
files += [f for f in [os.path.join(out, "azure-pipelines.yml")] if os.path.exists(f)]
n = 0
def walk(node, where):
    global n
    if isinstance(node, dict):
        for k, v in node.items():
            # A PythonScript task's inline `script` is Python.
            shell = k in ("run", "inlineScript") or (
                k == "script" and "scriptSource" not in node)
            if k == "script" and node.get("scriptSource") == "inline":
                compile(v, f"{where}: PythonScript", "exec")  # Python, compiled
            if shell and isinstance(v, str):
                n += 1
                path = os.path.join(dest, f"{n:03d}.sh")
                with open(path, "w") as f:
                    f.write(f"#!/usr/bin/env bash\n# {where}\n{v}")
                print(path)
            else:
                walk(v, where)
    elif isinstance(node, list):
        for v in node:
            walk(v, where)
for f in files:
    walk(yaml.safe_load(open(f)), os.path.relpath(f, out))
PY
  then bad "$name: could not read the scripts"; cat "$work/list"; return; fi
  mapfile -t list <"$work/list"
  if ((${#list[@]} == 0)); then bad "$name: no script found in the CI files"; return; fi
  if shellcheck -s bash "${list[@]}" >"$work/shellcheck" 2>&1; then ok
  else bad "$name: shellcheck on the CI files' scripts"; cat "$work/shellcheck"; fi
}

# build NAME SPEC: djaz build SPEC into $work/NAME.
build() {
  if "$DJAZ" build -q "$2" -o "$work/$1" 2>"$work/stderr"; then ok; else
    bad "$1: djaz build failed"; cat "$work/stderr"; return 1; fi
}

if [[ -n ${CI_CHECK_DIR:-} ]]; then
  check "$(basename "$base")" "$base" "$spec"
else
  example=examples/django-on-azure/app.djaz
  base=$work/example spec=$example
  build example "$example" && check example "$work/example" "$example"
  everything=tests/arm/specs/everything.djaz
  build everything "$everything" &&
    check everything "$work/everything" "$everything"
  # The example signing in with a publish profile, acknowledged (DJZ6015
  # is a warning, which would not stop the build either).
  pp=$work/publish-profile.djaz
  sed 's/^\(  auth *= *\)oidc$/\1publish_profile\n  allow publish-profile-auth = "tests\/ci: the publish-profile workflows"/' \
    "$example" >"$pp"
  if grep -q '= publish_profile$' "$pp"; then
    build publish-profile "$pp" && check publish-profile "$work/publish-profile" "$pp"
    # The auth checks are not vacuous: each output fails the other's.
    if [[ -d $work/publish-profile/.github && -d $work/example/.github ]]; then
      for pair in "publish-profile $example does not use azure/login" \
        "example $pp azure/login with auth = publish_profile"; do
        read -r out against want <<<"$pair"
        if "$python" "$here/check.py" "$work/$out" --spec "$against" >"$work/check" 2>&1; then
          bad "check.py passed the $out workflows against $against"
        elif grep -qF "$want" "$work/check"; then ok
        else bad "check.py did not report '$want'"; cat "$work/check"; fi
      done
    fi
  else
    bad "the example has no \`auth = oidc\` line to turn into publish_profile"
  fi
  # The longest names: a web app name of 60 characters (Azure's limit,
  # which djaz enforces) in production, and a spec path of 60 characters
  # in the repository, as the workflows name it.  Every line of every
  # file still within yamllint's 80 columns.
  deep=services/storefront-django-application/deploy/azure/app.djaz
  mkdir -p "$work/$(dirname "$deep")"
  name=storefront-django-application-on-azure-sea-asia01-
  sed "s/^\(  python *= *\"3.13\"\)\$/\1\n  name = \"$name\${env.name}\"/" \
    "$example" >"$work/$deep"
  if grep -q '^  name = ' "$work/$deep"; then
    if (cd "$work" && "$DJAZ" build -q "$deep" -o long-names 2>"$work/stderr"); then
      ok; check long-names "$work/long-names" "$work/$deep"
    else bad "long-names: djaz build failed"; cat "$work/stderr"; fi
  else
    bad "the example has no \`python = \"3.13\"\` line to add a name after"
  fi
  # An environment named with a hyphen: `-` is `_` in the stage id
  # (deploy_pre_prod) and the publish profile's secret
  # (PRE_PROD_PUBLISH_PROFILE), which check.py holds to their rules.
  hyphen=$work/hyphen.djaz
  cat >"$hyphen" <<'SPEC'
djaz 1
app shop {
  python         = "3.13"
  django         = "5.2"
  package        = "shop"
  region         = "westeurope"
  resource_group = "shop-${env.name}"
  requirements { runtime = ["django==5.2.18", "gunicorn==23.0.0", "uvicorn-worker==0.3.0"] }
  secret SECRET_KEY { generate = 50 }
}
ci github {
  auth          = publish_profile
  security_scan = on
  allow publish-profile-auth = "tests/ci: a hyphen in the secret's name"
}
ci azure_pipelines { }
env pre-prod {
  plan   = P1V2
  branch = "main"
}
env production {
  plan   = P1V2
  branch = "release"
}
SPEC
  build hyphen "$hyphen" && check hyphen "$work/hyphen" "$hyphen"
fi

# The checks can fail.  check.py: each breakage `check.py break` knows,
# on a copy of the example's output, reported as it says.
pr=.github/workflows/djaz-pull-request.yml
if [[ ! -f $base/$pr ]]; then
  bad "negatives: no $pr in $base to break"
else
  while IFS=$'\t' read -r kind want; do
    rm -rf "$work/broken" && cp -r "$base" "$work/broken"
    if ! "$python" "$here/check.py" break "$work/broken" "$kind" >"$work/check" 2>&1; then
      bad "check.py break $kind failed"; cat "$work/check"
    elif "$python" "$here/check.py" "$work/broken" --spec "$spec" >"$work/check" 2>&1; then
      bad "check.py passed an output broken by '$kind'"
    elif grep -qF -- "$want" "$work/check"; then ok
    else bad "check.py did not report '$want' ($kind)"; cat "$work/check"; fi
  done < <("$python" "$here/check.py" break)

  # yamllint: an unquoted `on` (truthy) and a line of 81 characters.
  broken=$work/broken/$pr
  mkdir -p "$(dirname "$broken")"
  sed "s/^'on':/on:/" "$base/$pr" >"$broken"
  echo "# A line of 81 characters, with spaces: longer than yamllint's default max of 80." \
    >>"$broken"
  if cmp -s "$base/$pr" "$broken" || ! grep -q '^on:' "$broken"; then
    bad "negatives: no 'on': line to unquote in $pr"
  elif yamllint -s -d default -f parsable "$broken" >"$work/yamllint" 2>&1; then
    bad "yamllint passed an unquoted on: and a long line"
  else
    for want in '(truthy)' '(line-length)'; do
      if grep -qF "$want" "$work/yamllint"; then ok; else
        bad "yamllint did not report $want"; cat "$work/yamllint"; fi
    done
  fi

  # action-validator: runs-on misspelt, and a job that needs no job.
  sed '0,/^    runs-on:/s//    run-on:/' "$base/$pr" >"$broken"
  if validate "$broken"; then bad "action-validator passed run-on"
  elif grep -q "Additional property 'run-on' is not allowed" "$work/validate"; then ok
  else bad "action-validator did not name run-on"; cat "$work/validate"; fi
  sed '0,/^    runs-on:/s//    needs: [no-such-job]\n&/' "$base/$pr" >"$broken"
  if validate "$broken"; then bad "action-validator passed needs: no-such-job"
  elif grep -q 'unresolved job no-such-job' "$work/validate"; then ok
  else bad "action-validator did not name no-such-job"; cat "$work/validate"; fi

  # The scripts check can fail: the quote that once broke the install
  # step, put back.
  rm -rf "$work/broken" && cp -r "$base" "$work/broken"
  sed -i 's/set it to the git URL of djaz/set it to djaz'"'"'s git URL/' "$work/broken/$pr"
  if ! grep -q "djaz's git URL" "$work/broken/$pr"; then
    bad "negatives: no DJAZ_REPOSITORY check to break in $pr"
  else
    failed_before=$failed
    scripts broken "$work/broken" >"$work/scripts.out"
    if ((failed > failed_before)) && grep -q 'SC1078\|SC1073' "$work/scripts.out"; then
      failed=$failed_before; ok
    else
      failed=$failed_before; bad "shellcheck passed an unterminated quote"; cat "$work/scripts.out"
    fi
  fi
fi

echo "ci: $passed passed, $failed failed"
((failed == 0))

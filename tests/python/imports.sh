#!/usr/bin/env bash
# tests/python/imports.sh path/to/djaz
#
# Every package the generated files import or run is in the requirements
# file that installs it (imports.py), for the examples, tests/arm/specs
# and a spec per feature, alone and together: Django alone, ASGI, a
# database, storage, Application Insights, CI, an access test, all of
# them; and with the spec's own pins, which djaz keeps and does not
# repeat.  The pins djaz adds pass djaz's own lint (no advisory, no
# retired package), and each spec's startup.sh names the worker class
# of the package that is installed.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: imports.sh path/to/djaz}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795478400 NO_COLOR=1
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

# A spec with Django pinned and nothing else, plus the named features.
spec() {
  local runtime=${RUNTIME:-'"django==5.2.18"'}
  local f
  printf 'djaz 1\nimport "std/azure/hardened"\n'
  printf 'app shop {\n  python = "3.13"\n  django = "5.2"\n  package = "shop"\n'
  printf '  region = "westeurope"\n  resource_group = "shop-${env.name}"\n'
  printf '  requirements {\n    runtime = [%s]\n' "$runtime"
  [[ -z ${TEST:-} ]] || printf '    test = [%s]\n' "$TEST"
  printf '  }\n'
  printf '  secret SECRET_KEY { generate = 50 }\n'
  for f in "$@"; do
    case $f in
      asgi) printf '  server { kind = asgi }\n' ;;
      wsgi) printf '  server { kind = wsgi }\n' ;;
    esac
  done
  printf '}\nenv prod { plan = P1V2; branch = "main" }\n'
  for f in "$@"; do
    case $f in
      database) printf 'database main {\n  engine = postgres\n  version = 17\n  sku = Standard_B1ms\n  name = "shop"\n}\n' ;;
      storage) printf 'storage files {\n  account = "shopfiles${env.name}"\n  containers = { static = "static", media = "media" }\n}\n' ;;
      insights) printf 'monitor { insights = on }\n' ;;
      ci) printf 'ci github { auth = oidc }\n' ;;
      pipelines) printf 'ci azure_pipelines { service_connection = "shop" }\n' ;;
      test) printf 'test access {\n  login_required = ["/a/"]\n  users_allowed = ["/a/"]\n}\n' ;;
    esac
  done
}

check() { # NAME SPECFILE: build it and check its imports
  local name=$1 out=$work/$1.out
  if ! "$DJAZ" build -q "$2" -o "$out" 2>"$work/err"; then
    bad "$name: djaz build failed"; cat "$work/err"; return 1
  fi
  if "$python" "$here/imports.py" "$out"; then ok; else bad "$name: imports"; fi
}

cd "$root" || exit 1
for s in examples/*/app.djaz tests/arm/specs/*.djaz; do
  check "$(basename "$(dirname "$s")")-$(basename "$s" .djaz)" "$s"
done
all=(asgi database storage insights ci test)
for f in none wsgi "${all[@]}" all; do
  case $f in none) set -- ;; all) set -- "${all[@]}" ;; *) set -- "$f" ;; esac
  spec "$@" >"$work/$f.djaz"
  check "$f" "$work/$f.djaz" || continue
  worker=$(sed -n 's/.*--worker-class=\([a-z_.]*\)\..*/\1/p' "$work/$f.out/startup.sh")
  if [[ -z $worker || $worker == uvicorn_worker ]]; then ok; else
    bad "$f: startup.sh runs $worker, not the uvicorn-worker djaz adds"; fi
done

# The pins djaz adds pass its own lint: written into a spec, they raise
# no finding.
added=$(grep -hv '^#\|^-r' "$work/all.out/requirements.txt" | sed 's/.*/"&"/' | paste -sd,)
RUNTIME=$added spec "${all[@]}" >"$work/pinned.djaz"
if "$DJAZ" check "$work/pinned.djaz" >"$work/lint" 2>&1 && [[ ! -s $work/lint ]]; then ok
else bad "the pins djaz adds do not pass lint: $added"; cat "$work/lint"; fi
# ... and a spec that lists them gets no line added.
if check pinned "$work/pinned.djaz" &&
  ! grep -q '^# Added by djaz' "$work/pinned.out/requirements.txt"; then ok
else bad "pinned: djaz added a line the spec has"; fi

# The spec's own pins stay, once; uvicorn without uvicorn-worker keeps
# uvicorn's own worker module; psycopg 3 serves as the driver.
RUNTIME='"django==5.2.18", "django-storages[azure]==1.14.4", "uvicorn==0.29.0", "psycopg==3.2.3"' \
  spec asgi database storage >"$work/own.djaz"
if check own "$work/own.djaz"; then
  req=$work/own.out/requirements.txt
  if [[ $(grep -c '^django-storages' "$req") == 1 ]] &&
    grep -qx 'django-storages\[azure\]==1.14.4' "$req" &&
    ! grep -q '^psycopg2\|^uvicorn-worker' "$req" &&
    grep -q -- '--worker-class=uvicorn.workers.UvicornWorker' "$work/own.out/startup.sh"
  then ok; else bad "own: the spec's pins were not kept as written"; cat "$req"; fi
fi

# Coverage: the CI files run pytest --cov exactly when djaz writes them,
# and requirements-test.txt then holds pytest-cov, the spec's line in any
# spelling pip reads as that name (kept, nothing added) or djaz's.
for t in '' '"pytest-cov==6.0.0"' '"pytest_cov==6.0.0"' '"PyTest.Cov==6.0.0"' \
  '"pytest__cov==6.0.0"'; do
  for ci in none ci pipelines both; do
    case $ci in none) set -- ;; both) set -- ci pipelines ;; *) set -- "$ci" ;; esac
    name="cov-$ci-${t:-unlisted}"
    TEST=$t spec "$@" >"$work/cov.djaz"
    check "$name" "$work/cov.djaz" || continue
    o=$work/$name.out
    cifiles=$(ls "$o"/.github/workflows/*.yml "$o"/azure-pipelines.yml 2>/dev/null)
    runs=$(grep -l -- '-m pytest' $cifiles /dev/null | wc -l)
    cov=$(grep -l -- '--cov=shop --cov-report=xml' $cifiles /dev/null | wc -l)
    lines=$(grep -ci '^pytest[-_.]*cov' "$o/requirements-test.txt")
    if [[ $ci == none ]]; then want_runs=0 want_lines=$([[ -n $t ]] && echo 1 || echo 0)
    else want_runs=$((runs > 0 ? runs : 1)) want_lines=1; fi
    if [[ $runs == "$want_runs" && $cov == "$runs" && $lines == "$want_lines" ]] &&
      { [[ -z $t ]] || grep -qxF "${t//\"/}" "$o/requirements-test.txt"; }; then ok
    else bad "$name: $runs CI files run pytest, $cov with --cov; $lines pytest-cov lines"
      cat "$o/requirements-test.txt"; fi
  done
done

# The check fails on a requirements file that lacks what is imported.
cp -r "$work/all.out" "$work/broken"
sed -i '/^azure-monitor-opentelemetry\|^locust$\|^psycopg2/d' "$work/broken/requirements.txt" "$work/broken/requirements-dev.txt"
sed -i 's/^django-storages\[azure\]/django-storages/' "$work/broken/requirements.txt"
"$python" "$here/imports.py" "$work/broken" >"$work/gaps"
for gap in 'lacks azure-monitor-opentelemetry' 'lacks locust' 'lacks psycopg' 'django-storages lacks \[azure\]'; do
  if grep -q "$gap" "$work/gaps"; then ok; else bad "imports.py missed: $gap"; cat "$work/gaps"; fi
done

echo "python.imports: $passed passed, $failed failed"
((failed == 0))

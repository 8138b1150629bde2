# What tests/django/run.sh and serve.sh share; sourced after DJAZ is set.
# shellcheck shell=bash disable=SC2034 # its variables are for the scripts that source it
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
python=/usr/bin/python3
example=$root/examples/django-on-azure
key=$("$python" -c 'import secrets; print(secrets.token_urlsafe(60))')
host=django-on-azure-staging.azurewebsites.net
work=$(mktemp -d)
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
django52_site=$here/django-5.2/root/usr/lib/python3/dist-packages
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

# sed arguments that pin the example's spec to Debian 12's gunicorn 20.1
# and uvicorn 0.17, whose worker module is uvicorn.workers (Debian has no
# uvicorn-worker package); add -e "s/kind    = asgi/kind    = wsgi/" for
# WSGI.
debian_pins=(-e 's/"gunicorn==23.0.0"/"gunicorn==20.1.0"/'
  -e 's/"uvicorn==0.32.1"/"uvicorn==0.17.6"/'
  -e '/"uvicorn-worker==/d')

# use_django 3.2|5.2: the Django that $python (and gunicorn, pytest) import
# from now on: Debian 12's, or 5.2 from tests/django/fetch-django.sh on
# PYTHONPATH.  Stops the script when that Django is not there.
use_django() {
  unset PYTHONPATH
  [[ $1 == 5.2 ]] && export PYTHONPATH=$django52_site
  local got
  got=$("$python" -c 'import django; print(django.get_version())' 2>&1)
  if [[ $got != "$1".* ]]; then
    echo "FAIL: Django $1 wanted, $python imports ${got:-nothing}: run .ci/bootstrap test"
    exit 1
  fi
}

# django_of VARIANT: the Django a variant of the example runs on.
django_of() { if [[ $1 == *32* ]]; then echo 3.2; else echo 5.2; fi; }

# django32 OUT [SED-ARG...]: the example's spec for Debian's Django 3.2
# (on Python 3.10, which it supports), with more sed edits if given.
django32() {
  local out=$1
  shift
  sed -e 's/django         = "5.2"/django         = "3.2"/' \
    -e 's/python         = "3.13"/python         = "3.10"/' \
    -e 's/"django==5.2.18"/"django==3.2.25"/' "$@" \
    "$example/app.djaz" >"$out"
}

# app NAME SPEC: the example with what djaz builds from SPEC ($work/NAME.out)
# put into its package, in $work/NAME.
app() {
  local name=$1 spec=$2
  if ! "$DJAZ" build -q "$spec" -o "$work/$name.out" 2>"$work/err"; then
    bad "$name: djaz build failed"
    cat "$work/err"
    return 1
  fi
  cp -r "$example" "$work/$name"
  cp "$work/$name.out"/django_on_azure/*.py "$work/$name/django_on_azure/"
}

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# serve APP LOG [VAR=VALUE...]: APP's startup.sh on a free port of
# 127.0.0.1 ($port), with those variables, until it answers; $pid is
# gunicorn's (startup.sh execs it).
serve() {
  local app=$1 log=$2
  shift 2
  port=$(free_port)
  env "$@" GUNICORN_BIND="127.0.0.1:$port" bash "$app/startup.sh" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    curl -s -m 2 -o /dev/null "http://127.0.0.1:$port/" && return
    sleep 0.1
  done
}

# stop: gunicorn, by its pid.
stop() {
  kill "$pid" && wait "$pid" 2>/dev/null
  pid=
}

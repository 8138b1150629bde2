#!/usr/bin/env bash
# startup.sh really serving the example: tests/django/serve.sh path/to/djaz
#
# Builds the example for Debian 12's gunicorn 20.1 and uvicorn 0.17 (whose
# worker module is uvicorn.workers), for Django 3.2 (Debian 12's) and 5.2
# (tests/django/fetch-django.sh), each as ASGI and as WSGI, runs the generated startup.sh in production mode on a free
# port of 127.0.0.1 (GUNICORN_BIND), and asks it for pages as App Service's front end would
# (HTTPS said by X-Forwarded-Proto): the public page answers 200, a
# protected one redirects to the login page, and a plain-HTTP request is
# redirected to HTTPS.  gunicorn is stopped by its pid (startup.sh execs
# it).
set -uo pipefail
DJAZ=$(realpath "${1:?usage: serve.sh path/to/djaz}")
# shellcheck source=tests/django/lib.sh
source "$(dirname "$0")/lib.sh"
if ! command -v gunicorn >/dev/null || ! "$python" -c 'import django, uvicorn' 2>/dev/null; then
  echo "FAIL: gunicorn or python3-uvicorn is missing: run .ci/bootstrap test"
  exit 1
fi
# status PATH [CURL-ARG...]: the HTTP status and Location of a request.
status() {
  local path=$1
  shift
  curl -s -o /dev/null -w '%{http_code} %header{location}' -H "Host: $host" "$@" \
    "http://127.0.0.1:$port$path"
}

for django in 3.2 5.2; do
  use_django "$django"
  for kind in asgi wsgi; do
    name=$kind-$django
    pins=("${debian_pins[@]}" -e "s/kind    = asgi/kind    = $kind/")
    if [[ $django == 3.2 ]]; then django32 "$work/$name.djaz" "${pins[@]}"
    else sed "${pins[@]}" "$example/app.djaz" >"$work/$name.djaz"; fi
    app "$name" "$work/$name.djaz" || continue
    cp "$work/$name.out/startup.sh" "$work/$name/"
    serve "$work/$name" "$work/$name.log" -u DJANGO_DEVELOPMENT DEBUG=False \
      SECRET_KEY="$key" DJANGO_HOST="$host" GUNICORN_WORKERS=2 GUNICORN_THREADS=2
    worker=threads # gunicorn 20.1's name for gthread
    [[ $kind == asgi ]] && worker=uvicorn.workers.UvicornWorker
    if grep -q "Using worker: $worker" "$work/$name.log"; then ok; else
      bad "$name: gunicorn's worker"; cat "$work/$name.log"; fi
    expect() { # what got want
      if [[ $2 == "$3" ]]; then ok; else bad "$name: $1 gave '$2', want '$3'"; fi
    }
    expect / "$(status / -H "X-Forwarded-Proto: https")" "200 "
    expect /products/ "$(status /products/ -H "X-Forwarded-Proto: https")" \
      "302 /login?next=/products/"
    expect "plain HTTP" "$(status /)" "301 https://$host/"
    if grep -q '"GET / HTTP/1.1" 200' "$work/$name.log"; then ok; else
      bad "$name: no access log on stdout"; cat "$work/$name.log"; fi
    stop
  done
done

# The generated locustfile, headless for a few seconds against the example
# served in development mode (plain HTTP, local hosts).
app=$work/wsgi-5.2
cp "$work/wsgi-5.2.out/locustfile.py" "$app/"
(cd "$app" && DJANGO_DEVELOPMENT=True "$python" manage.py migrate --noinput >/dev/null 2>&1)
serve "$app" "$work/locust-server.log" DJANGO_DEVELOPMENT=True GUNICORN_WORKERS=1
if (cd "$app" && locust -f locustfile.py --headless --users 2 --spawn-rate 2 \
  --run-time 3s --host "http://127.0.0.1:$port" --csv "$work/locust" \
  --only-summary >"$work/locust.log" 2>&1); then ok; else
  bad "locust failed"; tail -20 "$work/locust.log"; fi
# The Aggregated row: requests made, none failed.
read -r requests failures < <(awk -F, '$2 == "Aggregated" { print $3, $4 }' \
  "$work/locust_stats.csv" 2>/dev/null)
if [[ ${requests:-0} -ge 2 && ${failures:-1} == 0 ]]; then ok; else
  bad "locust: ${requests:-no} requests, ${failures:-?} failures"; cat "$work/locust.log"; fi
stop

echo "serve: $passed passed, $failed failed"
((failed == 0))

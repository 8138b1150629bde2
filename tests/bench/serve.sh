#!/usr/bin/env bash
# The example served, under load: tests/bench/serve.sh path/to/djaz
# (bench.sh runs it last; see "Serving the example" in tests/bench/README.md)
#
# Builds the example (Django 5.2, ASGI) for Debian 12's gunicorn 20.1 and
# uvicorn 0.17 as tests/django/serve.sh does and serves it in production
# mode (DEBUG=False, SECRET_KEY, DJANGO_HOST) by the generated startup.sh,
# which picks workers and threads from this machine's cores, and by
# gunicorn's defaults (`gunicorn --bind 127.0.0.1:PORT
# django_on_azure.wsgi:application`: one sync worker), one after the
# other, with each of two databases:
#   postgres  as in Azure: PostgreSQL over TLS (a private server, as
#             tests/django/postgres.sh starts it) and the database cache,
#             so a request waits on the database;
#   sqlite    no database password: SQLite and no cache, nothing to wait
#             on, the processes only compete for the CPU (with wrk too).
# Each server gets the same wrk run against the public page `/` as App
# Service's front end would send it (Host, X-Forwarded-Proto: https), after
# a short warm-up, and the requests/s and 99th percentile latency are
# printed side by side.
#
# A benchmark, not a test: no figure makes it fail.  It fails (exit 1)
# when a tool is missing (wrk, gunicorn, curl, uvicorn, Django 5.2: run
# .ci/bootstrap test), a server does not start or does not answer `/`
# with 200, or a measured command fails.
set -uo pipefail
export LC_ALL=C

die() { echo "bench: serve: $*" >&2; exit 1; }
(($# == 1)) || { echo "usage: serve.sh path/to/djaz" >&2; exit 2; }
[[ -f $1 && -x $1 ]] || die "djaz not found or not executable: $1 (build it first)"
DJAZ=$(realpath "$1")
export DJAZ # lib.sh's app runs it
for tool in wrk gunicorn curl; do
  command -v "$tool" >/dev/null ||
    die "$tool not found: run .ci/bootstrap test (Debian package \`$tool\`)"
done
[[ -x /usr/bin/python3 ]] || die "/usr/bin/python3 not found: install Debian package \`python3\`"

# $python, $example, $key, $host, $work (removed at exit, when $pid is
# killed), use_django, app, free_port, stop.  Not serve: its curl waits
# without a time limit on a server that listens but never answers.  The
# :? below tell ShellCheck, which follows lib.sh only with -x, that
# lib.sh sets those variables.
# shellcheck source=tests/django/lib.sh disable=SC1091
source "$(dirname "$0")/../django/lib.sh"
python=${python:?} example=${example:?} key=${key:?} host=${host:?} work=${work:?}
# start_postgres, stop_postgres (stops with a FAIL line when PostgreSQL,
# psycopg2 or openssl is missing).
# shellcheck source=tests/django/pg.sh disable=SC1091
source "$(dirname "$0")/../django/pg.sh"

# use_django exits with its own message; try it in a subshell first.
(use_django 5.2 >/dev/null) ||
  die "Django 5.2 not found (tests/django/django-5.2): run .ci/bootstrap test"
use_django 5.2
"$python" -c 'import uvicorn.workers' 2>/dev/null ||
  die "uvicorn not found: run .ci/bootstrap test (Debian package \`python3-uvicorn\`)"
versions=$("$python" -c 'import django, gunicorn, uvicorn
print("Django", django.get_version(), "(tests/django/django-5.2), gunicorn",
      gunicorn.__version__, "and uvicorn", uvicorn.__version__, "(Debian)")') ||
  die "cannot read the versions of Django, gunicorn and uvicorn"

# The load: the same wrk parameters for both servers.
path=/
wrk_args=(-t2 -c16 -d5s --latency -H "Host: $host" -H "X-Forwarded-Proto: https")
warmup=(-t2 -c16 -d2s -H "Host: $host" -H "X-Forwarded-Proto: https")

# ---- the application -----------------------------------------------------
# The example's spec with Debian's gunicorn and uvicorn (whose worker is
# uvicorn.workers, not the uvicorn-worker package), as tests/django/serve.sh.
sed "${debian_pins[@]}" "$example/app.djaz" >"$work/bench.djaz" ||
  die "cannot write the spec"
app bench "$work/bench.djaz" >&2 || die "djaz build failed on the example"
app_dir=$work/bench
cp "$work/bench.out/startup.sh" "$app_dir/" || die "djaz build wrote no startup.sh"

# Production mode, and nothing from the caller's environment that would
# change it or gunicorn's defaults (WEB_CONCURRENCY is gunicorn's default
# worker count, GUNICORN_CMD_ARGS its extra arguments).
base=(-u DJANGO_DEVELOPMENT -u DJANGO_DATABASE_PASSWORD -u AZURE_ACCOUNT_NAME
  -u APPLICATIONINSIGHTS_CONNECTION_STRING -u GUNICORN_WORKERS
  -u GUNICORN_THREADS -u GUNICORN_CMD_ARGS -u WEB_CONCURRENCY
  DEBUG=False SECRET_KEY="$key" DJANGO_HOST="$host")
start_postgres app_bench >&2
# set_mode M: the environment of the servers with the database of M.
mode_names=(postgres sqlite)
set_mode() {
  mode=("${base[@]}")
  [[ $1 == postgres ]] || return 0
  mode+=(DJANGO_DATABASE_NAME=app_bench DJANGO_DATABASE_USER=djaz
    "DJANGO_DATABASE_PASSWORD=${apppw:?}" DJANGO_DATABASE_SERVER=127.0.0.1
    "DJANGO_DATABASE_PORT=${pgport:?}")
}
for m in "${mode_names[@]}"; do
  set_mode "$m"
  (cd "$app_dir" && env "${mode[@]}" "$python" manage.py migrate --noinput &&
    if [[ $m == postgres ]]; then
      env "${mode[@]}" "$python" manage.py createcachetable
    fi) >"$work/migrate.log" 2>&1 ||
    { tail -n 20 "$work/migrate.log" >&2; die "manage.py migrate failed ($m)"; }
done

# ---- measuring -----------------------------------------------------------
# status: the HTTP status of $path on $port, asked as the front end asks.
status() {
  curl -s -m 5 -o /dev/null -w '%{http_code}' -H "Host: $host" \
    -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port$path"
}

# check_up NAME LOG: the server ($pid, $port) runs and answers $path with
# 200 within 30 s (000: no answer yet).
check_up() {
  local code=000 end=$((SECONDS + 30))
  while ((SECONDS < end)) && kill -0 "$pid" 2>/dev/null; do
    code=$(status)
    [[ $code == 200 ]] && return
    [[ $code != 000 ]] && break
    sleep 0.1
  done
  tail -n 20 "$2" >&2
  kill -0 "$pid" 2>/dev/null || die "$1 did not start (its log is above)"
  [[ $code == 000 ]] && die "$1 did not answer $path within 30 s (its log is above)"
  die "$1 answers $path with $code, not 200 (its log is above)"
}

# all_booted LOG: wait (30 s at most) until every worker gunicorn booted
# has loaded the application, as uvicorn's workers log it (a sync worker
# logs nothing then: check_up's answer is its only sign).
all_booted() {
  local end=$((SECONDS + 30))
  grep -q 'Using worker: uvicorn' "$1" || return 0
  while ((SECONDS < end)) &&
    (($(grep -c 'Application startup complete' "$1") < $(grep -c 'Booting worker' "$1"))); do
    sleep 0.1
  done
}

# measure NAME: warm-up, then the measured run into $work/NAME.wrk.
measure() {
  local url=http://127.0.0.1:$port$path
  printf 'bench: measuring %s with wrk...\n' "$1" >&2
  wrk "${warmup[@]}" "$url" >"$work/$1.warmup" 2>&1 ||
    { cat "$work/$1.warmup" >&2; die "wrk failed on $1 (warm-up)"; }
  wrk "${wrk_args[@]}" "$url" >"$work/$1.wrk" 2>&1 ||
    { cat "$work/$1.wrk" >&2; die "wrk failed on $1"; }
  grep -q '^Requests/sec:' "$work/$1.wrk" ||
    { cat "$work/$1.wrk" >&2; die "wrk printed no Requests/sec for $1"; }
}

# config NAME LOG: workers booted and worker class from gunicorn's log,
# threads from its command line (gunicorn does not log them), into $config.
declare -A config
config() {
  local booted class threads
  booted=$(grep -c 'Booting worker with pid' "$2")
  class=$(sed -n 's/.*Using worker: //p' "$2" | head -n 1)
  threads=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null |
    sed -n 's/^--threads=//p' | tail -n 1)
  config[$1]="$booted ${threads:-1} ${class:-?}"
}

# The two servers with the database of mode M, measured as M-startup.sh
# and M-defaults.
run_pair() {
  local m=$1
  set_mode "$m"
  # 1. The generated startup.sh: it chooses workers and threads itself;
  # $pid is gunicorn's (startup.sh execs it).
  port=$(free_port)
  env "${mode[@]}" GUNICORN_BIND="127.0.0.1:$port" bash "$app_dir/startup.sh" \
    >"$work/$m-startup.log" 2>&1 &
  pid=$!
  check_up startup.sh "$work/$m-startup.log"
  all_booted "$work/$m-startup.log"
  measure "$m-startup.sh"
  config "$m-startup.sh" "$work/$m-startup.log"
  gen_cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -e 's|^[^ ]*python3 ||' \
    -e 's/127\.0\.0\.1:[0-9]*/127.0.0.1:PORT/' -e 's/ *$//')
  stop

  # 2. gunicorn's defaults: only the address.
  port=$(free_port)
  (cd "$app_dir" && exec env "${mode[@]}" gunicorn --bind "127.0.0.1:$port" \
    django_on_azure.wsgi:application) >"$work/$m-defaults.log" 2>&1 &
  pid=$!
  check_up "gunicorn's defaults" "$work/$m-defaults.log"
  all_booted "$work/$m-defaults.log"
  measure "$m-defaults"
  config "$m-defaults" "$work/$m-defaults.log"
  stop
}
for m in "${mode_names[@]}"; do
  run_pair "$m"
done

# ---- report --------------------------------------------------------------
# One line per run: requests/s, p99 in ms, requests, non-2xx/3xx
# responses, socket errors (connect, read, write, timeout).
wrk_figures() {
  awk '
    function ms(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000
      if (u == "ms") return n
      if (u == "s") return n * 1000
      if (u == "m") return n * 60000
      if (u == "h") return n * 3600000
      return -1
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    / requests in / { n = $1 }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
    END { printf "%s %s %d %d %d\n", rps, p99, n, bad, sock }' "$1"
}
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo
echo "the example served: the generated startup.sh vs. gunicorn's defaults, under wrk"
echo "  wrk:      $(wrk -v 2>&1 | head -n 1 | sed 's/ *Copyright.*//')"
echo "  load:     wrk ${wrk_args[*]:0:4} on $path, after ${warmup[2]#-d} of the same; same run, one server after the other"
echo "  versions: $versions"
echo "  mode:     production (DEBUG=False), Host: $host, X-Forwarded-Proto: https;"
echo "            postgres: PostgreSQL 15 over TLS on 127.0.0.1 and the database cache, as in Azure"
echo "            sqlite: no database password, so SQLite and no cache: nothing waits but for the CPU"
echo "  startup.sh: $gen_cmd"
echo "  defaults:   gunicorn --bind 127.0.0.1:PORT django_on_azure.wsgi:application"
echo "  machine:  $(uname -sm), $(nproc 2>/dev/null || echo '?') CPUs (wrk runs on them too), load average $load"
echo
{
  for m in "${mode_names[@]}"; do
    for s in startup.sh defaults; do
      read -r rps p99 n bad sock < <(wrk_figures "$work/$m-$s.wrk")
      read -r workers threads class <<<"${config[$m-$s]}"
      echo "$m $s $workers $threads $class $n $((bad + sock)) $rps $p99"
    done
  done
} | awk '
  BEGIN {
    h = sprintf("%-8s %-10s %7s %7s %-29s | %8s %6s | %9s %6s | %8s %6s",
      "database", "server", "workers", "threads", "worker class", "requests", "errors",
      "req/s", "x", "p99 ms", "x")
    rule = h
    gsub(/./, "-", rule)
    print h
    print rule
  }
  $2 == "startup.sh" { g = $0; next }
  {
    split(g, a, " ")
    printf "%-8s %-10s %7d %7d %-29s | %8d %6d | %9.1f %5.2fx | %8.2f %5.2fx\n",
      a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], ($8 > 0 ? a[8] / $8 : 0),
      a[9], (a[9] > 0 ? $9 / a[9] : 0)
    printf "%-8s %-10s %7d %7d %-29s | %8d %6d | %9.1f %6s | %8.2f\n",
      $1, $2, $3, $4, $5, $6, $7, $8, "", $9
  }'
echo "  (x: startup.sh's req/s / the defaults', the defaults' p99 / startup.sh's; above 1, startup.sh does better)"
# errors: wrk's non-2xx/3xx responses and socket errors.  None is
# expected (/ answered 200 before); any is detailed here, and above 0.1%
# of the requests the line says the figures mean little.
for m in "${mode_names[@]}"; do
  for s in startup.sh defaults; do
    read -r _ _ n bad sock < <(wrk_figures "$work/$m-$s.wrk")
    ((bad + sock > 0)) || continue
    echo "  $m, $s: $bad non-2xx/3xx responses and $sock socket errors in $n requests"
    grep -h 'Socket errors:' "$work/$m-$s.wrk" | sed 's/^ */    wrk: /'
    if ((1000 * (bad + sock) > n)); then
      echo "    over 0.1% of the requests: its figures mean little"
    fi
  done
done

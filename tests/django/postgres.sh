#!/usr/bin/env bash
# The example on a real PostgreSQL over TLS: tests/django/postgres.sh path/to/djaz
#
# Starts a private PostgreSQL 15 on 127.0.0.1 (a free port, its socket in
# the test's directory) with ssl on, a self-signed certificate made at run
# time, and a pg_hba.conf whose only TCP rule is hostssl with scram-sha-256:
# a client with sslmode=disable is refused ("no encryption"), one with
# sslmode=require gets in.  Then builds the example (Django 5.2) and its
# spec for Django 3.2, each for Debian 12's gunicorn 20.1 as WSGI, and runs
# each on its Django in production mode with the DJANGO_DATABASE_*
# variables pointing at that server, one database each:
#   * migrate applies every migration (showmigrations: all [X], demo's
#     too) into that database;
#   * createcachetable makes cache_table there (the server says so);
#   * the connection Django makes is TLS (pg_stat_ssl) and libpq's sslmode
#     is require;
#   * startup.sh serves the public page / from the database cache: the first
#     request fills cache_table, a second one more than a second later has
#     the same Expires and Cache-Control (a fresh render has a later
#     Expires), and after DELETE FROM cache_table the next one has a new
#     Expires.
# PostgreSQL will not run as root: as root (CI), initdb and the server run
# as the postgres user.  The server is stopped by its pid at exit, failure
# included.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: postgres.sh path/to/djaz}")
# shellcheck source=tests/django/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=tests/django/pg.sh
source "$(dirname "$0")/pg.sh"

# app_sql SSLMODE DATABASE STATEMENT: as the app's role, over TCP.
app_sql() {
  PGPASSWORD=$apppw "$pgbin/psql" -X -qAt -v ON_ERROR_STOP=1 \
    -d "host=127.0.0.1 port=$pgport user=djaz dbname=$2 sslmode=$1" -c "$3"
}

start_postgres app_example app_django32

# The server's rule: TCP only with TLS.
if app_sql disable app_example 'SELECT 1' >"$work/out" 2>&1; then
  bad "sslmode=disable got in: the server takes TCP without TLS"
elif grep -q 'no pg_hba.conf entry for host "127.0.0.1".*no encryption' "$work/out"; then ok
else bad "sslmode=disable refused, but not for want of encryption"; cat "$work/out"; fi
got=$(app_sql require app_example 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' 2>&1)
if [[ $got == t ]]; then ok; else bad "sslmode=require: '$got', want a TLS connection"; fi

# Debian 12's gunicorn 20.1, as WSGI (Debian has no uvicorn-worker).
pins=("${debian_pins[@]}" -e 's/kind    = asgi/kind    = wsgi/')
sed "${pins[@]}" "$example/app.djaz" >"$work/example.djaz"
django32 "$work/django32.djaz" "${pins[@]}"

# page: GET / as App Service's front end would; the status, Expires and
# Cache-Control; the body in $work/body.
page() {
  curl -s -o "$work/body" -w '%{http_code} %header{expires} | %header{cache-control}' \
    -H "Host: $host" -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/"
}
tls='from django.db import connection
with connection.cursor() as c:
    c.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    ssl = c.fetchone()[0]
raw = connection.connection
params = (raw.get_dsn_parameters() if hasattr(raw, "get_dsn_parameters")
          else raw.info.get_parameters())
print("tls", ssl, params.get("sslmode"))'

for variant in example django32; do
  use_django "$(django_of "$variant")"
  app "$variant" "$work/$variant.djaz" || continue
  cp "$work/$variant.out/startup.sh" "$work/$variant/"
  db=app_$variant
  production=(-u DJANGO_DEVELOPMENT DEBUG=False SECRET_KEY="$key" DJANGO_HOST="$host"
    DJANGO_DATABASE_NAME="$db" DJANGO_DATABASE_USER=djaz
    DJANGO_DATABASE_PASSWORD="$apppw" DJANGO_DATABASE_SERVER=127.0.0.1
    DJANGO_DATABASE_PORT="$pgport")
  manage() { (cd "$work/$variant" && env "${production[@]}" "$python" manage.py "$@"); }

  if manage migrate --noinput >"$work/out" 2>&1; then ok
  else bad "$variant: migrate on PostgreSQL"; cat "$work/out"; fi
  if manage showmigrations >"$work/out" 2>&1 && grep -q '\[X\]' "$work/out" &&
    ! grep -q '\[ \]' "$work/out" &&
    grep -A1 '^demo$' "$work/out" | grep -q '\[X\] 0001_initial'; then ok
  else bad "$variant: showmigrations: not every migration applied"; cat "$work/out"; fi
  got=$(sql "$db" "SELECT count(*) FROM django_migrations WHERE app = 'demo'" 2>&1)
  if [[ $got =~ ^[1-9][0-9]*$ ]]; then ok
  else bad "$variant: demo's migrations not recorded in $db: '$got'"; fi
  if manage createcachetable >"$work/out" 2>&1; then ok
  else bad "$variant: createcachetable on PostgreSQL"; cat "$work/out"; fi
  got=$(sql "$db" "SELECT to_regclass('cache_table') IS NOT NULL" 2>&1)
  if [[ $got == t ]]; then ok; else bad "$variant: no cache_table in $db: '$got'"; fi
  if manage shell -c "$tls" >"$work/out" 2>&1 && grep -qx 'tls True require' "$work/out"
  then ok; else bad "$variant: Django's connection is not TLS with sslmode=require"
    cat "$work/out"; fi

  log=$work/$variant.log
  serve "$work/$variant" "$log" "${production[@]}" GUNICORN_WORKERS=1
  first=$(page)
  if [[ $first == "200 "* ]] && grep -q "django_on_azure: up" "$work/body"; then ok
  else bad "$variant: / gave '$first'"; cat "$log"; fi
  if [[ $first == "200 "*GMT" | "*max-age=* ]]; then ok
  else bad "$variant: / without the cache middleware's Expires and max-age: '$first'"; fi
  got=$(sql "$db" 'SELECT count(*) FROM cache_table' 2>&1)
  if [[ $got =~ ^[1-9][0-9]*$ ]]; then ok
  else bad "$variant: cache_table empty after a request for /: '$got'"; cat "$log"; fi
  sleep 1.2
  second=$(page)
  if [[ $second == "$first" ]]; then ok
  else bad "$variant: / a second later not from the cache: '$second', first '$first'"
    cat "$log"; fi
  if sql "$db" 'DELETE FROM cache_table' >"$work/out" 2>&1; then ok
  else bad "$variant: DELETE FROM cache_table"; cat "$work/out"; fi
  sleep 1.2
  third=$(page)
  if [[ $third == "200 "* && $third != "$first" ]]; then ok
  else bad "$variant: / after emptying cache_table still '$third', first '$first'"
    cat "$log"; fi
  stop
done

echo "postgres: $passed passed, $failed failed"
((failed == 0))

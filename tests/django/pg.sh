# A private PostgreSQL 15 for the tests and the benchmark, sourced after
# lib.sh (it uses $work, $python and free_port):
#
#   start_postgres DB...   initdb in $work/pg with scram-sha-256, a
#                          self-signed certificate made now, ssl on, TCP on
#                          127.0.0.1:$pgport only and only with TLS
#                          (hostssl), the role djaz (password $apppw)
#                          owning the databases DB...; $pgpid is the server
#   stop_postgres          stops it by its pid; sourcing this file sets an
#                          EXIT trap that stops gunicorn ($pid), then the
#                          server, then runs lib.sh's cleanup
#   sql DB STATEMENT       as the superuser, over the unix socket
#
# PostgreSQL will not run as root: as root (CI) initdb and the server run
# as the postgres user.  A missing tool stops the script with a FAIL line
# that says to run .ci/bootstrap test.
# shellcheck shell=bash disable=SC2034,SC2154 # variables for and from the scripts that source it
pgbin=/usr/lib/postgresql/15/bin
for tool in initdb pg_ctl postgres psql; do
  [[ -x $pgbin/$tool ]] ||
    { echo "FAIL: $pgbin/$tool is missing (postgresql-15): run .ci/bootstrap test"; exit 1; }
done
"$python" -c 'import psycopg2' 2>/dev/null ||
  { echo "FAIL: python3-psycopg2 is missing: run .ci/bootstrap test"; exit 1; }
for tool in openssl curl gunicorn; do
  command -v "$tool" >/dev/null ||
    { echo "FAIL: $tool is missing: run .ci/bootstrap test"; exit 1; }
done
if ((EUID == 0)) && ! id postgres >/dev/null 2>&1; then
  echo "FAIL: no postgres user (postgresql-common): run .ci/bootstrap test"
  exit 1
fi
# Only what this script says reaches libpq.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGPASSWORD PGPASSFILE \
  PGSERVICE PGSERVICEFILE PGSSLMODE PGREQUIRESSL PGOPTIONS PGCONNECT_TIMEOUT

# The server: stopped by its pid (postmaster.pid's first line) at exit,
# after gunicorn, before lib.sh's cleanup removes $work.
pg=$work/pg
pgpid=
stop_postgres() {
  [[ -n $pgpid ]] || return 0
  kill -INT "$pgpid" 2>/dev/null # fast shutdown
  for _ in $(seq 100); do
    kill -0 "$pgpid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pgpid" 2>/dev/null && kill -QUIT "$pgpid"
  pgpid=
}
finish() {
  [[ -n $pid ]] && stop
  stop_postgres
  cleanup
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

# as_pg CMD...: CMD as the postgres user when root, else as this user.
as_pg() {
  if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
# sql DATABASE STATEMENT: as the superuser, over the unix socket.
sql() {
  PGPASSWORD=$superpw "$pgbin/psql" -X -qAt -v ON_ERROR_STOP=1 -h "$pg" \
    -p "$pgport" -U postgres -d "$1" -c "$2"
}
token() { "$python" -c 'import secrets; print(secrets.token_hex(16))'; }


start_postgres() {
  mkdir -m 700 "$pg"
  pgport=$(free_port)
  superpw=$(token)
  apppw=$(token)
  printf '%s\n' "$superpw" >"$pg/pwfile"
  if ! (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$pg/server.key" -out "$pg/server.crt") >"$work/out" 2>&1; then
    echo "FAIL: openssl could not make the server's certificate"; cat "$work/out"; exit 1
  fi
  chmod 600 "$pg/server.key" "$pg/pwfile"
  if ((EUID == 0)); then
    chmod 711 "$work" # the postgres user reaches $pg, nothing else
    chown -R postgres: "$pg"
  fi
  if ! as_pg "$pgbin/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C -N >"$work/out" 2>&1; then
    echo "FAIL: initdb"; cat "$work/out"; exit 1
  fi
  # Written into the files initdb made, which keep their owner.
  printf '%s\n' 'local   all  postgres                scram-sha-256' \
    'hostssl all  all       127.0.0.1/32  scram-sha-256' >"$pg/data/pg_hba.conf"
  printf '%s\n' "listen_addresses = '127.0.0.1'" "port = $pgport" \
    "unix_socket_directories = '$pg'" "ssl = on" \
    "ssl_cert_file = '$pg/server.crt'" "ssl_key_file = '$pg/server.key'" \
    "fsync = off" >>"$pg/data/postgresql.conf"
  local started
  as_pg "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -t 30 start >"$work/out" 2>&1
  started=$?
  [[ -f $pg/data/postmaster.pid ]] && read -r pgpid <"$pg/data/postmaster.pid"
  if ((started != 0)) || [[ -z $pgpid ]] || ! sql postgres 'SELECT 1' >/dev/null 2>&1; then
    echo "FAIL: PostgreSQL did not start"; cat "$work/out" "$pg/log"; exit 1
  fi
  sql postgres "CREATE ROLE djaz LOGIN PASSWORD '$apppw'" >"$work/out" 2>&1 ||
    { echo "FAIL: could not create the app's role"; cat "$work/out"; exit 1; }
  local db
  for db in "$@"; do
    sql postgres "CREATE DATABASE $db OWNER djaz" >"$work/out" 2>&1 ||
      { echo "FAIL: could not create the database $db"; cat "$work/out"; exit 1; }
  done
}

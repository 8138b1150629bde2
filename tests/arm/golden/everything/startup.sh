#!/usr/bin/env bash
# startup.sh: starts everything under gunicorn (WSGI).
# Written by djaz from the spec; change the spec, not this file.
#
# GUNICORN_WORKERS and GUNICORN_THREADS are app settings djaz sets
# per environment from the plan's cores; elsewhere they follow this
# machine's: 2 x cores + 1 workers, 4 threads each.  It listens
# on 0.0.0.0:8000 (PORT, or all of GUNICORN_BIND, elsewhere).
# Migrations and collectstatic run once per release (djaz apply),
# not here.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

cores=$(nproc 2>/dev/null || echo 1)
workers=${GUNICORN_WORKERS:-$((2 * cores + 1))}
threads=${GUNICORN_THREADS:-4}
bind=${GUNICORN_BIND:-0.0.0.0:${PORT:-8000}}

exec gunicorn \
  --bind="$bind" \
  --workers="$workers" \
  --threads="$threads" \
  --timeout=60 \
  --access-logfile=- \
  --error-logfile=- \
  everything.wsgi:application

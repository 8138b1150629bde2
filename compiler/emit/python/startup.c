/* startup.c - startup.sh, the command App Service runs (appCommandLine
 * `bash startup.sh`): gunicorn on 0.0.0.0:8000 with the spec's server,
 * access and error logs on standard output, and `exec` so that signals
 * reach gunicorn.  Nothing of a release runs here (no migrate, no
 * collectstatic): `djaz apply` runs those once per release, while this
 * script runs on every instance at every start, within App Service's
 * start-up time limit.
 *
 * Workers and threads come from GUNICORN_WORKERS and GUNICORN_THREADS,
 * which the ARM template sets per environment from the plan (server.h);
 * outside App Service the same formula is applied to this machine's
 * cores. */
#include "python.h"

#include <stdio.h>

#include "emit/shell.h"
#include "server.h"

void djz_python_startup(const djz_ir_env *e, djz_buf *out)
{
    djz_server s;
    djz_server_of(e, &s);
    /* The package is a dotted identifier (sema) and the worker class the
     * stdlib's; still, every value is written by the shell writer: each
     * stays one word, and the comment one line. */
    djz_buf worker = {0}, app = {0}, word = {0}, name = {0};
    if (s.worker_class) {
        djz_buf_puts(&worker, "  --worker-class=");
        djz_sh_word(&worker, s.worker_class);
        djz_buf_puts(&worker, " \\\n");
    }
    djz_buf_puts(&app, s.package);
    djz_buf_puts(&app, s.asgi ? ".asgi:application" : ".wsgi:application");
    djz_sh_word(&word, app.data);
    djz_buf_puts(&name, "");
    djz_sh_comment_text(&name, s.package);
    djz_buf_printf(
        out,
        "#!/usr/bin/env bash\n"
        "# startup.sh: starts %s under gunicorn (%s).\n"
        "# Written by djaz from the spec; change the spec, not this file.\n"
        "#\n"
        "# GUNICORN_WORKERS and GUNICORN_THREADS are app settings djaz sets\n"
        "# per environment from the plan's cores; elsewhere they follow this\n"
        "# machine's: 2 x cores + 1 workers, %ld thread%s each.  It listens\n"
        "# on 0.0.0.0:8000 (PORT, or all of GUNICORN_BIND, elsewhere).\n"
        "# Migrations and collectstatic run once per release (djaz apply),\n"
        "# not here.\n"
        "set -euo pipefail\n"
        "cd \"$(dirname \"${BASH_SOURCE[0]}\")\"\n"
        "\n"
        "cores=$(nproc 2>/dev/null || echo 1)\n"
        "workers=${GUNICORN_WORKERS:-$((2 * cores + 1))}\n"
        "threads=${GUNICORN_THREADS:-%ld}\n"
        "bind=${GUNICORN_BIND:-0.0.0.0:${PORT:-8000}}\n"
        "\n"
        "exec gunicorn \\\n"
        "  --bind=\"$bind\" \\\n"
        "  --workers=\"$workers\" \\\n"
        "  --threads=\"$threads\" \\\n"
        "%s"
        "  --timeout=%ld \\\n"
        "  --access-logfile=- \\\n"
        "  --error-logfile=- \\\n"
        "  %s\n",
        name.data, s.asgi ? "ASGI" : "WSGI", s.asgi ? 1L : 4L,
        s.asgi ? "" : "s", s.asgi ? 1L : 4L, worker.data ? worker.data : "",
        s.timeout, word.data);
    djz_buf_free(&worker);
    djz_buf_free(&app);
    djz_buf_free(&word);
    djz_buf_free(&name);
}

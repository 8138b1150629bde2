/* server.h - how gunicorn serves the application: the worker class that
 * matches the pinned packages, and workers and threads from the plan's
 * cores.  startup.sh and the ARM app settings both read it. */
#ifndef DJZ_SERVER_H
#define DJZ_SERVER_H

#include <stdbool.h>

#include "ir/ir.h"

typedef struct djz_server {
    bool asgi;
    const char *worker_class; /* NULL for WSGI's gthread default */
    long workers, threads;    /* for this environment's plan */
    long timeout;             /* seconds */
    const char *package;      /* holds asgi.py and wsgi.py */
} djz_server;

/* The server of environment e.  Formula, unless `server` sets them:
 * workers = 2 x cores + 1 (cores of the plan's SKU, 1 on shared tiers),
 * threads = 4 for WSGI (gthread workers) and 1 for ASGI (an event loop
 * per worker).  `kind` defaults to asgi when uvicorn is a runtime
 * requirement, else wsgi. */
void djz_server_of(const djz_ir_env *e, djz_server *out);

#endif

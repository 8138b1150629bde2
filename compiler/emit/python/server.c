/* server.c - gunicorn's settings for an environment (see server.h). */
#include "server.h"

#include <stdlib.h>
#include <string.h>

#include "support/versions.h"

/* The runtime requirement named name (normalized), or NULL. */
static bool runtime_requirement(const djz_ir_env *e, const char *name,
                                djz_requirement *out)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *req = app ? djz_ir_child(app, "requirements") : NULL;
    const djz_value *list = req ? djz_ir_get(req, "runtime") : NULL;
    for (size_t i = 0; list && i < list->n; i++)
        if (list->items[i]->text &&
            djz_requirement_parse(list->items[i]->text, out) &&
            !strcmp(out->name, name))
            return true;
    return false;
}

void djz_server_of(const djz_ir_env *e, djz_server *out)
{
    memset(out, 0, sizeof *out);
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *server = app ? djz_ir_child(app, "server") : NULL;
    const djz_value *kind = server ? djz_ir_get(server, "kind") : NULL;
    djz_requirement uvicorn, worker;
    bool has_uvicorn = runtime_requirement(e, "uvicorn", &uvicorn);
    out->asgi = kind && kind->text ? !strcmp(kind->text, "asgi") : has_uvicorn;
    if (out->asgi) {
        /* uvicorn's own worker module is deprecated since 0.30 (lint
         * DJZ6020): the uvicorn-worker package, which djaz adds to the
         * requirements unless the spec lists uvicorn without it. */
        out->worker_class =
            has_uvicorn && !runtime_requirement(e, "uvicorn-worker", &worker)
                ? "uvicorn.workers.UvicornWorker"
                : "uvicorn_worker.UvicornWorker";
    }
    const djz_value *plan = djz_ir_get(e->env, "plan");
    const char *cores_text =
        djz_ir_fact(e->facts, "plan_sku", plan ? plan->text : NULL, "cores");
    long cores = *cores_text ? strtol(cores_text, NULL, 10) : 1;
    if (cores < 1)
        cores = 1; /* shared tiers */
    out->workers = djz_ir_int(server, "workers", 2 * cores + 1);
    out->threads = djz_ir_int(server, "threads", out->asgi ? 1 : 4);
    out->timeout = djz_ir_int(server, "timeout", 60);
    const djz_value *pkg = app ? djz_ir_get(app, "package") : NULL;
    out->package = pkg && pkg->text ? pkg->text : "app";
}

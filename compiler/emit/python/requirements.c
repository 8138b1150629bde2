/* requirements.c - the article's three requirements files: runtime
 * packages pinned in requirements.txt, development tools and test tools on
 * top of them (`-r requirements.txt`), as the spec lists them.  Lint
 * (DJZ6016, DJZ6017, DJZ6019) has judged the spec's pins already.
 *
 * Every package a generated file imports or runs is in the file that
 * installs what needs it (docs/django.md, "The requirements"): gunicorn
 * and its ASGI worker for startup.sh, Django's PostgreSQL driver, the
 * storage backend and Application Insights for the settings modules in
 * requirements.txt; pytest for tox.ini and the tests in
 * requirements-test.txt; locust for locustfile.py in
 * requirements-dev.txt.  What the spec does not list, djaz adds below the
 * spec's own lines, saying why: runtime packages with the pin of the
 * stdlib's `package` block, tools unpinned (they may float).  A package
 * the spec lists keeps the spec's line.  What djaz cannot add is DJZ4009:
 * Django (the stdlib knows no pin of it) and a package listed without
 * the extra the generated code needs.  Also the .gitignore that keeps
 * .vscode/launch.json out of git. */
#include "python.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "server.h"
#include "support/versions.h"

const char *const djz_requirements_files[3] = {
    "requirements.txt",
    "requirements-dev.txt",
    "requirements-test.txt",
};

static const char *const lists[3] = {"runtime", "dev", "test"};
static const char *const purposes[3] = {
    "the packages the application runs with, pinned",
    "development tools, on top of the runtime packages",
    "test tools, on top of the runtime packages",
};

enum { RUNTIME, DEV, TEST };

static const djz_value *list_of(const djz_ir_env *e, int which)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *req = app ? djz_ir_child(app, "requirements") : NULL;
    const djz_value *v = req ? djz_ir_get(req, lists[which]) : NULL;
    return v && v->kind == DJZ_VAL_LIST ? v : NULL;
}

/* Whether any environment has a resource of the type (or, type NULL, a
 * block of the kind): one build of the code serves every environment,
 * so what one needs, all install. */
static bool anywhere(const djz_ir *ir, const char *type, const char *kind)
{
    for (size_t k = 0; k < ir->nenvs; k++) {
        const djz_ir_env *e = &ir->envs[k];
        for (size_t i = 0; type && i < e->nresources; i++)
            if (!strcmp(e->resources[i].type, type))
                return true;
        for (size_t i = 0; kind && i < e->nblocks; i++)
            if (!strcmp(e->blocks[i]->schema->kind, kind))
                return true;
    }
    return false;
}

/* What the files djaz generates need, in the order they are added; at
 * most DJZ_MAX_NEEDS.  startup.sh is e's (the same in every
 * environment, or DJZ4006). */
size_t djz_python_needs(const djz_ir *ir, const djz_ir_env *e, djz_need *out)
{
    djz_server srv;
    djz_server_of(e, &srv);
    size_t n = 0;
    out[n++] = (djz_need){RUNTIME,
                          "django",
                          NULL,
                          {NULL},
                          "the application and the settings djaz writes "
                          "import django"};
    out[n++] = (djz_need){
        RUNTIME, "gunicorn", NULL, {NULL}, "startup.sh runs gunicorn"};
    if (srv.asgi)
        out[n++] = (djz_need){RUNTIME,
                              "uvicorn-worker",
                              NULL,
                              {"uvicorn"},
                              "startup.sh runs gunicorn's ASGI worker "
                              "uvicorn_worker.UvicornWorker"};
    if (anywhere(ir, NULL, "database"))
        out[n++] = (djz_need){RUNTIME,
                              "psycopg2-binary",
                              NULL,
                              {"psycopg2", "psycopg"},
                              "djaz_settings.py uses Django's PostgreSQL "
                              "backend, which imports psycopg2 (or psycopg)"};
    if (anywhere(ir, NULL, "storage"))
        out[n++] = (djz_need){RUNTIME,
                              "django-storages",
                              "azure",
                              {NULL},
                              "djaz_storage.py imports "
                              "storages.backends.azure_storage"};
    if (anywhere(ir, "Microsoft.Insights/components", NULL))
        out[n++] = (djz_need){RUNTIME,
                              "azure-monitor-opentelemetry",
                              NULL,
                              {NULL},
                              "djaz_settings.py imports "
                              "azure.monitor.opentelemetry (monitor "
                              "{ insights = on })"};
    out[n++] =
        (djz_need){DEV, "locust", NULL, {NULL}, "locustfile.py imports locust"};
    out[n++] = (djz_need){TEST,
                          "pytest",
                          NULL,
                          {NULL},
                          "tox.ini runs pytest; the generated tests "
                          "import it"};
    out[n++] = (djz_need){TEST,
                          "pytest-django",
                          NULL,
                          {NULL},
                          "tox.ini's [pytest] settings and the generated "
                          "tests' fixtures need it"};
    if (djz_python_ci_coverage(ir))
        out[n++] = (djz_need){
            TEST, "pytest-cov", NULL, {NULL}, "the CI files run pytest --cov"};
    return n;
}

bool djz_python_ci_coverage(const djz_ir *ir)
{
    /* The CI back ends read the first environment's ci blocks. */
    const djz_ir_env *e = ir->nenvs ? &ir->envs[0] : NULL;
    for (size_t i = 0; e && i < e->nblocks; i++)
        if (!strcmp(e->blocks[i]->schema->kind, "ci"))
            return true;
    return false;
}

/* Whether the requirement line names extra among its [extras]. */
static bool has_extra(const char *line, const char *extra)
{
    const char *open = strchr(line, '[');
    const char *stop = line + strcspn(line, "=<>!~;@ ");
    if (!open || open > stop)
        return false;
    size_t n = strlen(extra);
    for (const char *p = open + 1; *p && *p != ']';) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, " ,]");
        if (len == n && !strncasecmp(p, extra, n))
            return true;
        p += len;
    }
    return false;
}

/* The item of list naming the package, or NULL. */
static const djz_value *listed(const djz_value *list, const char *name)
{
    djz_requirement r;
    for (size_t i = 0; list && i < list->n; i++)
        if (list->items[i]->text &&
            djz_requirement_parse(list->items[i]->text, &r) &&
            !strcmp(r.name, name))
            return list->items[i];
    return NULL;
}

/* Where the spec covers need: the item that does, or NULL.  Tools are
 * covered by their own list or the runtime one (-r requirements.txt). */
static const djz_value *covered(const djz_ir_env *e, const djz_need *need)
{
    const djz_value *item = listed(list_of(e, need->file), need->package);
    if (!item && need->file != RUNTIME)
        item = listed(list_of(e, RUNTIME), need->package);
    for (size_t i = 0; !item && i < 2 && need->also[i]; i++)
        item = listed(list_of(e, need->file), need->also[i]);
    return item;
}

/* The line djaz adds for a need the spec lacks; NULL when it cannot
 * (a runtime package the stdlib knows no pin of). */
static const char *added_line(djz_arena *a, const djz_ir *ir,
                              const djz_need *need)
{
    const char *extra =
        need->extra ? djz_arena_printf(a, "[%s]", need->extra) : "";
    if (need->file != RUNTIME)
        return djz_arena_printf(a, "%s%s", need->package, extra);
    const char *pin = djz_ir_fact(ir->facts, "package", need->package, "pin");
    if (!*pin)
        return NULL;
    return djz_arena_printf(a, "%s%s==%s", need->package, extra, pin);
}

static void write_added(djz_arena *a, const djz_ir *ir, const djz_ir_env *e,
                        int which, djz_buf *out)
{
    djz_need needs[DJZ_MAX_NEEDS];
    size_t n = djz_python_needs(ir, e, needs);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const char *line = needs[i].file == which && !covered(e, &needs[i])
                               ? added_line(a, ir, &needs[i])
                               : NULL;
        if (!line)
            continue;
        if (first)
            djz_buf_puts(out, which == RUNTIME
                                  ? "# Added by djaz: the generated files "
                                    "need these and the spec does\n# not "
                                    "list them.  The pins are djaz's "
                                    "stdlib's; list a package in\n"
                                    "# requirements.runtime to choose its "
                                    "version.\n"
                                  : "# Added by djaz: the generated files "
                                    "need these and the spec does\n# not "
                                    "list them; list one to choose its "
                                    "version.\n");
        first = false;
        djz_buf_puts(out, "# ");
        djz_buf_puts(out, needs[i].why);
        djz_buf_puts(out, "\n");
        djz_buf_puts(out, line);
        djz_buf_puts(out, "\n");
    }
}

void djz_python_requirements(const djz_ir *ir, const djz_ir_env *e, int which,
                             djz_buf *out)
{
    const djz_value *list = list_of(e, which);
    char line[256];
    snprintf(line, sizeof line, "# %s: %s.\n", djz_requirements_files[which],
             purposes[which]);
    djz_buf_puts(out, line);
    djz_buf_puts(out, "# Written by djaz from the spec; change the spec, not "
                      "this file.\n");
    if (which)
        djz_buf_puts(out, "-r requirements.txt\n");
    for (size_t i = 0; list && i < list->n; i++) {
        if (!list->items[i]->text)
            continue;
        djz_buf_puts(out, list->items[i]->text);
        djz_buf_puts(out, "\n");
    }
    djz_arena scratch;
    djz_arena_init(&scratch);
    write_added(&scratch, ir, e, which, out);
    djz_arena_free(&scratch);
}

/* Where a finding about the runtime list is placed: the item, the list,
 * the requirements block or the app. */
static void place(const djz_ir_env *e, const djz_value *item, djz_source **src,
                  djz_span *span)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *req = app ? djz_ir_child(app, "requirements") : NULL;
    const djz_value *list = list_of(e, RUNTIME);
    if (item || list) {
        *src = (item ? item : list)->src;
        *span = (item ? item : list)->span;
    } else {
        *src = (req ? req : app)->src;
        *span = (req ? req : app)->span;
    }
}

static void lacks_extra(djz_diag_sink *sink, const djz_ir_env *e,
                        const djz_need *need, const djz_value *item)
{
    djz_source *src;
    djz_span span;
    place(e, item, &src, &span);
    djz_requirement r;
    djz_requirement_parse(item->text, &r);
    djz_diag *d =
        djz_report(sink, DJZ_MISSING_REQUIREMENT, src, span,
                   "`%s` lacks the `%s` extra, which the generated files need",
                   item->text, need->extra);
    djz_diag_note(sink, d, NULL, djz_span_make(0, 0), "%s", need->why);
    djz_diag_help(sink, d, "write `%s[%s]%s%s`", need->package, need->extra,
                  *r.pinned ? "==" : "", r.pinned);
}

static void no_pin(djz_diag_sink *sink, const djz_ir_env *e,
                   const djz_need *need)
{
    djz_source *src;
    djz_span span;
    place(e, NULL, &src, &span);
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *dj = app ? djz_ir_get(app, "django") : NULL;
    djz_diag *d = djz_report(
        sink, DJZ_MISSING_REQUIREMENT, src, span,
        "the runtime requirements lack %s, which the generated files need",
        need->package);
    djz_diag_note(sink, d, NULL, djz_span_make(0, 0), "%s", need->why);
    if (!strcmp(need->package, "django") && dj && dj->text)
        djz_diag_help(sink, d,
                      "add `django==%s.N` to `requirements.runtime`, N the "
                      "%s release you test with",
                      dj->text, dj->text);
    else
        djz_diag_help(sink, d,
                      "add `%s==X.Y.Z` to `requirements.runtime`, the "
                      "release you test with",
                      need->package);
}

/* DJZ4010 when the pinned Django is of another feature release than
 * app.django, for which the settings are written. */
static void check_django_series(djz_diag_sink *sink, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *dj = app ? djz_ir_get(app, "django") : NULL;
    const djz_value *item = listed(list_of(e, RUNTIME), "django");
    djz_requirement r;
    if (!dj || !dj->text || !item || !djz_requirement_parse(item->text, &r) ||
        !*r.pinned)
        return;
    size_t major = strcspn(r.pinned, ".");
    size_t series =
        major + (r.pinned[major] == '.') + strcspn(r.pinned + major + 1, ".");
    if (r.pinned[major] == '.' && strlen(dj->text) == series &&
        !strncmp(r.pinned, dj->text, series))
        return;
    djz_diag *d =
        djz_report(sink, DJZ_DJANGO_PIN_MISMATCH, item->src, item->span,
                   "`%s` installs another Django than `django = "
                   "\"%s\"`, for which djaz writes the settings",
                   item->text, dj->text);
    djz_diag_help(sink, d,
                  "pin a %s release (`django==%s.N`), or set `django` to "
                  "the release you pin",
                  dj->text, dj->text);
}

void djz_python_check_requirements(djz_diag_sink *sink, djz_arena *a,
                                   const djz_ir *ir)
{
    const djz_ir_env *e = &ir->envs[0];
    djz_need needs[DJZ_MAX_NEEDS];
    size_t n = djz_python_needs(ir, e, needs);
    for (size_t i = 0; i < n; i++) {
        if (needs[i].file != RUNTIME)
            continue;
        const djz_value *item = covered(e, &needs[i]);
        if (item && needs[i].extra && !has_extra(item->text, needs[i].extra))
            lacks_extra(sink, e, &needs[i], item);
        else if (!item && !added_line(a, ir, &needs[i]))
            no_pin(sink, e, &needs[i]);
    }
    check_django_series(sink, e);
}

/* launch.json runs the application on a developer's machine, who may
 * give it local values (a database password for a local PostgreSQL):
 * git ignores it, so that they are never committed.  The .gitignore is
 * beside it, in .vscode/, so that the repository's own stays the
 * user's. */
void djz_python_launch_gitignore(djz_buf *out)
{
    djz_buf_puts(out, "# Written by djaz from the spec; change the spec, not "
                      "this file.\n"
                      "# launch.json is for this machine: local values a "
                      "developer gives it\n"
                      "# are never committed.\n"
                      "launch.json\n");
}

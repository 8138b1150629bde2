/* lifecycle.c - services, versions and releases past their time.
 *
 * Dates come from the stdlib's knowledge and are compared with today
 * (SOURCE_DATE_EPOCH when set), so these findings change with the date;
 * the artifacts never do. */
#include "rules.h"

#include <string.h>

static void retired(djz_lint_ctx *l, const djz_value *v, const char *what,
                    const char *key, const char *fix)
{
    const char *date, *since;
    bool gone = djz_lint_past(l, "retirement", key, "retires", &date);
    bool closed =
        djz_lint_past(l, "retirement", key, "no_new_resources_from", &since);
    const char *when =
        !*date ? "is retired"
               : djz_arena_printf(l->a, "%s on %s",
                                  gone ? "retired" : "retires", date);
    const char *also =
        closed ? djz_arena_printf(l->a, ", and takes no new resources since %s",
                                  since)
               : "";
    djz_diag *d = djz_lint_report(l, DJZ_RETIRED_SERVICE, v->src, v->span,
                                  "%s %s%s", what, when, also);
    if (d)
        djz_lint_help(l, d, DJZ_RETIRED_SERVICE,
                      djz_arena_printf(
                          l->a, "%s; its replacement: %s", fix,
                          djz_lint_fact(l, "retirement", key, "replacement")));
}

static void check_services(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    const djz_value *v = db ? djz_ir_get(db, "deployment") : NULL;
    if (v && !strcmp(v->text, "single_server"))
        retired(l, v, "PostgreSQL Single Server", "postgres_single_server",
                "set `deployment = flexible`");
    const djz_ir_block *st = djz_ir_block_of(e, "storage");
    v = st ? djz_ir_get(st, "cdn_kind") : NULL;
    if (v && !strcmp(v->text, "classic"))
        retired(l, v, "Azure CDN Standard from Microsoft (classic)",
                "cdn_standard_microsoft_classic",
                "set `cdn_kind = front_door`");
    const djz_ir_block *mon = djz_ir_block_of(e, "monitor");
    v = mon ? djz_ir_get(mon, "instrumentation_key") : NULL;
    if (v)
        retired(l, v, "Instrumentation-key ingestion of Application Insights",
                "appinsights_ikey_ingestion",
                "remove `instrumentation_key`; djaz wires the connection "
                "string");
}

static void check_versions(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
    const djz_value *dj = app ? djz_ir_get(app, "django") : NULL;
    const char *date;
    if (py && djz_lint_past(l, "python", py->text, "end_of_life", &date)) {
        djz_diag *d =
            djz_lint_report(l, DJZ_PYTHON_END_OF_LIFE, py->src, py->span,
                            "Python %s reached its end "
                            "of life on %s: no more security fixes",
                            py->text, date);
        if (d)
            djz_lint_help(l, d, DJZ_PYTHON_END_OF_LIFE,
                          "move to a supported Python");
    } else if (py && !strcmp(djz_lint_fact(l, "python", py->text, "offered"),
                             "off")) {
        djz_diag *d =
            djz_lint_report(l, DJZ_PYTHON_END_OF_LIFE, py->src, py->span,
                            "App Service no longer "
                            "offers Python %s",
                            py->text);
        if (d)
            djz_lint_help(l, d, DJZ_PYTHON_END_OF_LIFE,
                          "move to a Python App Service offers");
    }
    if (dj && djz_lint_past(l, "django", dj->text, "end_of_support", &date)) {
        djz_diag *d =
            djz_lint_report(l, DJZ_DJANGO_END_OF_SUPPORT, dj->src, dj->span,
                            "Django %s lost security "
                            "support on %s",
                            dj->text, date);
        if (d)
            djz_lint_help(l, d, DJZ_DJANGO_END_OF_SUPPORT,
                          "move to a supported release, such as the 5.2 LTS");
    }
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    const djz_value *pg = db ? djz_ir_get(db, "version") : NULL;
    if (pg && djz_lint_past(l, "pg_version", pg->text, "standard_support_ends",
                            &date)) {
        djz_diag *d =
            djz_lint_report(l, DJZ_POSTGRES_END_OF_SUPPORT, pg->src, pg->span,
                            "PostgreSQL %s left Azure's "
                            "standard support on %s",
                            pg->text, date);
        if (d)
            djz_lint_help(l, d, DJZ_POSTGRES_END_OF_SUPPORT,
                          "choose a version with support left");
    }
}

/* Django releases run on a set of Pythons; others do not start at all. */
static void check_compatible(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
    const djz_value *dj = app ? djz_ir_get(app, "django") : NULL;
    const djz_obj *rel = dj ? djz_model_data(l->m, "django", dj->text) : NULL;
    const djz_binding *pys = rel ? djz_obj_attr(rel, "python") : NULL;
    if (!py || !pys || pys->value->kind != DJZ_NODE_LIST)
        return;
    const char *list = "";
    for (const djz_node *i = pys->value->u.list.items.head; i; i = i->next) {
        const char *v = djz_value_key(i);
        if (v && !strcmp(v, py->text))
            return;
        list = djz_arena_printf(l->a, "%s%s%s", list, *list ? ", " : "", v);
    }
    djz_diag *d =
        djz_lint_report(l, DJZ_INCOMPATIBLE_VERSIONS, py->src, py->span,
                        "Django %s does not run on "
                        "Python %s",
                        dj->text, py->text);
    if (d)
        djz_diag_help(l->sink, d, "Django %s supports Python %s", dj->text,
                      list);
}

void djz_rules_lifecycle(djz_lint_ctx *l, const djz_ir_env *e)
{
    check_services(l, e);
    check_versions(l, e);
    check_compatible(l, e);
}

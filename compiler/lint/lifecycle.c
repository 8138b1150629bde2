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

/* A version in the spec whose stdlib entry has a date that has passed. */
typedef struct dated_rule {
    djz_code code;
    const char *block, *attr;      /* where the spec names the version */
    const char *table, *date_attr; /* the stdlib's knowledge of it */
    const char *what, *fix;        /* "%s %s ... %s": name, version, date */
} dated_rule;

static const dated_rule dated_rules[] = {
    {DJZ_PYTHON_END_OF_LIFE, "app", "python", "python", "end_of_life",
     "Python %s reached its end of life on %s: no more security fixes",
     "move to a supported Python"},
    {DJZ_DJANGO_END_OF_SUPPORT, "app", "django", "django", "end_of_support",
     "Django %s lost security support on %s",
     "move to a supported release, such as the 5.2 LTS"},
    {DJZ_POSTGRES_END_OF_SUPPORT, "database", "version", "pg_version",
     "standard_support_ends",
     "PostgreSQL %s left Azure's standard support on %s",
     "choose a version with support left"},
};

static void check_dated(djz_lint_ctx *l, const djz_ir_env *e,
                        const dated_rule *r)
{
    const djz_ir_block *b = djz_ir_block_of(e, r->block);
    const djz_value *v = b ? djz_ir_get(b, r->attr) : NULL;
    const char *date;
    if (!v || !djz_lint_past(l, r->table, v->text, r->date_attr, &date))
        return;
    djz_diag *d =
        djz_lint_report(l, r->code, v->src, v->span, r->what, v->text, date);
    if (d)
        djz_lint_help(l, d, r->code, r->fix);
}

/* A Python App Service no longer offers, though not yet past its end. */
static void check_offered(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
    const char *date;
    if (!py || djz_lint_past(l, "python", py->text, "end_of_life", &date) ||
        strcmp(djz_lint_fact(l, "python", py->text, "offered"), "off") != 0)
        return;
    djz_diag *d =
        djz_lint_report(l, DJZ_PYTHON_END_OF_LIFE, py->src, py->span,
                        "App Service no longer offers Python %s", py->text);
    if (d)
        djz_lint_help(l, d, DJZ_PYTHON_END_OF_LIFE,
                      "move to a Python App Service offers");
}

static void check_versions(djz_lint_ctx *l, const djz_ir_env *e)
{
    for (size_t i = 0; i < sizeof dated_rules / sizeof dated_rules[0]; i++)
        check_dated(l, e, &dated_rules[i]);
    check_offered(l, e);
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

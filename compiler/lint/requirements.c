/* requirements.c - what the runtime requirements pin.
 *
 * Unpinned runtime packages, pins with known vulnerabilities (the
 * stdlib's advisories), packages that are retired or unmaintained, and
 * uvicorn's deprecated worker module. */
#include "rules.h"

#include <string.h>

#include "support/versions.h"

enum { MAX_IDS = 8 }; /* advisories named in a note */

static const djz_value *runtime(const djz_ir_env *e)
{
    const djz_ir_block *req[1];
    if (!djz_lint_blocks(e, "app.requirements", req, 1))
        return NULL;
    const djz_value *v = djz_ir_get(req[0], "runtime");
    return v && v->kind == DJZ_VAL_LIST ? v : NULL;
}

static bool requires(const djz_value *list, const char *name)
{
    djz_requirement r;
    for (size_t i = 0; list && i < list->n; i++)
        if (djz_requirement_parse(list->items[i]->text, &r) &&
            !strcmp(r.name, name))
            return true;
    return false;
}

/* The string items of a data block's list attribute. */
/* The first item of a fact's list (NULL when it has none): every item,
 * however many, is read through ->next. */
static const djz_node *fact_items(const djz_obj *o, const char *attr)
{
    const djz_binding *bd = djz_obj_attr(o, attr);
    if (!bd || bd->value->kind != DJZ_NODE_LIST)
        return NULL;
    return bd->value->u.list.items.head;
}

/* The first fixed release after `pinned`, preferring its own series. */
static const char *fix_for(const djz_obj *adv, const char *pinned)
{
    const char *best = NULL;
    for (const djz_node *i = fact_items(adv, "fixed"); i; i = i->next) {
        const char *fixed = djz_value_key(i);
        if (!fixed || djz_version_compare(fixed, pinned) <= 0)
            continue;
        bool same_series = !strncmp(fixed, pinned, strcspn(pinned, ".") + 1);
        if (!best || (same_series && djz_version_compare(fixed, best) < 0))
            best = fixed;
    }
    return best;
}

static bool affects(const djz_obj *adv, const char *pinned)
{
    for (const djz_node *i = fact_items(adv, "affected"); i; i = i->next)
        if (djz_value_key(i) && djz_version_matches(pinned, djz_value_key(i)))
            return true;
    return false;
}

/* Groups the stdlib's advisories by normalized package name, once. */
static void index_advisories(djz_lint_ctx *l)
{
    if (l->advisories)
        return;
    size_t n = 0;
    for (const djz_obj *o = l->m->data.head; o; o = o->next)
        n += strcmp(o->schema->kind, "advisory") == 0;
    l->advisories = djz_arena_alloc(l->a, sizeof *l->advisories * (n + 1));
    size_t *counts = djz_arena_alloc(l->a, sizeof *counts * (n + 1));
    for (const djz_obj *o = l->m->data.head; o; o = o->next) {
        if (strcmp(o->schema->kind, "advisory") != 0)
            continue;
        const char *name = djz_obj_text(o, "package");
        char *pkg = djz_arena_alloc(l->a, strlen(name) + 1); /* never longer */
        djz_project_normalize(name, pkg, strlen(name) + 1);
        size_t *at = djz_index_find(&l->advisory_index, pkg);
        size_t k = at ? *at : l->nadvisory_lists++;
        if (!at) {
            djz_index_put(&l->advisory_index, l->a, pkg, k);
            l->advisories[k] =
                djz_arena_alloc(l->a, sizeof **l->advisories * (n + 1));
        }
        l->advisories[k][counts[k]++] = o;
    }
}

static void check_advisories(djz_lint_ctx *l, const djz_value *item,
                             const djz_requirement *r)
{
    const djz_obj *newest = NULL;
    const char *upgrade = NULL, *ids = "";
    size_t count = 0;
    index_advisories(l);
    size_t *list = djz_index_find(&l->advisory_index, r->name);
    for (const djz_obj *const *p = list ? l->advisories[*list] : NULL; p && *p;
         p++) {
        const djz_obj *o = *p;
        if (!affects(o, r->pinned))
            continue;
        if (++count <= MAX_IDS)
            ids = djz_arena_printf(l->a, "%s%s%s", ids, *ids ? ", " : "",
                                   o->label);
        if (!newest || strcmp(djz_obj_text(o, "published"),
                              djz_obj_text(newest, "published")) > 0)
            newest = o;
        const char *fix = fix_for(o, r->pinned);
        if (fix && (!upgrade || djz_version_compare(fix, upgrade) > 0))
            upgrade = fix;
    }
    if (!count)
        return;
    const char *which =
        count == 1
            ? djz_arena_printf(l->a, "a known vulnerability, %s", newest->label)
            : djz_arena_printf(l->a,
                               "%zu known vulnerabilities, the "
                               "newest %s",
                               count, newest->label);
    djz_diag *d = djz_lint_report(
        l, DJZ_KNOWN_VULNERABILITY, item->src, item->span, "%s %s has %s: %s",
        r->name, r->pinned, which, djz_obj_text(newest, "summary"));
    if (!d)
        return;
    if (count > 1)
        djz_diag_note(l->sink, d, NULL, djz_span_make(0, 0), "%s%s", ids,
                      count > MAX_IDS ? djz_arena_printf(l->a, " and %zu more",
                                                         count - MAX_IDS)
                                      : "");
    djz_lint_help(l, d, DJZ_KNOWN_VULNERABILITY,
                  upgrade ? djz_arena_printf(l->a, "pin %s==%s or later",
                                             r->name, upgrade)
                          : "upgrade to a release with the fixes");
}

static void check_retired(djz_lint_ctx *l, const djz_value *item,
                          const djz_requirement *r)
{
    const djz_obj *pkg = djz_model_data(l->m, "package", r->name);
    if (!pkg)
        return;
    const char *retired = djz_obj_text(pkg, "retired");
    bool unmaintained = !strcmp(djz_obj_text(pkg, "unmaintained"), "on");
    if (!*retired && !unmaintained)
        return;
    djz_diag *d = djz_lint_report(
        l, DJZ_RETIRED_PACKAGE, item->src, item->span, "%s is %s%s", r->name,
        *retired ? "retired since " : "unmaintained", retired);
    if (d)
        djz_lint_help(
            l, d, DJZ_RETIRED_PACKAGE,
            djz_arena_printf(l->a, "use %s", djz_obj_text(pkg, "replacement")));
}

static void check_uvicorn(djz_lint_ctx *l, const djz_ir_env *e,
                          const djz_value *list, const djz_value *item,
                          const djz_requirement *r)
{
    const djz_ir_block *server[1];
    const djz_value *kind = djz_lint_blocks(e, "app.server", server, 1)
                                ? djz_ir_get(server[0], "kind")
                                : NULL;
    const djz_obj *pkg = djz_model_data(l->m, "package", "uvicorn");
    const char *since =
        pkg ? djz_obj_text(pkg, "worker_module_deprecated_in") : "";
    if (strcmp(r->name, "uvicorn") || !*r->pinned || !kind ||
        strcmp(kind->text, "asgi") || !*since ||
        djz_version_compare(r->pinned, since) < 0 ||
        requires(list, "uvicorn-worker"))
        return;
    djz_diag *d = djz_lint_report(
        l, DJZ_DEPRECATED_UVICORN_WORKER, item->src, item->span,
        "uvicorn %s deprecates its worker module (since %s), which gunicorn "
        "needs for ASGI",
        r->pinned, since);
    if (d)
        djz_lint_help(l, d, DJZ_DEPRECATED_UVICORN_WORKER,
                      "add uvicorn-worker to the runtime requirements");
}

void djz_rules_requirements(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_value *list = runtime(e);
    for (size_t i = 0; list && i < list->n; i++) {
        const djz_value *item = list->items[i];
        djz_requirement r;
        if (!djz_requirement_parse(item->text, &r))
            continue;
        if (!*r.pinned) {
            djz_diag *d = djz_lint_report(
                l, DJZ_UNPINNED_REQUIREMENT, item->src, item->span,
                "runtime requirement `%s` is not pinned: each deployment may "
                "install a different version",
                item->text);
            if (d)
                djz_lint_help(l, d, DJZ_UNPINNED_REQUIREMENT,
                              djz_arena_printf(l->a,
                                               "pin it to the version "
                                               "you test with: `%s==X.Y.Z`",
                                               r.name));
        } else {
            check_advisories(l, item, &r);
            check_uvicorn(l, e, list, item, &r);
        }
        check_retired(l, item, &r);
    }
}

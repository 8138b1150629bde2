/* lint.c - running the rules over every environment, through allows. */
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/dates.h"

static const djz_lint_rule rules[] = {
    djz_rules_hardening, djz_rules_secrets,  djz_rules_requirements,
    djz_rules_lifecycle, djz_rules_firewall,
};

/* ---- allows ------------------------------------------------------------ */

/* A live lint rule by name, or NULL (retired rules are no longer
 * names an allow may use). */
static const djz_diag_info *lint_rule(const char *name)
{
    for (size_t i = 0; i < djz_catalogue_len; i++)
        if (djz_catalogue[i].code >= 6000 && djz_catalogue[i].code < 7000 &&
            !djz_diag_retired(&djz_catalogue[i]) &&
            strcmp(djz_catalogue[i].name, name) == 0)
            return &djz_catalogue[i];
    return NULL;
}

static void unknown_lint(djz_lint_ctx *l, const djz_binding *bd)
{
    const char **names =
        djz_arena_alloc(l->a, sizeof *names * djz_catalogue_len);
    size_t n = 0;
    for (size_t i = 0; i < djz_catalogue_len; i++)
        if (djz_catalogue[i].code >= 6000 && djz_catalogue[i].code < 7000 &&
            !djz_diag_retired(&djz_catalogue[i]))
            names[n++] = djz_catalogue[i].name;
    const djz_node *label = bd->stmt->u.stmt.head.labels.head;
    djz_diag *d = djz_report(l->sink, DJZ_UNKNOWN_LINT, bd->src, label->span,
                             "no warning is called `%s`", bd->label);
    if (!djz_diag_did_you_mean(l->sink, d, bd->label, names, n))
        djz_diag_help(l->sink, d,
                      "`djaz explain --list` lists the DJZ6xxx "
                      "warnings");
}

/* An allow naming an error: itself an error, and it acknowledges
 * nothing, so the finding is reported too. */
static void allow_of_error(djz_lint_ctx *l, const djz_binding *bd,
                           const djz_diag_info *rule)
{
    const djz_node *label = bd->stmt->u.stmt.head.labels.head;
    djz_diag *d = djz_report(l->sink, DJZ_ALLOW_OF_ERROR, bd->src, label->span,
                             "`%s` (DJZ%04d) is an error, which `allow` "
                             "cannot acknowledge",
                             rule->name, (int)rule->code);
    djz_diag_help(l->sink, d,
                  "fix what DJZ%04d reports, then remove this `allow`",
                  (int)rule->code);
}

static void add_allow(djz_lint_ctx *l, const djz_binding *bd, djz_source *src,
                      djz_span scope)
{
    const djz_diag_info *rule = lint_rule(bd->label);
    if (!rule) {
        unknown_lint(l, bd);
        return;
    }
    if (rule->severity == DJZ_SEV_ERROR) {
        allow_of_error(l, bd, rule);
        return;
    }
    l->allows = djz_arena_grow(l->a, l->allows, l->nallows, &l->allows_cap,
                               sizeof *l->allows);
    djz_allow *a = &l->allows[l->nallows++];
    a->name = bd->label;
    a->src = src;
    a->scope = scope;
    a->binding = bd;
    a->used = false;
}

static void collect_obj(djz_lint_ctx *l, const djz_obj *o)
{
    for (const djz_binding *bd = o->allows; bd; bd = bd->next)
        add_allow(l, bd, o->src, o->node->span);
    for (const djz_obj *c = o->children; c; c = c->next)
        collect_obj(l, c);
}

/* Allows at the top level cover their whole file. */
static void collect_allows(djz_lint_ctx *l)
{
    for (const djz_binding *bd = l->m->allows; bd; bd = bd->next)
        add_allow(l, bd, bd->src, djz_span_make(0, bd->src->len));
    for (const djz_obj *o = l->m->blocks.head; o; o = o->next)
        collect_obj(l, o);
    for (const djz_obj *o = l->m->defaults.head; o; o = o->next)
        collect_obj(l, o); /* a preset's allow covers the preset */
}

static bool allowed(djz_lint_ctx *l, djz_code code, djz_source *src,
                    djz_span at)
{
    const djz_diag_info *info = djz_diag_lookup(code);
    bool any = false;
    for (size_t i = 0; i < l->nallows; i++) {
        djz_allow *a = &l->allows[i];
        if (a->src == src && a->scope.lo <= at.lo && at.hi <= a->scope.hi &&
            strcmp(a->name, info->name) == 0) {
            a->used = true;
            any = true;
        }
    }
    return any;
}

static bool seen_before(djz_lint_ctx *l, djz_code code, djz_source *src,
                        djz_span at)
{
    return !djz_diag_first(l->sink, code, src, at);
}

djz_diag *djz_lint_report(djz_lint_ctx *l, djz_code code, djz_source *src,
                          djz_span at, const char *fmt, ...)
{
    if (allowed(l, code, src, at) || seen_before(l, code, src, at))
        return NULL;
    va_list ap;
    va_start(ap, fmt);
    djz_diag *d = djz_vreport(l->sink, code, src, at, fmt, ap);
    va_end(ap);
    return d;
}

void djz_lint_help(djz_lint_ctx *l, djz_diag *d, djz_code code, const char *fix)
{
    const djz_diag_info *info = djz_diag_lookup(code);
    if (info->severity == DJZ_SEV_ERROR) /* no allow acknowledges it */
        djz_diag_help(l->sink, d, "%s", fix);
    else
        djz_diag_help(l->sink, d,
                      "%s, or acknowledge it in this block: "
                      "`allow %s = \"why\"`",
                      fix, info->name);
}

static void report_unused(djz_lint_ctx *l)
{
    for (size_t i = 0; i < l->nallows; i++) {
        const djz_allow *a = &l->allows[i];
        if (a->used)
            continue;
        const djz_node *stmt = a->binding->stmt;
        djz_diag *d = djz_report(l->sink, DJZ_UNUSED_ALLOW, a->src, stmt->span,
                                 "nothing here raises `%s`", a->name);
        djz_diag_help(l->sink, d, "remove the `allow`");
    }
}

/* The value as a message shows it: control characters and quotes as
 * escapes, at most 40 bytes of it. */
static const char *shown(djz_arena *a, const char *value)
{
    char *out = djz_arena_alloc(a, 40 * 4 + 4);
    size_t n = 0, i = 0;
    for (; value[i] && i < 40; i++) {
        unsigned char ch = (unsigned char)value[i];
        if (ch < 0x20 || ch == 0x7f || ch == '\'' || ch == '\\')
            n += (size_t)sprintf(out + n, "\\x%02x", ch);
        else
            out[n++] = (char)ch;
    }
    strcpy(out + n, value[i] ? "..." : "");
    return out;
}

/* Today's date for the rules; a malformed SOURCE_DATE_EPOCH is an error
 * of the invocation (exit 2), said once however many specs are linted. */
static int64_t today(djz_arena *a, djz_diag_sink *sink)
{
    int64_t days;
    if (djz_today(&days))
        return days;
    for (const djz_diag *d = sink->head; d; d = d->next)
        if (d->code == DJZ_BAD_SOURCE_DATE_EPOCH)
            return days;
    djz_diag *d = djz_report(
        sink, DJZ_BAD_SOURCE_DATE_EPOCH, NULL, djz_span_make(0, 0),
        "SOURCE_DATE_EPOCH='%s' is not a whole number of seconds since "
        "1970-01-01 UTC",
        shown(a, getenv("SOURCE_DATE_EPOCH")));
    djz_diag_help(sink, d,
                  "set it to the output of `date +%%s` (digits only, at "
                  "most " DJZ_MAX_SOURCE_DATE_EPOCH
                  "), or unset it to use today's date");
    sink->usage = true;
    return days;
}

void djz_lint(djz_arena *a, const djz_model *m, const djz_ir *ir,
              djz_diag_sink *sink)
{
    djz_lint_ctx l = {.a = a, .sink = sink, .m = m, .today = today(a, sink)};
    collect_allows(&l);
    for (size_t i = 0; i < ir->nenvs; i++) {
        l.env = &ir->envs[i];
        for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++)
            rules[k](&l, l.env);
    }
    report_unused(&l);
}

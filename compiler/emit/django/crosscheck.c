/* crosscheck.c - the settings fragment against the app settings (see
 * django.h).
 *
 * The fragment says, next to each environment variable it reads, what is
 * due when the variable is missing (its `#@ reads` directives); the ARM
 * back end says which app settings each environment's web app gets.  A
 * variable the fragment needs that an environment does not set would stop
 * the site at start-up, or point it somewhere that does not exist (a
 * storage account without a `static` container): DJZ4007.  A variable
 * for a developer's machine that the spec sets in Azure: DJZ4008. */
#include "django.h"

#include <string.h>

static bool has(const djz_arm_settings *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->names[i], name))
            return true;
    return false;
}

/* Whether environment e falls foul of r. */
static bool wrong(const djz_env_read *r, const djz_arm_settings *s)
{
    switch (r->rule) {
    case DJZ_READ_REQUIRED:
        return !has(s, r->name);
    case DJZ_READ_WITH:
        return has(s, r->arg) && !has(s, r->name);
    case DJZ_READ_LOCAL:
        return has(s, r->name);
    case DJZ_READ_DEFAULT:
        break;
    }
    return false;
}

/* Whether environment e has a web app and falls foul of r. */
static bool fouls(const djz_arm *arm, const djz_env_read *r, size_t e)
{
    return arm->settings[e].names && wrong(r, &arm->settings[e]);
}

/* Where a local variable is set: the spec's `setting` or `secret` of that
 * name in app, else app itself. */
static void setting_at(const djz_ir_block *app, const char *name,
                       djz_source **src, djz_span *span)
{
    *src = app->src;
    *span = app->span;
    for (size_t i = 0; i < app->nattrs; i++) {
        const djz_ir_attr *at = &app->attrs[i];
        if (!strcmp(at->name, "setting") && at->label &&
            !strcmp(at->label, name)) {
            *src = at->value->src;
            *span = at->value->span;
            return;
        }
    }
    for (size_t i = 0; i < app->nchildren; i++)
        if (!strcmp(app->children[i]->schema->kind, "secret") &&
            !strcmp(app->children[i]->label, name)) {
            *src = app->children[i]->src;
            *span = app->children[i]->span;
            return;
        }
}

static void check(djz_diag_sink *sink, const djz_ir *ir, const djz_arm *arm,
                  const djz_env_read *r)
{
    /* The environments that fall foul of r, named "`a`, `b` and `c`". */
    size_t first = 0, count = 0, last = 0;
    for (size_t e = 0; e < ir->nenvs && e < arm->nenvs; e++)
        if (fouls(arm, r, e)) {
            if (!count++)
                first = e;
            last = e;
        }
    if (!count)
        return;
    djz_buf envs = {0};
    for (size_t e = first; e <= last; e++) {
        if (!fouls(arm, r, e))
            continue;
        if (e != first)
            djz_buf_puts(&envs, e == last ? " and " : ", ");
        djz_buf_puts(&envs, "`");
        djz_buf_puts(&envs, ir->envs[e].name);
        djz_buf_puts(&envs, "`");
    }
    const djz_ir_env *env = &ir->envs[first];
    const djz_ir_block *app = djz_ir_block_of(env, "app");
    const djz_ir_block *at = djz_ir_block_of(env, r->block);
    if (!at)
        at = app;
    djz_source *src = at->src;
    djz_span span = at->span;
    djz_diag *d;
    const char *which = count > 1 ? "environments" : "environment";
    if (r->rule == DJZ_READ_LOCAL) {
        setting_at(app, r->name, &src, &span);
        d = djz_report(sink, DJZ_LOCAL_SETTING, src, span,
                       "`%s` is for a developer's machine, and %s %.*s "
                       "would set it in Azure",
                       r->name, which, (int)envs.len, envs.data);
    } else {
        d = djz_report(sink, DJZ_UNSET_SETTING, src, span,
                       "the generated Django settings read `%s`, which %s "
                       "%.*s would not set",
                       r->name, which, (int)envs.len, envs.data);
        if (r->rule == DJZ_READ_WITH)
            djz_diag_note(sink, d, NULL, djz_span_make(0, 0),
                          "it is read wherever `%s` is set", r->arg);
        else
            djz_diag_note(sink, d, NULL, djz_span_make(0, 0),
                          "the site would stop at start-up without it");
    }
    djz_diag_help(sink, d, "%s", r->hint);
    djz_buf_free(&envs);
}

void djz_django_crosscheck(djz_diag_sink *sink, const djz_ir *ir,
                           const djz_arm *arm, const djz_env_reads *reads)
{
    for (size_t i = 0; i < reads->n; i++)
        check(sink, ir, arm, &reads->items[i]);
}

/* secrets.c - DEBUG, SECRET_KEY and secrets written as literals.
 *
 * Principle: no secret is ever a literal.  A setting whose name says it
 * holds a secret, or any string that looks like a key, a token or a
 * password, is an error; secrets are declared with `secret NAME`. */
#include "rules.h"

#include <ctype.h>
#include <string.h>

/* s folded to lower case, for substring tests that ignore case. */
static char *folded(djz_lint_ctx *l, const char *s)
{
    char *f = djz_arena_strdup(l->a, s);
    for (char *p = f; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return f;
}

static bool contains_any(const char *folded_text, const char *const *words,
                         size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(folded_text, words[i]))
            return true;
    return false;
}

static bool secret_name(djz_lint_ctx *l, const char *name)
{
    static const char *const words[] = {
        "secret",     "password",         "passwd",      "token",
        "api_key",    "apikey",           "private_key", "account_key",
        "credential", "connection_string"};
    return contains_any(folded(l, name), words, sizeof words / sizeof words[0]);
}

/* A long run of base64 or hex with letters of both cases and digits:
 * what keys and tokens look like, and what names and versions do not. */
static bool high_entropy(const char *s)
{
    size_t len = strlen(s);
    bool upper = false, lower = false, digit = false;
    if (len < 32)
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!isalnum(c) && !strchr("+/=_-", c))
            return false;
        upper |= isupper(c) != 0;
        lower |= islower(c) != 0;
        digit |= isdigit(c) != 0;
    }
    return upper && lower && digit;
}

static bool looks_secret(djz_lint_ctx *l, const char *s)
{
    static const char *const marks[] = {
        "-----begin",  "accountkey=", "sharedaccesssignature=",
        "password=",   "pwd=",        "ghp_",
        "github_pat_", "xoxb-",       "xoxp-",
        "sk_live_"};
    if (contains_any(folded(l, s), marks, sizeof marks / sizeof marks[0]))
        return true;
    if (strncmp(s, "AKIA", 4) == 0 && strlen(s) == 20)
        return true;
    return high_entropy(s);
}

static void secret_literal(djz_lint_ctx *l, const djz_value *v,
                           const char *what)
{
    djz_diag *d = djz_lint_report(l, DJZ_SECRET_LITERAL, v->src, v->span,
                                  "%s is written in the spec: anyone who can "
                                  "read the repository has it",
                                  what);
    if (d)
        djz_lint_help(l, d, DJZ_SECRET_LITERAL,
                      "declare it instead, such as `secret NAME { generate "
                      "= 50 }` or `{ from = keyvault }`");
}

static void scan_value(djz_lint_ctx *l, const djz_value *v)
{
    if (v->kind == DJZ_VAL_LIST || v->kind == DJZ_VAL_MAP) {
        for (size_t i = 0; i < v->n; i++)
            scan_value(l, v->items[i]);
        return;
    }
    if (v->kind == DJZ_VAL_STRING && !v->interpolated &&
        looks_secret(l, v->text))
        secret_literal(l, v, "a value that looks like a key or a password");
}

static void scan_block(djz_lint_ctx *l, const djz_ir_block *b)
{
    if (b->schema->flags & DJZ_BLOCK_DATA)
        return;
    for (size_t i = 0; i < b->nattrs; i++) {
        const djz_ir_attr *a = &b->attrs[i];
        const djz_value *v = a->value;
        if (*a->label && secret_name(l, a->label) &&
            v->kind == DJZ_VAL_STRING && *v->text)
            secret_literal(l, v, djz_arena_printf(l->a, "`%s`", a->label));
        else
            scan_value(l, v);
    }
    for (size_t i = 0; i < b->nchildren; i++)
        scan_block(l, b->children[i]);
}

static void check_debug(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_value *dev = djz_ir_get(e->env, "development");
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *debug = app ? djz_ir_get(app, "debug") : NULL;
    if (!debug || debug->kind != DJZ_VAL_BOOL || !debug->boolean ||
        (dev && dev->boolean))
        return;
    djz_diag *d = djz_lint_report(
        l, DJZ_DEBUG_OUTSIDE_DEVELOPMENT, debug->src, debug->span,
        "DEBUG is on in `env %s`: tracebacks, settings and source are shown "
        "to anyone who triggers an error",
        e->name);
    if (d)
        djz_lint_help(l, d, DJZ_DEBUG_OUTSIDE_DEVELOPMENT,
                      "set `debug = off`, or mark a development environment "
                      "`development = on`");
}

static void check_secret_key(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    if (!app)
        return;
    for (size_t i = 0; i < app->nchildren; i++)
        if (!strcmp(app->children[i]->schema->kind, "secret") &&
            !strcmp(app->children[i]->label, "SECRET_KEY"))
            return;
    djz_diag *d = djz_lint_report(
        l, DJZ_MISSING_SECRET_KEY, app->src, app->span,
        "no `secret SECRET_KEY`: Django would need a default key, and a "
        "known key lets anyone forge sessions");
    if (d)
        djz_lint_help(l, d, DJZ_MISSING_SECRET_KEY,
                      "add `secret SECRET_KEY { generate = 50 }` to `app`");
}

void djz_rules_secrets(djz_lint_ctx *l, const djz_ir_env *e)
{
    check_debug(l, e);
    check_secret_key(l, e);
    scan_block(l, e->env);
    for (size_t i = 0; i < e->nblocks; i++)
        scan_block(l, e->blocks[i]);
}

/* rules.h - what lint rules share: the context, reporting through
 * allows, and lookups on the IR and the stdlib's knowledge.  One file of
 * rules per subject; each rule reads one environment. */
#ifndef DJZ_LINT_RULES_H
#define DJZ_LINT_RULES_H

#include <stdint.h>

#include "lint.h"
#include "support/index.h"

typedef struct djz_allow {
    const char *name; /* the warning's kebab name */
    djz_source *src;
    djz_span scope; /* the block it stands in; all of src at top level */
    const djz_binding *binding;
    bool used;
} djz_allow;

typedef struct djz_lint_ctx {
    djz_arena *a;
    djz_diag_sink *sink;
    const djz_model *m;
    const djz_ir_env *env;
    int64_t today;
    djz_allow *allows;
    size_t nallows;
    size_t allows_cap;
    /* advisories by normalized package name: a list per package */
    djz_index advisory_index;
    const djz_obj ***advisories; /* NULL-terminated lists */
    size_t nadvisory_lists;
} djz_lint_ctx;

typedef void (*djz_lint_rule)(djz_lint_ctx *l, const djz_ir_env *e);

/* Reports unless acknowledged by an allow or already reported for
 * another environment; NULL then. */
djz_diag *djz_lint_report(djz_lint_ctx *l, djz_code code, djz_source *src,
                          djz_span at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* The help every lint finding ends with: how to fix, how to allow. */
void djz_lint_help(djz_lint_ctx *l, djz_diag *d, djz_code code,
                   const char *fix);

/* Blocks of an environment by path: "app.site", "database", "ci"; the
 * first cap of them (there are at most e->nblocks: a cap that large sees
 * every one). */
size_t djz_lint_blocks(const djz_ir_env *e, const char *path,
                       const djz_ir_block **out, size_t cap);
const char *djz_lint_text(const djz_value *v); /* on/off for booleans */
/* Knowledge: a data block's attribute as text: on/off for booleans, ""
 * when absent. */
const char *djz_lint_fact(const djz_lint_ctx *l, const char *kind,
                          const char *label, const char *attr);
/* The date attribute of a data block is before today. */
bool djz_lint_past(const djz_lint_ctx *l, const char *kind, const char *label,
                   const char *attr, const char **date);

void djz_rules_hardening(djz_lint_ctx *l, const djz_ir_env *e);
void djz_rules_secrets(djz_lint_ctx *l, const djz_ir_env *e);
void djz_rules_requirements(djz_lint_ctx *l, const djz_ir_env *e);
void djz_rules_lifecycle(djz_lint_ctx *l, const djz_ir_env *e);
void djz_rules_firewall(djz_lint_ctx *l, const djz_ir_env *e);

#endif

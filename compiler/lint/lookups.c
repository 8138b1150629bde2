/* lookups.c - what rules ask of the IR and of the stdlib's knowledge. */
#include "rules.h"

#include <string.h>

#include "support/dates.h"

/* Blocks at a dotted path of kinds, from the top: "app.site". */
size_t djz_lint_blocks(const djz_ir_env *e, const char *path,
                       const djz_ir_block **out, size_t cap)
{
    const char *dot = strchr(path, '.');
    size_t klen = dot ? (size_t)(dot - path) : strlen(path);
    size_t n = 0;
    for (size_t i = 0; i < e->nblocks && n < cap; i++) {
        const djz_ir_block *b = e->blocks[i];
        if (strlen(b->schema->kind) != klen ||
            strncmp(b->schema->kind, path, klen) != 0)
            continue;
        if (!dot) {
            out[n++] = b;
            continue;
        }
        const djz_ir_block *c = djz_ir_child(b, dot + 1);
        if (c)
            out[n++] = c;
    }
    return n;
}

const char *djz_lint_text(const djz_value *v)
{
    if (v->kind == DJZ_VAL_BOOL)
        return v->boolean ? "on" : "off";
    return v->text ? v->text : "";
}

const char *djz_lint_fact(const djz_lint_ctx *l, const char *kind,
                          const char *label, const char *attr)
{
    const djz_obj *o = djz_model_data(l->m, kind, label);
    return o ? djz_obj_text(o, attr) : "";
}

bool djz_lint_past(const djz_lint_ctx *l, const char *kind, const char *label,
                   const char *attr, const char **date)
{
    *date = djz_lint_fact(l, kind, label, attr);
    int64_t day;
    return **date && djz_date_parse(*date, &day) && day < l->today;
}

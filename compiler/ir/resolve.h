/* resolve.h - from the bound model to one resolved IR per environment.
 *
 * For each `env`, every block gets, in this order, the attributes of the
 * presets for its kind (a later preset wins), its own, and the
 * environment's overrides (nested blocks in `env` and dotted attributes
 * such as `app.python`).  Then every value is evaluated: names become
 * enum or table values (table entries in their canonical spelling),
 * references `kind[.label].attr` and interpolations `${...}` are
 * followed, cycles are reported with their chain.  Names that must follow
 * Azure's rules are checked again once interpolated, and names that must
 * be unique across Azure are compared between environments. */
#ifndef DJZ_RESOLVE_H
#define DJZ_RESOLVE_H

#include "ir/ir.h"
#include "sema/model.h"

/* Resolves every environment (or only `only_env` when not NULL; an
 * unknown name is reported).  Returns false when nothing could be
 * resolved. */
bool djz_resolve(djz_program *p, const djz_model *m, const char *only_env,
                 djz_ir *out);

/* Copies the stdlib facts back ends read from m into ir (facts.c);
 * djz_resolve calls it. */
void djz_ir_facts_build(djz_arena *a, const djz_model *m, djz_ir *ir);

#endif

/* ir.h - the resolved model of an application, one per environment.
 *
 * Back ends see only this.  Every value is final: defaults from presets
 * applied, the environment's overrides merged, references followed and
 * interpolations expanded.  Each value remembers where it was written
 * (for diagnostics and source maps) and where it came from (the spec, a
 * preset, or the environment).  Blocks and attributes keep the schema's
 * order, so a dump is stable.  All of it lives in the program's arena. */
#ifndef DJZ_IR_H
#define DJZ_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "sema/schema.h"
#include "support/source.h"

typedef enum djz_val_kind {
    DJZ_VAL_STRING,
    DJZ_VAL_NUMBER,
    DJZ_VAL_BOOL,
    DJZ_VAL_NAME, /* an enum value or a table entry: asgi, P1v2 */
    DJZ_VAL_LIST,
    DJZ_VAL_MAP,
} djz_val_kind;

typedef struct djz_value {
    djz_val_kind kind;
    const char *text; /* STRING, NAME; NUMBER as written */
    bool boolean;
    struct djz_value **items; /* LIST, MAP */
    const char **keys;        /* MAP */
    size_t n;
    djz_source *src; /* where it was written */
    djz_span span;
    bool broken;       /* made from a reference that failed: checks skip it */
    bool interpolated; /* a string with ${...}: checked once expanded */
} djz_value;

typedef enum djz_origin {
    DJZ_FROM_SPEC,    /* the block itself */
    DJZ_FROM_DEFAULT, /* a preset (defaults KIND) */
    DJZ_FROM_ENV,     /* the environment's override */
} djz_origin;

typedef struct djz_ir_attr {
    const djz_attr_schema *schema; /* NULL in open blocks */
    const char *name;
    const char *label; /* labelled attributes; "" otherwise */
    djz_value *value;
    djz_origin origin;
} djz_ir_attr;

typedef struct djz_ir_block {
    const djz_block_schema *schema;
    const char *label; /* "" when the kind takes none */
    djz_source *src;   /* where the block is written (its head) */
    djz_span span;
    djz_ir_attr *attrs;
    size_t nattrs;
    struct djz_ir_block **children;
    size_t nchildren;
} djz_ir_block;

#define DJZ_IR_NONE ((size_t)-1) /* no resource */

/* An Azure resource the environment consists of. */
typedef struct djz_ir_resource {
    const char *type; /* ARM's resource type, e.g. Microsoft.Web/sites */
    const char *name; /* "account/default/static" for child resources */
    const char *key;  /* names the resource in every environment: "site" */
    size_t parent;    /* the resource it is a child of, or DJZ_IR_NONE */
    const char *leaf; /* the name below the parent's: "default/static" */
    /* The template parameter the name (or its last segment, for a child)
     * becomes when environments differ; NULL for a fixed leaf. */
    const char *param;
    const djz_ir_block *block; /* the block it realizes */
    size_t *depends_on;        /* indices into the environment's resources */
    size_t ndeps;
} djz_ir_resource;

/* The stdlib facts back ends read (see facts.c); shared by every env. */
typedef struct djz_ir_facts djz_ir_facts;

typedef struct djz_ir_env {
    const char *name;
    const djz_ir_facts *facts;
    djz_ir_block *env;     /* the env block itself: plan, branch, ... */
    djz_ir_block **blocks; /* app, database, storage, ... in schema order */
    size_t nblocks;
    djz_ir_resource *resources; /* every dependency before its dependents */
    size_t nresources;
} djz_ir_env;

typedef struct djz_ir {
    djz_ir_env *envs;
    size_t nenvs;
    const djz_ir_facts *facts;
} djz_ir;

/* Derives the Azure resources of an environment from its blocks and
 * orders them so that each comes after what it depends on.  Names the
 * spec does not give are derived from the web app's name (see lower.c). */
void djz_ir_lower(djz_arena *a, djz_ir_env *e);
/* Adds resource index on to r's dependencies (as many as there are). */
void djz_ir_depend(djz_arena *a, djz_ir_resource *r, size_t on);

/* Lookups for back ends.  A kind, child or attribute name the schema does
 * not define is a bug in djaz, not an absent value: an internal error
 * (DJZ9010, exit status 2), never a quiet NULL.  NULL means the spec has
 * no such block or value. */
const djz_ir_block *djz_ir_block_of(const djz_ir_env *e, const char *kind);
const djz_ir_block *djz_ir_child(const djz_ir_block *b, const char *kind);
const djz_value *djz_ir_get(const djz_ir_block *b, const char *name);
/* Typed lookups (b may be NULL): the text of a string, name or number,
 * NULL when absent or empty; a boolean, false when absent; an integer, or
 * fallback when absent. */
const char *djz_ir_text(const djz_ir_block *b, const char *name);
bool djz_ir_on(const djz_ir_block *b, const char *name);
long djz_ir_int(const djz_ir_block *b, const char *name, long fallback);

/* A stdlib fact: attribute attr of the `kind` data block named label (by
 * its label or any spelling in its `names`), as text, on/off for booleans;
 * "" when the stdlib has no such block or value.  A kind or attribute the
 * IR does not carry (facts.c) is an internal error (DJZ9011). */
const char *djz_ir_fact(const djz_ir_facts *f, const char *kind,
                        const char *label, const char *attr);

/* The stable JSON dump of `djaz ir`. */
void djz_ir_dump_json(FILE *out, const djz_ir *ir, const char *only_env);

#endif

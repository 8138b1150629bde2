/* model.h - what a program says, checked against the schema.
 *
 * Binding turns the statements of every module into objects: one per
 * block, holding its attributes (each with its schema and its value, still
 * the syntax node) and its nested blocks.  Spec blocks, presets
 * (`defaults KIND { ... }`) and stdlib knowledge (data blocks such as
 * `plan_sku P1V2 { ... }`) are kept apart.  Nothing is resolved yet:
 * references, interpolations, environments and defaults are the next
 * stage's work.  Everything lives in the program's arena. */
#ifndef DJZ_MODEL_H
#define DJZ_MODEL_H

#include "modules.h"
#include "schema.h"
#include "support/index.h"

typedef struct djz_binding {
    struct djz_binding *next;
    const djz_attr_schema *schema; /* NULL in an open block (firewall) */
    const char *name;
    const char *label;     /* LABELLED attributes: `setting NAME` */
    const djz_path *path;  /* env overrides written `app.python = ...` */
    const djz_node *stmt;  /* the ATTR statement */
    const djz_node *value; /* its value */
    djz_source *src;
} djz_binding;

typedef struct djz_obj {
    struct djz_obj *next;
    const djz_block_schema *schema; /* of the kind; for defaults, the target */
    const char *label;              /* NULL when the kind takes none */
    const djz_node *node;           /* the BLOCK or DECL statement */
    djz_source *src;
    const djz_module *module;
    struct djz_obj *parent;
    djz_binding *attrs, *attrs_tail;
    djz_index attr_index; /* "name\x1flabel" -> the binding */
    struct djz_obj *children, *children_tail;
    djz_index child_index; /* "kind\x1flabel" -> a child, for duplicates */
    djz_binding *allows;   /* `allow RULE = "reason"` here */
} djz_obj;

typedef struct djz_objs {
    djz_obj *head, *tail;
} djz_objs;

typedef struct djz_model {
    djz_objs blocks;   /* spec blocks of every non-stdlib module, in order */
    djz_objs defaults; /* presets, in load order: a later one wins */
    djz_objs data;     /* stdlib knowledge */
    djz_index block_index; /* "kind\x1flabel" -> a block, for duplicates */
    djz_index data_index;  /* "kind\x1fname" -> a data block, every spelling */
    djz_binding *allows;   /* top-level `allow` */
} djz_model;

/* Binds every module of a loaded program.  Reports into the program's
 * sink; the model holds what could be bound. */
void djz_bind(djz_program *p, djz_model *m);

/* Checks a value against a type, as binding does: for values bound
 * later (an environment's dotted overrides). */
void djz_check_value(djz_program *p, const djz_model *m, djz_source *src,
                     const djz_type *t, const djz_node *v);

/* Lookups on a bound model.  A data entry is found by its label or by
 * any spelling in its `names` list. */
const djz_binding *djz_obj_attr(const djz_obj *o, const char *name);
const djz_obj *djz_model_data(const djz_model *m, const char *kind,
                              const char *label);
/* A data block's attribute as text: on/off for booleans, "" when absent
 * or not a scalar. */
const char *djz_obj_text(const djz_obj *o, const char *attr);
/* The text a value names a table entry or an enum by: a name, a string
 * without interpolation, or a number as written; NULL otherwise. */
const char *djz_value_key(const djz_node *v);

#endif

/* json.h - JSON documents as back ends build them, and their writer.
 *
 * A document is a tree in the compilation's arena.  Objects keep the order
 * their keys were added in, so output is byte-for-byte stable.  Besides
 * JSON's own values a tree may hold three things the ARM back end needs
 * before it knows which values become template parameters:
 *
 *   SLOT    a per-environment value with a name (a resource's name, a
 *           SKU).  The template shows it as `parameters('name')` when the
 *           environments disagree and as the plain value when they agree.
 *   EXPR    an ARM expression, written "[...]", made of raw expression
 *           text and slots (rendered inside the expression).
 *   CONCAT  a string made of literal text and slots: a plain string when
 *           every slot is constant, else `[concat(...)]`.
 *   SWITCH  one subtree per environment, chosen by the `environment`
 *           parameter: the last resort when environments differ in shape.
 *
 * The writer asks a renderer how to show slots (see djz_json_write). */
#ifndef DJZ_JSON_H
#define DJZ_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "support/arena.h"
#include "support/buf.h" /* the writers' output, djz_buf */

typedef enum djz_json_kind {
    DJZ_JSON_NULL,
    DJZ_JSON_BOOL,
    DJZ_JSON_NUMBER, /* text: as written, an integer */
    DJZ_JSON_STRING,
    DJZ_JSON_ARRAY,
    DJZ_JSON_OBJECT,
    DJZ_JSON_SLOT,
    DJZ_JSON_EXPR,   /* items: STRING (raw text) and SLOT parts */
    DJZ_JSON_CONCAT, /* items: STRING (literal text) and SLOT parts */
    DJZ_JSON_SWITCH, /* items: one per environment, NULL where absent */
} djz_json_kind;

struct djz_slot;

typedef struct djz_json {
    djz_json_kind kind;
    bool boolean;
    bool map; /* OBJECT: its keys are data (tags, app settings), not fields */
    const char *text; /* NUMBER, STRING */
    struct djz_json **items;
    const char **keys; /* OBJECT */
    size_t n, cap;
    struct djz_slot *slot; /* SLOT */
} djz_json;

/* A named per-environment value. */
typedef struct djz_slot {
    const char *name;
    const char *description;
    djz_json **values; /* one per environment; NULL where undefined */
    size_t nvalues;
    bool secure;    /* a securestring parameter: never has a value */
    bool parameter; /* decided once every environment is built */
} djz_slot;

djz_json *djz_json_null(djz_arena *a);
djz_json *djz_json_bool(djz_arena *a, bool b);
djz_json *djz_json_int(djz_arena *a, long long v);
djz_json *djz_json_number(djz_arena *a, const char *text);
djz_json *djz_json_str(djz_arena *a, const char *s);
djz_json *djz_json_array(djz_arena *a);
djz_json *djz_json_object(djz_arena *a);
djz_json *djz_json_slot(djz_arena *a, djz_slot *s);
djz_json *djz_json_expr(djz_arena *a);
djz_json *djz_json_concat(djz_arena *a);

/* Appends to an array (or the parts of EXPR/CONCAT/SWITCH). */
djz_json *djz_json_push(djz_arena *a, djz_json *arr, djz_json *v);
/* Adds key to an object that does not have it (no search). */
djz_json *djz_json_append(djz_arena *a, djz_json *obj, const char *key,
                          djz_json *v);
/* Sets key in an object: replaces an existing value in place. */
djz_json *djz_json_set(djz_arena *a, djz_json *obj, const char *key,
                       djz_json *v);
/* Shorthands for objects. */
djz_json *djz_json_set_str(djz_arena *a, djz_json *o, const char *k,
                           const char *s);
djz_json *djz_json_set_int(djz_arena *a, djz_json *o, const char *k,
                           long long v);
djz_json *djz_json_set_bool(djz_arena *a, djz_json *o, const char *k, bool b);
/* A new object or array stored under k. */
djz_json *djz_json_set_object(djz_arena *a, djz_json *o, const char *k);
djz_json *djz_json_set_array(djz_arena *a, djz_json *o, const char *k);
djz_json *djz_json_get(const djz_json *obj, const char *key);

/* Expression parts: raw text (printf-style) and slots. */
djz_json *djz_expr_raw(djz_arena *a, djz_json *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A string literal inside an expression: 'it''s'. */
djz_json *djz_expr_lit(djz_arena *a, djz_json *e, const char *s);
/* A part: a slot, or a CONCAT/EXPR rendered inside the expression. */
djz_json *djz_expr_part(djz_arena *a, djz_json *e, djz_json *part);

/* Deep equality; slots are equal when they are the same slot. */
bool djz_json_equal(const djz_json *x, const djz_json *y);

/* How the writer shows the environments of a SWITCH. */
typedef struct djz_json_envs {
    const char *const *names;
    size_t n;
} djz_json_envs;

/* Whether ARM reads the template string s as an expression: it starts
 * with '[' and ends with ']' ("Syntax and expressions in ARM templates",
 * Escape characters).  "[x" and "[test] value" are literal as written;
 * "[x]" is written "[[x]", which ARM reads as the text [x]. */
bool djz_json_arm_reads(const char *s);

/* Writes v, indented by two spaces, ending with a newline.  Slots are
 * shown as parameters('NAME') or as their one value; envs names the
 * environments of SWITCH nodes.  A plain string ARM would read as an
 * expression (djz_json_arm_reads) gets one more '[' in front.  Object
 * keys are written as they are: the back end's own names, or names sema
 * validated (settings, secrets), which never start with '['. */
void djz_json_write(djz_buf *out, const djz_json *v, const djz_json_envs *envs);
/* The same for a tree without slots, expressions or ARM escaping: the
 * manifest, and ARM parameters files: ARM takes a parameter's string
 * value as it is (it reads strings nested in an object or array
 * parameter as expressions, but djaz's parameters are all strings,
 * numbers and booleans: names, SKUs, settings). */
void djz_json_write_plain(djz_buf *out, const djz_json *v);

#endif

/* ir.c - lookups on the IR and its JSON dump for `djaz ir`.
 *
 * The dump is stable: blocks and attributes in schema order, labelled
 * attributes grouped under their name ("setting": {"DJANGO_HOST": ...}),
 * numbers as written, cJSON doing all escaping.  It is what the IR golden
 * tests compare. */
#include "ir.h"

#include "diag/diag.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const djz_ir_block *djz_ir_block_of(const djz_ir_env *e, const char *kind)
{
    if (!djz_schema_block(kind))
        djz_internal(DJZ_UNKNOWN_IR_NAME, "no block kind `%s` in the schema",
                     kind);
    for (size_t i = 0; i < e->nblocks; i++)
        if (strcmp(e->blocks[i]->schema->kind, kind) == 0)
            return e->blocks[i];
    return NULL;
}

const djz_ir_block *djz_ir_child(const djz_ir_block *b, const char *kind)
{
    if (!djz_schema_allows_child(b->schema, kind))
        djz_internal(DJZ_UNKNOWN_IR_NAME, "`%s` blocks have no `%s` block",
                     b->schema->kind, kind);
    for (size_t i = 0; i < b->nchildren; i++)
        if (strcmp(b->children[i]->schema->kind, kind) == 0)
            return b->children[i];
    return NULL;
}

/* Position of an attribute in its block's schema; open attributes
 * (firewall entries) sort last. */
static size_t schema_pos(const djz_ir_block *b, const djz_ir_attr *a)
{
    return a->schema ? (size_t)(a->schema - b->schema->attrs) : SIZE_MAX;
}

/* Attributes are in schema order, so a block with thousands of settings
 * is searched by bisection, not from the start. */
const djz_value *djz_ir_get(const djz_ir_block *b, const char *name)
{
    const djz_attr_schema *as = djz_schema_attr(b->schema, name);
    if (!as && !(b->schema->flags & DJZ_BLOCK_OPEN))
        djz_internal(DJZ_UNKNOWN_IR_NAME, "`%s` blocks have no attribute `%s`",
                     b->schema->kind, name);
    if (!as) {
        for (size_t i = 0; i < b->nattrs; i++)
            if (!b->attrs[i].schema && strcmp(b->attrs[i].name, name) == 0)
                return b->attrs[i].value;
        return NULL;
    }
    size_t want = (size_t)(as - b->schema->attrs), lo = 0, hi = b->nattrs;
    while (lo < hi) { /* the first attribute at or after want */
        size_t mid = lo + (hi - lo) / 2;
        if (schema_pos(b, &b->attrs[mid]) < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < b->nattrs && b->attrs[lo].schema == as; lo++)
        if (!*b->attrs[lo].label)
            return b->attrs[lo].value;
    return NULL;
}

const char *djz_ir_text(const djz_ir_block *b, const char *name)
{
    const djz_value *v = b ? djz_ir_get(b, name) : NULL;
    return v && v->text && *v->text ? v->text : NULL;
}

bool djz_ir_on(const djz_ir_block *b, const char *name)
{
    const djz_value *v = b ? djz_ir_get(b, name) : NULL;
    return v && v->kind == DJZ_VAL_BOOL && v->boolean;
}

long djz_ir_int(const djz_ir_block *b, const char *name, long fallback)
{
    const djz_value *v = b ? djz_ir_get(b, name) : NULL;
    return v && v->kind == DJZ_VAL_NUMBER ? strtol(v->text, NULL, 10)
                                          : fallback;
}

/* cJSON reports a failed allocation with NULL or false: each is the
 * out-of-memory exit (support/arena.h), never a silently missing key. */
static cJSON *must(cJSON *item)
{
    return djz_must(item);
}

/* Adds item under key (to an array when key is NULL).  Adding to an
 * object copies the key, so it can fail: item, then in no tree, is freed
 * before the exit, which leaks nothing. */
static void add(cJSON *o, const char *key, cJSON *item)
{
    if (!(key ? cJSON_AddItemToObject(o, key, item)
              : cJSON_AddItemToArray(o, item))) {
        cJSON_Delete(item);
        djz_out_of_memory();
    }
}

/* cJSON_CreateString(NULL) fails as an allocation would: a value the
 * compiler left unset (only in a spec with errors) is "". */
static cJSON *string(const char *s)
{
    return must(cJSON_CreateString(s ? s : ""));
}

static cJSON *json_value(const djz_value *v)
{
    switch (v->kind) {
    case DJZ_VAL_STRING:
    case DJZ_VAL_NAME:
        return string(v->text);
    case DJZ_VAL_NUMBER: /* as written: 3.5, -1, 17 */
        return must(cJSON_CreateRaw(v->text ? v->text : "0"));
    case DJZ_VAL_BOOL:
        return must(cJSON_CreateBool(v->boolean));
    case DJZ_VAL_LIST: {
        cJSON *a = must(cJSON_CreateArray());
        for (size_t i = 0; i < v->n; i++)
            add(a, NULL, json_value(v->items[i]));
        return a;
    }
    case DJZ_VAL_MAP: {
        cJSON *o = must(cJSON_CreateObject());
        for (size_t i = 0; i < v->n; i++)
            add(o, v->keys[i] ? v->keys[i] : "", json_value(v->items[i]));
        return o;
    }
    }
    return must(cJSON_CreateNull());
}

static cJSON *json_attrs(const djz_ir_block *b)
{
    cJSON *o = must(cJSON_CreateObject());
    for (size_t i = 0; i < b->nattrs; i++) {
        const djz_ir_attr *a = &b->attrs[i];
        if (!*a->label) {
            add(o, a->name, json_value(a->value));
            continue;
        }
        cJSON *group = cJSON_GetObjectItemCaseSensitive(o, a->name);
        if (!group)
            group = must(cJSON_AddObjectToObject(o, a->name));
        add(group, a->label, json_value(a->value));
    }
    return o;
}

static cJSON *json_block(const djz_ir_block *b)
{
    cJSON *o = must(cJSON_CreateObject());
    add(o, "kind", string(b->schema->kind));
    if (*b->label)
        add(o, "label", string(b->label));
    add(o, "attributes", json_attrs(b));
    if (b->nchildren) {
        cJSON *kids = must(cJSON_AddArrayToObject(o, "blocks"));
        for (size_t i = 0; i < b->nchildren; i++)
            add(kids, NULL, json_block(b->children[i]));
    }
    return o;
}

/* "type/name" of a resource, as long as it is. */
static cJSON *resource_id(const djz_ir_resource *r)
{
    const char *name = r->name ? r->name : "";
    size_t n = strlen(r->type) + strlen(name) + 2;
    char *id = djz_xmalloc(n);
    snprintf(id, n, "%s/%s", r->type, name);
    cJSON *s = string(id);
    free(id);
    return s;
}

static cJSON *json_resources(const djz_ir_env *e)
{
    cJSON *list = must(cJSON_CreateArray());
    for (size_t i = 0; i < e->nresources; i++) {
        const djz_ir_resource *r = &e->resources[i];
        cJSON *o = must(cJSON_CreateObject());
        add(list, NULL, o);
        add(o, "type", string(r->type));
        if (r->name) /* unset only in a spec with errors */
            add(o, "name", string(r->name));
        if (r->ndeps) {
            cJSON *deps = must(cJSON_AddArrayToObject(o, "depends_on"));
            for (size_t d = 0; d < r->ndeps; d++)
                add(deps, NULL, resource_id(&e->resources[r->depends_on[d]]));
        }
    }
    return list;
}

static cJSON *json_env(const djz_ir_env *e)
{
    cJSON *o = must(cJSON_CreateObject());
    add(o, "name", string(e->name));
    add(o, "env", json_attrs(e->env));
    cJSON *blocks = must(cJSON_AddArrayToObject(o, "blocks"));
    for (size_t i = 0; i < e->nblocks; i++)
        add(blocks, NULL, json_block(e->blocks[i]));
    add(o, "resources", json_resources(e));
    return o;
}

void djz_ir_dump_json(FILE *out, const djz_ir *ir, const char *only_env)
{
    cJSON *root = must(cJSON_CreateObject());
    must(cJSON_AddNumberToObject(root, "djaz_ir", 1));
    cJSON *envs = must(cJSON_AddArrayToObject(root, "environments"));
    for (size_t i = 0; i < ir->nenvs; i++)
        if (!only_env || strcmp(ir->envs[i].name, only_env) == 0)
            add(envs, NULL, json_env(&ir->envs[i]));
    char *text = djz_must(cJSON_Print(root));
    cJSON_Delete(root);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text); /* cJSON's allocator, not necessarily free() */
}

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

static cJSON *json_value(const djz_value *v)
{
    switch (v->kind) {
    case DJZ_VAL_STRING:
    case DJZ_VAL_NAME:
        return cJSON_CreateString(v->text);
    case DJZ_VAL_NUMBER:
        return cJSON_CreateRaw(v->text); /* as written: 3.5, -1, 17 */
    case DJZ_VAL_BOOL:
        return cJSON_CreateBool(v->boolean);
    case DJZ_VAL_LIST: {
        cJSON *a = cJSON_CreateArray();
        for (size_t i = 0; i < v->n; i++)
            cJSON_AddItemToArray(a, json_value(v->items[i]));
        return a;
    }
    case DJZ_VAL_MAP: {
        cJSON *o = cJSON_CreateObject();
        for (size_t i = 0; i < v->n; i++)
            cJSON_AddItemToObject(o, v->keys[i] ? v->keys[i] : "",
                                  json_value(v->items[i]));
        return o;
    }
    }
    return cJSON_CreateNull();
}

static cJSON *json_attrs(const djz_ir_block *b)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < b->nattrs; i++) {
        const djz_ir_attr *a = &b->attrs[i];
        if (!*a->label) {
            cJSON_AddItemToObject(o, a->name, json_value(a->value));
            continue;
        }
        cJSON *group = cJSON_GetObjectItemCaseSensitive(o, a->name);
        if (!group)
            group = cJSON_AddObjectToObject(o, a->name);
        cJSON_AddItemToObject(group, a->label, json_value(a->value));
    }
    return o;
}

static cJSON *json_block(const djz_ir_block *b)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", b->schema->kind);
    if (*b->label)
        cJSON_AddStringToObject(o, "label", b->label);
    cJSON_AddItemToObject(o, "attributes", json_attrs(b));
    if (b->nchildren) {
        cJSON *kids = cJSON_AddArrayToObject(o, "blocks");
        for (size_t i = 0; i < b->nchildren; i++)
            cJSON_AddItemToArray(kids, json_block(b->children[i]));
    }
    return o;
}

static const char *resource_id(char *buf, size_t n, const djz_ir_resource *r)
{
    snprintf(buf, n, "%s/%s", r->type, r->name);
    return buf;
}

static cJSON *json_resources(const djz_ir_env *e)
{
    cJSON *list = cJSON_CreateArray();
    char id[512];
    for (size_t i = 0; i < e->nresources; i++) {
        const djz_ir_resource *r = &e->resources[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "type", r->type);
        cJSON_AddStringToObject(o, "name", r->name);
        if (r->ndeps) {
            cJSON *deps = cJSON_AddArrayToObject(o, "depends_on");
            for (size_t d = 0; d < r->ndeps; d++)
                cJSON_AddItemToArray(
                    deps, cJSON_CreateString(resource_id(
                              id, sizeof id, &e->resources[r->depends_on[d]])));
        }
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

static cJSON *json_env(const djz_ir_env *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", e->name);
    cJSON_AddItemToObject(o, "env", json_attrs(e->env));
    cJSON *blocks = cJSON_AddArrayToObject(o, "blocks");
    for (size_t i = 0; i < e->nblocks; i++)
        cJSON_AddItemToArray(blocks, json_block(e->blocks[i]));
    cJSON_AddItemToObject(o, "resources", json_resources(e));
    return o;
}

void djz_ir_dump_json(FILE *out, const djz_ir *ir, const char *only_env)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "djaz_ir", 1);
    cJSON *envs = cJSON_AddArrayToObject(root, "environments");
    for (size_t i = 0; i < ir->nenvs; i++)
        if (!only_env || strcmp(ir->envs[i].name, only_env) == 0)
            cJSON_AddItemToArray(envs, json_env(&ir->envs[i]));
    char *text = cJSON_Print(root);
    if (!text)
        djz_out_of_memory();
    fputs(text, out);
    fputc('\n', out);
    free(text);
    cJSON_Delete(root);
}

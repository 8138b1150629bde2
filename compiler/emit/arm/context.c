/* context.c - slots, resources, names and references of the ARM back end. */
#include "context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The newest stable apiVersion of each type in the official ARM schemas
 * (Azure/azure-resource-manager-schemas a1454431151f; tests/arm/schemas
 * holds these files and validates every resource against them). */
static const struct {
    const char *type, *api;
} api_versions[] = {
    {"Microsoft.Authorization/roleAssignments", "2022-04-01"},
    {"Microsoft.Cdn/profiles", "2025-12-01"},
    {"Microsoft.Cdn/profiles/afdEndpoints", "2025-12-01"},
    {"Microsoft.Cdn/profiles/afdEndpoints/routes", "2025-12-01"},
    {"Microsoft.Cdn/profiles/originGroups", "2025-12-01"},
    {"Microsoft.Cdn/profiles/originGroups/origins", "2025-12-01"},
    {"Microsoft.Cdn/profiles/ruleSets", "2025-12-01"},
    {"Microsoft.Cdn/profiles/ruleSets/rules", "2025-12-01"},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "2025-08-01"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/"
     "advancedThreatProtectionSettings",
     "2025-08-01"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/configurations", "2025-08-01"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/databases", "2025-08-01"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "2025-08-01"},
    {"Microsoft.Insights/autoscalesettings", "2022-10-01"},
    {"Microsoft.Insights/components", "2020-02-02"},
    {"Microsoft.Insights/metricAlerts", "2026-01-01"},
    {"Microsoft.KeyVault/vaults", "2026-02-01"},
    {"Microsoft.KeyVault/vaults/secrets", "2026-02-01"},
    {"Microsoft.Network/privateDnsZones", "2024-06-01"},
    {"Microsoft.Network/privateDnsZones/virtualNetworkLinks", "2024-06-01"},
    {"Microsoft.Network/virtualNetworks", "2025-07-01"},
    {"Microsoft.OperationalInsights/workspaces", "2025-07-01"},
    {"Microsoft.Portal/dashboards", "2026-04-01"},
    {"Microsoft.Storage/storageAccounts", "2026-04-01"},
    {"Microsoft.Storage/storageAccounts/blobServices/containers", "2026-04-01"},
    {"Microsoft.Web/serverfarms", "2024-11-01"},
    {"Microsoft.Web/sites", "2024-11-01"},
    {"Microsoft.Web/sites/basicPublishingCredentialsPolicies", "2024-11-01"},
    {"Microsoft.Web/sites/config", "2024-11-01"},
};

const char *djz_arm_api_version(const char *type)
{
    for (size_t i = 0; i < sizeof api_versions / sizeof *api_versions; i++)
        if (!strcmp(api_versions[i].type, type))
            return api_versions[i].api;
    return NULL;
}

static djz_slot *slot_for(djz_arm_ctx *c, const char *name, const char *desc)
{
    size_t *i = djz_index_find(&c->slot_index, name);
    if (i)
        return c->slots[*i];
    djz_slot *s = DJZ_NEW(c->a, djz_slot);
    memset(s, 0, sizeof *s);
    s->name = name;
    s->description = desc;
    s->nvalues = c->ir->nenvs;
    s->values = djz_arena_alloc(c->a, s->nvalues * sizeof *s->values);
    memset(s->values, 0, s->nvalues * sizeof *s->values);
    c->slots = djz_arena_grow(c->a, c->slots, c->nslots, &c->slotcap,
                              sizeof *c->slots);
    c->slots[c->nslots] = s;
    djz_index_put(&c->slot_index, c->a, name, c->nslots++);
    return s;
}

djz_slot *djz_arm_find_slot(djz_arm_ctx *c, const char *name)
{
    size_t *i = djz_index_find(&c->slot_index, name);
    return i ? c->slots[*i] : NULL;
}

djz_json *djz_arm_slot(djz_arm_ctx *c, const char *name,
                       const char *description, djz_json *value)
{
    djz_slot *s = slot_for(c, name, description);
    if (s->values[c->env] && !djz_json_equal(s->values[c->env], value))
        abort(); /* one slot, two values in one environment: a bug */
    s->values[c->env] = value;
    return djz_json_slot(c->a, s);
}

djz_json *djz_arm_secure(djz_arm_ctx *c, const char *name,
                         const char *description)
{
    djz_slot *s = slot_for(c, name, description);
    s->secure = true;
    s->values[c->env] = djz_json_str(c->a, "");
    return djz_json_slot(c->a, s);
}

djz_arm_res *djz_arm_find(djz_arm_ctx *c, const char *key)
{
    djz_arm_env *e = &c->envs[c->env];
    size_t *i = djz_index_find(&e->by_key, key);
    return i ? e->res[*i] : NULL;
}

djz_arm_res *djz_arm_add(djz_arm_ctx *c, const char *key, const char *feature,
                         const char *type, djz_json *name, djz_json *id)
{
    djz_arm_env *e = &c->envs[c->env];
    if (djz_index_find(&e->by_key, key))
        abort(); /* two resources with one key: a bug */
    djz_arm_res *r = DJZ_NEW(c->a, djz_arm_res);
    memset(r, 0, sizeof *r);
    r->key = key;
    r->feature = feature;
    r->type = type;
    r->api = djz_arm_api_version(type);
    if (!r->api)
        abort(); /* a type without an API version: add it to the table */
    r->name = name;
    r->id = id;
    r->body = djz_json_object(c->a);
    e->res = djz_arena_grow(c->a, e->res, e->n, &e->cap, sizeof *e->res);
    e->res[e->n] = r;
    djz_index_put(&e->by_key, c->a, key, e->n++);
    return r;
}

void djz_arm_dep(djz_arm_ctx *c, djz_arm_res *r, const char *key)
{
    if (!djz_seen_add(&r->dep_set, c->a, key))
        return;
    r->deps =
        djz_arena_grow(c->a, r->deps, r->ndeps, &r->depcap, sizeof *r->deps);
    r->deps[r->ndeps++] = key;
}

const djz_ir_resource *djz_arm_ir(djz_arm_ctx *c, const char *type)
{
    for (size_t i = 0; i < c->e->nresources; i++)
        if (!strcmp(c->e->resources[i].type, type))
            return &c->e->resources[i];
    return NULL;
}

/* The last segment of a leaf ("default/static" -> "static"). */
static const char *last_segment(const char *leaf)
{
    const char *slash = strrchr(leaf, '/');
    return slash ? slash + 1 : leaf;
}

/* The segments of r's name as template values: the parent's, then the
 * fixed part of the leaf, then its last segment (a slot when named). */
static void segments(djz_arm_ctx *c, const djz_ir_resource *r, djz_json *out)
{
    if (r->parent != DJZ_IR_NONE)
        segments(c, &c->e->resources[r->parent], out);
    const char *last = last_segment(r->leaf);
    for (const char *p = r->leaf; p < last;) {
        const char *slash = strchr(p, '/');
        djz_json_push(c->a, out,
                      djz_json_str(c->a, djz_arena_strndup(
                                             c->a, p, (size_t)(slash - p))));
        p = slash + 1;
    }
    djz_json *v = djz_json_str(c->a, last);
    djz_json_push(
        c->a, out,
        r->param
            ? djz_arm_slot(c, r->param,
                           djz_arena_printf(c->a, "name of the %s", r->type), v)
            : v);
}

djz_json *djz_arm_name_of(djz_arm_ctx *c, const djz_ir_resource *r)
{
    djz_json segs = {.kind = DJZ_JSON_ARRAY};
    segments(c, r, &segs);
    djz_json *name = djz_json_concat(c->a);
    for (size_t i = 0; i < segs.n; i++) {
        if (i)
            djz_json_push(c->a, name, djz_json_str(c->a, "/"));
        djz_json_push(c->a, name, segs.items[i]);
    }
    return name;
}

djz_json *djz_arm_id_of(djz_arm_ctx *c, const djz_ir_resource *r)
{
    djz_json segs = {.kind = DJZ_JSON_ARRAY};
    segments(c, r, &segs);
    djz_json *id = djz_json_expr(c->a);
    djz_expr_raw(c->a, id, "resourceId(");
    djz_expr_lit(c->a, id, r->type);
    for (size_t i = 0; i < segs.n; i++) {
        djz_expr_raw(c->a, id, ", ");
        if (segs.items[i]->kind == DJZ_JSON_STRING)
            djz_expr_lit(c->a, id, segs.items[i]->text);
        else
            djz_expr_part(c->a, id, segs.items[i]);
    }
    djz_expr_raw(c->a, id, ")");
    return id;
}

djz_json *djz_arm_reference(djz_arm_ctx *c, const djz_ir_resource *r,
                            const char *rest)
{
    djz_json *e = djz_json_expr(c->a);
    djz_expr_raw(c->a, e, "reference(");
    djz_expr_part(c->a, e, djz_arm_id_of(c, r));
    djz_expr_raw(c->a, e, ", ");
    djz_expr_lit(c->a, e, djz_arm_api_version(r->type));
    djz_expr_raw(c->a, e, ")%s", rest);
    return e;
}

djz_arm_res *djz_arm_add_ir(djz_arm_ctx *c, const djz_ir_resource *r,
                            const char *feature)
{
    djz_arm_res *x = djz_arm_add(c, r->key, feature, r->type,
                                 djz_arm_name_of(c, r), djz_arm_id_of(c, r));
    for (size_t i = 0; i < r->ndeps; i++) {
        const djz_ir_resource *d = &c->e->resources[r->depends_on[i]];
        /* The resource group is the deployment's scope, not a resource
         * of the template. */
        if (strcmp(d->type, "Microsoft.Resources/resourceGroups"))
            djz_arm_dep(c, x, d->key);
    }
    return x;
}

djz_arm_res *djz_arm_add_tracked(djz_arm_ctx *c, const djz_ir_resource *r,
                                 const char *feature, const char *where)
{
    djz_arm_res *x = djz_arm_add_ir(c, r, feature);
    djz_json_set(c->a, x->body, "location",
                 where ? djz_json_str(c->a, where) : djz_arm_location(c));
    djz_json_set(c->a, x->body, "tags", djz_arm_tags(c));
    return x;
}

djz_json *djz_arm_around(djz_arm_ctx *c, const char *pre, const djz_json *name,
                         const char *post)
{
    djz_json *out = djz_json_concat(c->a);
    if (*pre)
        djz_json_push(c->a, out, djz_json_str(c->a, pre));
    for (size_t i = 0; i < name->n; i++)
        djz_json_push(c->a, out, name->items[i]);
    if (*post)
        djz_json_push(c->a, out, djz_json_str(c->a, post));
    return out;
}

djz_json *djz_arm_resource_id(djz_arm_ctx *c, const char *type, djz_json *name)
{
    djz_json *id = djz_json_expr(c->a);
    djz_expr_raw(c->a, id, "resourceId(");
    djz_expr_lit(c->a, id, type);
    djz_expr_raw(c->a, id, ", ");
    djz_expr_part(c->a, id, name);
    djz_expr_raw(c->a, id, ")");
    return id;
}

djz_json *djz_arm_location(djz_arm_ctx *c)
{
    const djz_ir_block *app = djz_ir_block_of(c->e, "app");
    return djz_arm_slot(c, "location", "Azure region of every resource",
                        djz_json_str(c->a, djz_arm_text(app, "region")));
}

djz_json *djz_arm_tags(djz_arm_ctx *c)
{
    djz_json *t = djz_json_object(c->a);
    t->map = true;
    const djz_ir_block *app = djz_ir_block_of(c->e, "app");
    djz_json_set_str(c->a, t, "application", app->label);
    djz_json_set(c->a, t, "environment",
                 djz_arm_slot(c, "environment", "the djaz environment deployed",
                              djz_json_str(c->a, c->e->name)));
    return t;
}

const char *djz_arm_text(const djz_ir_block *b, const char *attr)
{
    return djz_ir_text(b, attr);
}

bool djz_arm_on(const djz_ir_block *b, const char *attr)
{
    return djz_ir_on(b, attr);
}

long djz_arm_int(const djz_ir_block *b, const char *attr, long fallback)
{
    return djz_ir_int(b, attr, fallback);
}

const char *djz_arm_fact(djz_arm_ctx *c, const char *kind, const char *label,
                         const char *attr)
{
    return djz_ir_fact(c->ir->facts, kind, label, attr);
}

void djz_arm_add_secret(djz_arm_ctx *c, djz_arm_secret s)
{
    if (!djz_seen_add(&c->secret_set, c->a, s.keyvault_secret))
        return; /* the same in another environment */
    c->secrets = djz_arena_grow(c->a, c->secrets, c->nsecrets, &c->secretcap,
                                sizeof *c->secrets);
    c->secrets[c->nsecrets++] = s;
}

bool djz_arm_once(djz_arm_ctx *c, const djz_value *v)
{
    return djz_diag_first(c->sink, DJZ_CODE_NONE, v->src, v->span);
}

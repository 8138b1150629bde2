/* template.c - links the environments' resources into one template and
 * one parameters file per environment, and checks ARM's limits.
 *
 * Every environment is built on its own (context.h); then, key by key:
 * a resource missing from some environments gets a `condition`, a value
 * the environments agree on is written once, a slot whose environments
 * disagree becomes a parameter, a field only some environments' objects
 * have is null in the others, and a subtree of another shape (a map with
 * other keys, a list of another length) is chosen by the `environment`
 * parameter (SWITCH).  dependsOn is the union of the environments'
 * dependencies: ARM drops a dependency on a resource whose condition is
 * false. */
#include "context.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ARM's limits (learn.microsoft.com, "ARM template limits"). */
enum {
    MAX_TEMPLATE_BYTES = 4 * 1024 * 1024,
    MAX_PARAMETERS = 256,
    MAX_RESOURCES = 800,
    MAX_OUTPUTS = 64,
};

static djz_json *merge(djz_arm_ctx *c, djz_json **v, size_t n);

static djz_json *merge_children(djz_arm_ctx *c, djz_json **v, size_t n,
                                const djz_json *first)
{
    djz_json *out = first->kind == DJZ_JSON_OBJECT ? djz_json_object(c->a)
                                                   : djz_json_array(c->a);
    djz_json **col = djz_arena_alloc(c->a, n * sizeof *col);
    for (size_t j = 0; j < first->n; j++) {
        for (size_t i = 0; i < n; i++)
            col[i] = v[i] ? v[i]->items[j] : NULL;
        djz_json *m = merge(c, col, n);
        if (first->kind == DJZ_JSON_OBJECT)
            djz_json_append(c->a, out, first->keys[j], m);
        else
            djz_json_push(c->a, out, m);
    }
    return out;
}

static bool all_objects(djz_json **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] && v[i]->kind != DJZ_JSON_OBJECT)
            return false;
    return true;
}

/* Objects whose fields differ between environments: each field merged on
 * its own, null where an environment's object lacks it (ARM reads a null
 * property as one not given).  Not for maps, whose keys are data. */
static djz_json *merge_fields(djz_arm_ctx *c, djz_json **v, size_t n)
{
    djz_arena *a = c->a;
    djz_json *out = djz_json_object(a);
    djz_json **col = djz_arena_alloc(a, n * sizeof *col);
    djz_seen keys = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; v[i] && j < v[i]->n; j++) {
            const char *k = v[i]->keys[j];
            if (!djz_seen_add(&keys, a, k))
                continue;
            for (size_t e = 0; e < n; e++) {
                djz_json *x = v[e] ? djz_json_get(v[e], k) : NULL;
                col[e] = x ? x : v[e] ? djz_json_null(a) : NULL;
            }
            djz_json_append(a, out, k, merge(c, col, n));
        }
    return out;
}

/* The environments' values of one place in the template (NULL where an
 * environment has none) as one value. */
static djz_json *merge(djz_arm_ctx *c, djz_json **v, size_t n)
{
    const djz_json *first = NULL;
    bool same = true, shape = true;
    for (size_t i = 0; i < n; i++) {
        if (!v[i])
            continue;
        if (!first) {
            first = v[i];
            continue;
        }
        if (!djz_json_equal(first, v[i]))
            same = false;
        if (v[i]->kind != first->kind || v[i]->n != first->n)
            shape = false;
        else if (v[i]->kind == DJZ_JSON_OBJECT)
            for (size_t j = 0; j < first->n; j++)
                if (strcmp(first->keys[j], v[i]->keys[j]))
                    shape = false;
    }
    if (same)
        return (djz_json *)first;
    if (shape &&
        (first->kind == DJZ_JSON_OBJECT || first->kind == DJZ_JSON_ARRAY))
        return merge_children(c, v, n, first);
    if (first->kind == DJZ_JSON_OBJECT && !first->map && all_objects(v, n))
        return merge_fields(c, v, n);
    djz_json *sw = djz_json_array(c->a);
    sw->kind = DJZ_JSON_SWITCH;
    for (size_t i = 0; i < n; i++)
        djz_json_push(c->a, sw, v[i]);
    c->used_switch = true;
    return sw;
}

/* "db/firewall/office" -> "deployDbFirewallOffice" */
static const char *condition_name(djz_arm_ctx *c, const char *feature)
{
    char *s = djz_arena_alloc(c->a, strlen(feature) + 8);
    strcpy(s, "deploy");
    char *w = s + 6;
    bool up = true;
    for (const char *p = feature; *p; p++) {
        if (!isalnum((unsigned char)*p)) {
            up = true;
            continue;
        }
        *w++ = up ? (char)toupper((unsigned char)*p) : *p;
        up = false;
    }
    *w = '\0';
    return s;
}

typedef struct linked {
    const char *key;
    djz_arm_res **per_env; /* NULL where absent */
    djz_json *condition;
} linked;

static djz_arm_res *in_env(djz_arm_ctx *c, size_t env, const char *key)
{
    size_t *i = djz_index_find(&c->envs[env].by_key, key);
    return i ? c->envs[env].res[*i] : NULL;
}

static djz_json *resource(djz_arm_ctx *c, linked *l)
{
    djz_arena *a = c->a;
    size_t n = c->ir->nenvs;
    djz_arm_res *first = NULL;
    djz_json **names = djz_arena_alloc(a, n * sizeof *names);
    djz_json **bodies = djz_arena_alloc(a, n * sizeof *bodies);
    bool everywhere = true;
    for (size_t i = 0; i < n; i++) {
        djz_arm_res *r = l->per_env[i];
        names[i] = r ? r->name : NULL;
        bodies[i] = r ? r->body : NULL;
        if (r && !first)
            first = r;
        everywhere &= r != NULL;
    }
    djz_json *o = djz_json_object(a);
    djz_json_set_str(a, o, "type", first->type);
    djz_json_set_str(a, o, "apiVersion", first->api);
    djz_json_set(a, o, "name", merge(c, names, n));
    if (!everywhere) {
        /* One condition per feature (Front Door, the network...); a part
         * of it present in other environments than the rest gets its own. */
        const char *cond =
            condition_name(c, first->feature ? first->feature : first->key);
        djz_slot *s = djz_arm_find_slot(c, cond);
        for (size_t i = 0; s && i < n; i++)
            if (s->values[i] &&
                s->values[i]->boolean != (l->per_env[i] != NULL)) {
                cond = condition_name(c, first->key);
                break;
            }
        for (size_t i = 0; i < n; i++) {
            c->env = i;
            c->e = &c->ir->envs[i];
            djz_arm_slot(c, cond, "deploy this part in the environment",
                         djz_json_bool(a, l->per_env[i] != NULL));
        }
        djz_json *e = djz_json_expr(a);
        djz_expr_part(
            a, e,
            djz_arm_slot(c, cond, NULL,
                         djz_json_bool(a, l->per_env[n - 1] != NULL)));
        l->condition = e;
        djz_json_set(a, o, "condition", e);
    }
    djz_json *body = merge(c, bodies, n); /* bodies are records */
    for (size_t j = 0; j < body->n; j++)
        djz_json_append(a, o, body->keys[j], body->items[j]);

    /* dependsOn: the union, by the dependency's id. */
    djz_json *deps = djz_json_array(a);
    djz_seen keys = {0};
    for (size_t i = 0; i < n; i++) {
        djz_arm_res *r = l->per_env[i];
        for (size_t d = 0; r && d < r->ndeps; d++) {
            djz_arm_res *dep = in_env(c, i, r->deps[d]);
            if (dep && djz_seen_add(&keys, a, dep->key))
                djz_json_push(a, deps, dep->id);
        }
    }
    if (deps->n)
        djz_json_set(a, o, "dependsOn", deps);
    return o;
}

static const char *param_type(const djz_slot *s)
{
    if (s->secure)
        return "securestring";
    const djz_json *v = NULL;
    for (size_t i = 0; i < s->nvalues && !v; i++)
        v = s->values[i];
    switch (v ? v->kind : DJZ_JSON_STRING) {
    case DJZ_JSON_BOOL:
        return "bool";
    case DJZ_JSON_NUMBER:
        return "int";
    case DJZ_JSON_ARRAY:
        return "array";
    case DJZ_JSON_OBJECT:
        return "object";
    default:
        return "string";
    }
}

/* A value for an environment that lacks the slot (its resource is not
 * deployed there): the type's zero. */
static djz_json *zero(djz_arm_ctx *c, const char *type)
{
    if (!strcmp(type, "bool"))
        return djz_json_bool(c->a, false);
    if (!strcmp(type, "int"))
        return djz_json_int(c->a, 0);
    if (!strcmp(type, "array"))
        return djz_json_array(c->a);
    if (!strcmp(type, "object"))
        return djz_json_object(c->a);
    return djz_json_str(c->a, "");
}

static void decide_parameters(djz_arm_ctx *c)
{
    for (size_t i = 0; i < c->nslots; i++) {
        djz_slot *s = c->slots[i];
        const djz_json *first = NULL;
        bool differ = false;
        for (size_t e = 0; e < s->nvalues; e++) {
            if (!s->values[e])
                continue;
            if (!first)
                first = s->values[e];
            else if (!djz_json_equal(first, s->values[e]))
                differ = true;
        }
        s->parameter = s->secure || differ ||
                       (c->used_switch && !strcmp(s->name, "environment"));
    }
}

static djz_json *parameters(djz_arm_ctx *c, size_t *count)
{
    djz_arena *a = c->a;
    djz_json *ps = djz_json_object(a);
    *count = 0;
    for (size_t i = 0; i < c->nslots; i++) {
        djz_slot *s = c->slots[i];
        if (!s->parameter)
            continue;
        djz_json *p = djz_json_append(a, ps, s->name, djz_json_object(a));
        djz_json_set_str(a, p, "type", param_type(s));
        if (!strcmp(s->name, "environment")) {
            djz_json *allowed = djz_json_set_array(a, p, "allowedValues");
            for (size_t e = 0; e < c->ir->nenvs; e++)
                djz_json_push(a, allowed, djz_json_str(a, c->ir->envs[e].name));
        }
        if (s->description)
            djz_json_set_str(a, djz_json_set_object(a, p, "metadata"),
                             "description", s->description);
        ++*count;
    }
    return ps;
}

static djz_json *parameters_file(djz_arm_ctx *c, size_t env)
{
    djz_arena *a = c->a;
    djz_json *f = djz_json_object(a);
    djz_json_set_str(a, f, "$schema",
                     "https://schema.management.azure.com/schemas/2019-04-01/"
                     "deploymentParameters.json#");
    djz_json_set_str(a, f, "contentVersion", "1.0.0.0");
    djz_json *ps = djz_json_set_object(a, f, "parameters");
    for (size_t i = 0; i < c->nslots; i++) {
        djz_slot *s = c->slots[i];
        if (!s->parameter || s->secure)
            continue; /* secure values come with the deployment request */
        djz_json *v = s->values[env] ? s->values[env] : zero(c, param_type(s));
        djz_json_set(a, djz_json_append(a, ps, s->name, djz_json_object(a)),
                     "value", v);
    }
    return f;
}

/* The outputs the runtime reads, each from the first environment that
 * has its resource, with that resource's condition. */
static djz_json *outputs(djz_arm_ctx *c, linked *ls, size_t nl)
{
    static const struct {
        const char *name, *key, *rest;
        bool full;
    } wanted[] = {
        {"webAppName", "site", ".name", false},
        {"webAppHostName", "site", ".defaultHostName", false},
        {"webAppPrincipalId", "site", ".identity.principalId", true},
        {"databaseServerFqdn", "db", ".fullyQualifiedDomainName", false},
        {"blobEndpoint", "storage", ".primaryEndpoints.blob", false},
        {"frontDoorHostName", "cdn/endpoint", ".hostName", false},
        {"keyVaultUri", "vault", ".vaultUri", false},
    };
    /* djaz declares these outputs and no others. */
    _Static_assert(sizeof wanted / sizeof *wanted <= MAX_OUTPUTS,
                   "more outputs than ARM allows");
    djz_arena *a = c->a;
    djz_json *out = djz_json_object(a);
    for (size_t w = 0; w < sizeof wanted / sizeof *wanted; w++) {
        linked *l = NULL;
        for (size_t i = 0; i < nl && !l; i++)
            if (!strcmp(ls[i].key, wanted[w].key))
                l = &ls[i];
        if (!l)
            continue;
        size_t env = 0;
        while (!l->per_env[env])
            env++;
        c->env = env;
        c->e = &c->ir->envs[env];
        const djz_ir_resource *r = NULL;
        for (size_t i = 0; i < c->e->nresources && !r; i++)
            if (!strcmp(c->e->resources[i].key, wanted[w].key))
                r = &c->e->resources[i];
        djz_json *o = djz_json_set_object(a, out, wanted[w].name);
        if (l->condition)
            djz_json_set(a, o, "condition", l->condition);
        djz_json_set_str(a, o, "type", "string");
        djz_json *v;
        if (!strcmp(wanted[w].rest, ".name")) {
            v = djz_arm_name_of(c, r);
        } else if (wanted[w].full) {
            v = djz_json_expr(a);
            djz_expr_raw(a, v, "reference(");
            djz_expr_part(a, v, djz_arm_id_of(c, r));
            djz_expr_raw(a, v, ", '%s', 'Full')%s",
                         djz_arm_api_version(r->type), wanted[w].rest);
        } else {
            v = djz_arm_reference(c, r, wanted[w].rest);
        }
        djz_json_set(a, o, "value", v);
    }
    return out;
}

static void build_env(djz_arm_ctx *c, size_t i)
{
    c->env = i;
    c->e = &c->ir->envs[i];
    if (!djz_ir_block_of(c->e, "app"))
        return;
    djz_arm_build_monitoring(c);
    djz_arm_build_network(c);
    djz_arm_build_web(c);
    djz_arm_build_vault(c);
    djz_arm_build_database(c);
    djz_arm_build_storage(c);
    djz_arm_build_dashboard(c);
    djz_arm_build_settings(c);
}

static void limit(djz_arm_ctx *c, djz_code code, size_t have, size_t max,
                  const char *what, const char *help)
{
    if (have <= max)
        return;
    const djz_ir_block *app = djz_ir_block_of(&c->ir->envs[0], "app");
    djz_diag *d =
        djz_report(c->sink, code, app->src, app->span,
                   "the template has %zu %s; ARM allows %zu", have, what, max);
    djz_diag_help(c->sink, d, "%s", help);
}

bool djz_arm_build(djz_arena *a, djz_diag_sink *sink, const djz_ir *ir,
                   djz_arm *out)
{
    memset(out, 0, sizeof *out);
    if (!ir->nenvs)
        return false;
    size_t errors = sink->errors;
    djz_arm_ctx c = {.a = a, .sink = sink, .ir = ir};
    c.envs = djz_arena_alloc(a, ir->nenvs * sizeof *c.envs);
    memset(c.envs, 0, ir->nenvs * sizeof *c.envs);
    for (size_t i = 0; i < ir->nenvs; i++)
        build_env(&c, i);

    /* Keys in order of first appearance. */
    linked *ls = NULL;
    size_t nl = 0, cap = 0;
    djz_index seen = {0};
    for (size_t e = 0; e < ir->nenvs; e++)
        for (size_t i = 0; i < c.envs[e].n; i++) {
            const char *key = c.envs[e].res[i]->key;
            if (djz_index_find(&seen, key))
                continue;
            djz_index_put(&seen, a, key, nl);
            ls = djz_arena_grow(a, ls, nl, &cap, sizeof *ls);
            ls[nl].key = key;
            ls[nl].condition = NULL;
            ls[nl].per_env =
                djz_arena_alloc(a, ir->nenvs * sizeof(djz_arm_res *));
            for (size_t k = 0; k < ir->nenvs; k++)
                ls[nl].per_env[k] = in_env(&c, k, key);
            nl++;
        }
    djz_json *resources = djz_json_array(a);
    for (size_t i = 0; i < nl; i++)
        djz_json_push(a, resources, resource(&c, &ls[i]));
    djz_json *outs = outputs(&c, ls, nl);
    decide_parameters(&c);

    djz_json *t = djz_json_object(a);
    djz_json_set_str(a, t, "$schema",
                     "https://schema.management.azure.com/schemas/2019-04-01/"
                     "deploymentTemplate.json#");
    djz_json_set_str(a, t, "contentVersion", "1.0.0.0");
    djz_json *gen = djz_json_set_object(
        a, djz_json_set_object(a, t, "metadata"), "_generator");
    /* The generator's name, not its version: a release of djaz must not
     * change every template (support/version.h). */
    djz_json_set_str(a, gen, "name", "djaz");
    size_t nparams;
    djz_json_set(a, t, "parameters", parameters(&c, &nparams));
    djz_json_set(a, t, "resources", resources);
    djz_json_set(a, t, "outputs", outs);

    out->template_ = t;
    out->nenvs = ir->nenvs;
    out->parameters = djz_arena_alloc(a, ir->nenvs * sizeof *out->parameters);
    for (size_t e = 0; e < ir->nenvs; e++)
        out->parameters[e] = parameters_file(&c, e);
    out->secrets = c.secrets;
    out->nsecrets = c.nsecrets;
    out->env_names = djz_arena_alloc(a, ir->nenvs * sizeof *out->env_names);
    out->settings = djz_arena_alloc(a, ir->nenvs * sizeof *out->settings);
    for (size_t e = 0; e < ir->nenvs; e++) {
        out->env_names[e] = ir->envs[e].name;
        const djz_json *o = c.envs[e].settings;
        out->settings[e] = (djz_arm_settings){o ? o->keys : NULL, o ? o->n : 0};
    }

    djz_json_envs envs = {out->env_names, ir->nenvs};
    djz_json_write(&out->template_text, t, &envs);
    limit(&c, DJZ_TEMPLATE_TOO_LARGE, out->template_text.len,
          MAX_TEMPLATE_BYTES, "bytes",
          "app settings and firewall rules make most of it: keep bulky "
          "values out of settings");
    limit(&c, DJZ_TOO_MANY_PARAMETERS, nparams, MAX_PARAMETERS, "parameters",
          "each value that differs between environments is one: give "
          "settings the same value in every environment where you can");
    limit(&c, DJZ_TOO_MANY_RESOURCES, nl, MAX_RESOURCES, "resources",
          "each firewall rule is one: write address ranges "
          "(a.b.c.d-e.f.g.h) instead of single addresses");
    return sink->errors == errors;
}

void djz_arm_free(djz_arm *arm)
{
    djz_buf_free(&arm->template_text);
}

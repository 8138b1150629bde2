/* manifest.c - djaz.json (see manifest.h). */
#include "manifest.h"

#include <string.h>

#include "support/sha256.h"
#include "support/version.h"

/* Resource names by the role the runtime knows them by. */
static const struct {
    const char *role, *key;
} roles[] = {
    {"webApp", "site"},
    {"plan", "plan"},
    {"databaseServer", "db"},
    {"database", "db/database"},
    {"storageAccount", "storage"},
    {"keyVault", "vault"},
    {"frontDoor", "cdn"},
    {"frontDoorEndpoint", "cdn/endpoint"},
    {"insights", "insights"},
    {"workspace", "logs"},
};

static const djz_ir_resource *by_key(const djz_ir_env *e, const char *key)
{
    for (size_t i = 0; i < e->nresources; i++)
        if (!strcmp(e->resources[i].key, key))
            return &e->resources[i];
    return NULL;
}

static djz_json *environment(djz_arena *a, const djz_ir_env *e)
{
    djz_json *o = djz_json_object(a);
    djz_json_set_str(a, o, "name", e->name);
    const djz_value *branch = djz_ir_get(e->env, "branch");
    if (branch && branch->text)
        djz_json_set_str(a, o, "branch", branch->text);
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *rg = app ? djz_ir_get(app, "resource_group") : NULL;
    const djz_value *region = app ? djz_ir_get(app, "region") : NULL;
    djz_json_set_str(a, o, "resourceGroup", rg ? rg->text : "");
    djz_json_set_str(a, o, "location", region ? region->text : "");
    djz_json_set_str(a, o, "parameters",
                     djz_arena_printf(a, "arm/%s.parameters.json", e->name));
    djz_json *names = djz_json_set_object(a, o, "resources");
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        const djz_ir_resource *r = by_key(e, roles[i].key);
        if (r)
            djz_json_set_str(a, names, roles[i].role, r->leaf);
    }
    const djz_ir_block *st = djz_ir_block_of(e, "storage");
    const djz_value *cs = st ? djz_ir_get(st, "containers") : NULL;
    if (cs) {
        djz_json *c = djz_json_set_object(a, o, "containers");
        for (size_t i = 0; i < cs->n; i++)
            djz_json_set_str(a, c, cs->keys[i], cs->items[i]->text);
    }
    return o;
}

djz_json *djz_manifest(djz_arena *a, const djz_ir *ir, const djz_arm *arm,
                       djz_json *reads, const char *spec,
                       const djz_artifact *artifacts, size_t n)
{
    djz_json *m = djz_json_object(a);
    djz_json_set_int(a, m, "djazManifest", 1);
    djz_json_set_str(a, m, "generator",
                     djz_arena_printf(a, "djaz %s", djz_version));
    djz_json_set_str(a, m, "spec", spec);
    const djz_ir_block *app =
        ir->nenvs ? djz_ir_block_of(&ir->envs[0], "app") : NULL;
    djz_json_set_str(a, m, "application", app ? app->label : "");
    djz_json_set_str(a, m, "template", "arm/template.json");
    djz_json *envs = djz_json_set_array(a, m, "environments");
    for (size_t i = 0; i < ir->nenvs; i++)
        djz_json_push(a, envs, environment(a, &ir->envs[i]));

    djz_json *secrets = djz_json_set_array(a, m, "secrets");
    for (size_t i = 0; i < arm->nsecrets; i++) {
        const djz_arm_secret *s = &arm->secrets[i];
        djz_json *o = djz_json_push(a, secrets, djz_json_object(a));
        if (s->parameter)
            djz_json_set_str(a, o, "parameter", s->parameter);
        djz_json_set_str(a, o, "keyVaultSecret", s->keyvault_secret);
        djz_json_set_str(a, o, "source", s->source);
        if (s->length)
            djz_json_set_int(a, o, "length", s->length);
        if (s->setting)
            djz_json_set_str(a, o, "setting", s->setting);
    }

    if (reads)
        djz_json_set(a, m, "settingsReads", reads);

    djz_json *outs = djz_json_set_array(a, m, "outputs");
    const djz_json *to = djz_json_get(arm->template_, "outputs");
    for (size_t i = 0; to && i < to->n; i++)
        djz_json_push(a, outs, djz_json_str(a, to->keys[i]));

    djz_json *files = djz_json_set_array(a, m, "artifacts");
    for (size_t i = 0; i < n; i++) {
        char hex[65];
        djz_sha256_hex(artifacts[i].text.data, artifacts[i].text.len, hex);
        djz_json *f = djz_json_push(a, files, djz_json_object(a));
        djz_json_set_str(a, f, "path", artifacts[i].path);
        djz_json_set_int(a, f, "bytes", (long long)artifacts[i].text.len);
        djz_json_set_str(a, f, "sha256", djz_arena_strdup(a, hex));
    }
    return m;
}

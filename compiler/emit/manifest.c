/* manifest.c - djaz.json (see manifest.h): written from the IR and the
 * artifacts, and read back (with cJSON) when a build replaces an older
 * one. */
#include "manifest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "support/arena.h"
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
    djz_json_set(a, m, "spec", spec ? djz_json_str(a, spec) : djz_json_null(a));
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

/* ---- reading a previous build's manifest -------------------------------- */

/* One entry of "artifacts" into f; NULL, or what is wrong with it. */
static const char *read_artifact(const cJSON *item, djz_outdir_file *f)
{
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(item, "path");
    const cJSON *bytes = cJSON_GetObjectItemCaseSensitive(item, "bytes");
    const cJSON *sha = cJSON_GetObjectItemCaseSensitive(item, "sha256");
    memset(f, 0, sizeof *f);
    if (!cJSON_IsString(path) || !djz_outdir_path_ok(path->valuestring) ||
        !strcmp(path->valuestring, "djaz.json"))
        return "has no clean relative path";
    double b = cJSON_IsNumber(bytes) ? bytes->valuedouble : -1;
    if (b < 0 || b > 9007199254740992.0 || b != (double)(long long)b)
        return "has no size";
    if (!cJSON_IsString(sha) || strlen(sha->valuestring) != 64 ||
        strspn(sha->valuestring, "0123456789abcdef") != 64)
        return "has no SHA-256";
    f->path = djz_xmalloc(strlen(path->valuestring) + 1);
    strcpy(f->path, path->valuestring);
    f->bytes = (unsigned long long)b;
    memcpy(f->sha256, sha->valuestring, 65);
    return NULL;
}

static bool not_manifest(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool not_manifest(char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return false;
}

bool djz_manifest_read(const char *text, size_t len, djz_outdir_listing *out,
                       char *why, size_t whylen)
{
    memset(out, 0, sizeof *out);
    unsigned long failures = djz_alloc_cjson_failures();
    cJSON *m = cJSON_ParseWithLength(text, len);
    if (!m && djz_alloc_cjson_failures() != failures)
        djz_out_of_memory(); /* not the marker's fault */
    if (!m)
        return not_manifest(why, whylen, "it is not JSON");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(m, "djazManifest");
    const cJSON *arts = cJSON_GetObjectItemCaseSensitive(m, "artifacts");
    bool ok = cJSON_IsNumber(v) && v->valuedouble == 1 && cJSON_IsArray(arts);
    if (!ok)
        not_manifest(why, whylen,
                     "it has no \"djazManifest\": 1 and \"artifacts\"");
    size_t n = ok ? (size_t)cJSON_GetArraySize(arts) : 0;
    out->files = n ? djz_xmalloc(n * sizeof *out->files) : NULL;
    const cJSON *item;
    size_t i = 0;
    cJSON_ArrayForEach(item, arts)
    {
        const char *bad = ok ? read_artifact(item, &out->files[i]) : NULL;
        if (bad)
            ok = not_manifest(why, whylen, "artifact %zu %s", i + 1, bad);
        if (!ok)
            break;
        out->n = ++i;
    }
    cJSON_Delete(m);
    if (ok && !djz_outdir_listing_sort(out))
        ok = not_manifest(why, whylen, "it lists a path twice");
    if (!ok)
        djz_outdir_listing_free(out);
    return ok;
}

/* settings.c - the app settings: the environment variables the generated
 * Django settings read, each wired to the resource that produces it.
 *
 *   DEBUG, DJANGO_HOST                 the app block, the site's host
 *   SECRET_KEY and other secrets       Key Vault references
 *   DJANGO_DATABASE_SERVER, _NAME,     the PostgreSQL server and database;
 *   _USER, _PASSWORD                   the password a Key Vault reference
 *   AZURE_ACCOUNT_NAME, _ACCOUNT_KEY,  the storage account (its key copied
 *   AZURE_<ROLE>_CONTAINER,            into Key Vault by the template), its
 *   AZURE_CUSTOM_DOMAIN                containers, Front Door or the blobs
 *   APPLICATIONINSIGHTS_CONNECTION_STRING  Application Insights
 *   SCM_DO_BUILD_DURING_DEPLOYMENT     App Service builds requirements.txt
 *   GUNICORN_WORKERS, _THREADS         from the plan's cores (server.h)
 *
 * A `setting` of the spec is added as written; one that names a variable
 * djaz wires is an error (DJZ4006): two sources for one value. */
#include "context.h"
#include "emit/python/server.h"

#include <ctype.h>
#include <string.h>

static void set(djz_arm_ctx *c, djz_json *o, const char *name, djz_json *v)
{
    djz_json_set(c->a, o, name, v);
}

static djz_json *str(djz_arm_ctx *c, const char *s)
{
    return djz_json_str(c->a, s);
}

static void database(djz_arm_ctx *c, djz_json *o, djz_arm_res *r)
{
    const djz_ir_resource *srv =
        djz_arm_ir(c, "Microsoft.DBforPostgreSQL/flexibleServers");
    const djz_ir_resource *db =
        djz_arm_ir(c, "Microsoft.DBforPostgreSQL/flexibleServers/databases");
    if (!srv || !db)
        return;
    set(c, o, "DJANGO_DATABASE_SERVER",
        djz_arm_reference(c, srv, ".fullyQualifiedDomainName"));
    set(c, o, "DJANGO_DATABASE_NAME",
        djz_arm_slot(c, db->param, NULL, str(c, db->leaf)));
    set(c, o, "DJANGO_DATABASE_USER", djz_arm_admin_login(c));
    set(c, o, "DJANGO_DATABASE_PASSWORD",
        djz_arm_keyvault_ref(c, "database-password"));
    djz_arm_dep(c, r, db->key);
    djz_arm_dep(c, r, "vault/secret/database-password");
}

static void storage(djz_arm_ctx *c, djz_json *o, djz_arm_res *r)
{
    const djz_ir_resource *acct =
        djz_arm_ir(c, "Microsoft.Storage/storageAccounts");
    if (!acct)
        return;
    set(c, o, "AZURE_ACCOUNT_NAME", djz_arm_name_of(c, acct));
    set(c, o, "AZURE_ACCOUNT_KEY",
        djz_arm_keyvault_ref(c, "storage-account-key"));
    djz_arm_dep(c, r, "vault/secret/storage-account-key");
    for (size_t i = 0; i < c->e->nresources; i++) {
        const djz_ir_resource *x = &c->e->resources[i];
        if (strcmp(x->type,
                   "Microsoft.Storage/storageAccounts/blobServices/containers"))
            continue;
        /* key "storage/container/ROLE" */
        const char *role = strrchr(x->key, '/') + 1;
        char *var = djz_arena_printf(c->a, "AZURE_%s_CONTAINER", role);
        for (char *p = var; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        set(c, o, var,
            djz_arm_slot(c, x->param, NULL, str(c, strrchr(x->leaf, '/') + 1)));
        djz_arm_dep(c, r, x->key);
    }
    const djz_ir_resource *ep =
        djz_arm_ir(c, "Microsoft.Cdn/profiles/afdEndpoints");
    if (ep) {
        set(c, o, "AZURE_CUSTOM_DOMAIN", djz_arm_reference(c, ep, ".hostName"));
        djz_arm_dep(c, r, ep->key);
    } else {
        djz_json *host = djz_json_expr(c->a);
        djz_expr_raw(c->a, host, "format('{0}.blob.{1}', ");
        djz_expr_part(c->a, host, djz_arm_name_of(c, acct));
        djz_expr_raw(c->a, host, ", environment().suffixes.storage)");
        set(c, o, "AZURE_CUSTOM_DOMAIN", host);
    }
}

static const djz_ir_block *secret_named(const djz_ir_block *app,
                                        const char *name)
{
    for (size_t i = 0; i < app->nchildren; i++)
        if (!strcmp(app->children[i]->schema->kind, "secret") &&
            !strcmp(app->children[i]->label, name))
            return app->children[i];
    return NULL;
}

/* Reports a spec name that would replace a wired variable. */
static void clash(djz_arm_ctx *c, const djz_value *at, djz_source *src,
                  djz_span span, const char *name)
{
    if (!djz_arm_once(c, at))
        return;
    djz_diag *d =
        djz_report(c->sink, DJZ_WIRED_SETTING, src, span,
                   "`%s` is set by djaz; this would replace it", name);
    djz_diag_help(c->sink, d,
                  "rename it: djaz wires `%s` to the resource that "
                  "produces it",
                  name);
}

djz_json *djz_arm_app_settings(djz_arm_ctx *c, djz_arm_res *r)
{
    djz_arena *a = c->a;
    djz_json *o = djz_json_object(a);
    o->map = true;
    const djz_ir_block *app = djz_ir_block_of(c->e, "app");
    bool debug = djz_arm_on(app, "debug");
    set(c, o, "DEBUG",
        djz_arm_slot(c, "djangoDebug", "Django's DEBUG",
                     str(c, debug ? "True" : "False")));
    set(c, o, "DJANGO_HOST",
        djz_arm_around(c, "",
                       djz_arm_name_of(c, djz_arm_ir(c, "Microsoft.Web/sites")),
                       ".azurewebsites.net"));
    set(c, o, "SCM_DO_BUILD_DURING_DEPLOYMENT", str(c, "true"));
    /* startup.sh reads gunicorn's workers and threads from these. */
    djz_server srv;
    djz_server_of(c->e, &srv);
    set(c, o, "GUNICORN_WORKERS",
        djz_arm_slot(c, "gunicornWorkers", "gunicorn workers (startup.sh)",
                     str(c, djz_arena_printf(a, "%ld", srv.workers))));
    set(c, o, "GUNICORN_THREADS",
        djz_arm_slot(c, "gunicornThreads", "threads per gunicorn worker",
                     str(c, djz_arena_printf(a, "%ld", srv.threads))));
    if (djz_arm_find(c, "vault/reader"))
        djz_arm_dep(c, r, "vault/reader");
    database(c, o, r);
    storage(c, o, r);
    const djz_ir_resource *ai = djz_arm_ir(c, "Microsoft.Insights/components");
    if (ai) {
        set(c, o, "APPLICATIONINSIGHTS_CONNECTION_STRING",
            djz_arm_reference(c, ai, ".ConnectionString"));
        djz_arm_dep(c, r, ai->key);
    }

    /* The variables djaz wires; the spec's secrets and settings may not
     * name one (the binder already refuses two of one name). */
    djz_index wired = {0};
    for (size_t i = 0; i < o->n; i++)
        djz_index_put(&wired, a, o->keys[i], i);

    for (size_t i = 0; i < app->nchildren; i++) {
        const djz_ir_block *b = app->children[i];
        if (strcmp(b->schema->kind, "secret"))
            continue;
        if (djz_index_find(&wired, b->label)) {
            djz_value at = {.src = b->src, .span = b->span};
            clash(c, &at, b->src, b->span, b->label);
            continue;
        }
        const char *kv = djz_arm_secret_name(c, b);
        djz_index_put(&wired, a, b->label, o->n);
        djz_json_append(a, o, b->label, djz_arm_keyvault_ref(c, kv));
        if (!djz_arm_text(b, "keyvault_secret"))
            djz_arm_dep(c, r, djz_arena_printf(a, "vault/secret/%s", kv));
    }

    for (size_t i = 0; i < app->nattrs; i++) {
        const djz_ir_attr *at = &app->attrs[i];
        if (strcmp(at->name, "setting") || !at->value->text)
            continue;
        if (djz_index_find(&wired, at->label)) {
            const djz_ir_block *sec = secret_named(app, at->label);
            if (!sec)
                clash(c, at->value, at->value->src, at->value->span, at->label);
            else if (djz_arm_once(c, at->value)) {
                djz_diag *d = djz_report(c->sink, DJZ_DUPLICATE_ATTRIBUTE,
                                         at->value->src, at->value->span,
                                         "`%s` is both a setting and a secret",
                                         at->label);
                djz_diag_note(c->sink, d, sec->src, sec->span,
                              "the secret is declared here");
                djz_diag_help(c->sink, d, "keep one of them");
            }
            continue;
        }
        djz_json_append(
            a, o, at->label,
            djz_arm_slot(c, djz_arena_printf(a, "setting_%s", at->label),
                         djz_arena_printf(a, "app setting %s", at->label),
                         str(c, at->value->text)));
    }
    return o;
}

/* vault.c - Key Vault: the secrets of the application, and the site's
 * right to read them.
 *
 * A secret's value is never in an artifact.  Values the application
 * generates (SECRET_KEY, the database password) and values CI holds are
 * securestring parameters without defaults: `djaz apply` reads the
 * current value from the vault, or generates one on the first
 * deployment, and passes it with the deployment request, so a generated
 * value stays the same across redeployments.  The site reads each secret
 * through a Key Vault reference app setting, resolved by its system-
 * assigned identity, which holds the "Key Vault Secrets User" role on the
 * vault (RBAC, no access policies). */
#include "context.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Key Vault Secrets User, a built-in role. */
static const char secrets_user_role[] = "4633458b-17de-408a-b874-0445c86b69e6";

const char *djz_arm_secret_name(djz_arm_ctx *c, const djz_ir_block *secret)
{
    const char *existing = djz_arm_text(secret, "keyvault_secret");
    if (existing)
        return existing;
    char *s = djz_arena_strdup(c->a, secret->label);
    for (char *p = s; *p; p++)
        *p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
    return s;
}

djz_json *djz_arm_keyvault_ref(djz_arm_ctx *c, const char *secret)
{
    const djz_ir_resource *v = djz_arm_ir(c, "Microsoft.KeyVault/vaults");
    return djz_arm_around(
        c, "@Microsoft.KeyVault(VaultName=", djz_arm_name_of(c, v),
        djz_arena_printf(c->a, ";SecretName=%s)", secret));
}

const char *djz_arm_vault_secret(djz_arm_ctx *c, const char *secret,
                                 djz_json *value, const char *after_key)
{
    const djz_ir_resource *v = djz_arm_ir(c, "Microsoft.KeyVault/vaults");
    djz_ir_resource child = {
        .type = "Microsoft.KeyVault/vaults/secrets",
        .parent = (size_t)(v - c->e->resources),
        .leaf = secret,
    };
    const char *key = djz_arena_printf(c->a, "vault/secret/%s", secret);
    djz_arm_res *r =
        djz_arm_add(c, key, "vault", child.type, djz_arm_name_of(c, &child),
                    djz_arm_id_of(c, &child));
    djz_arm_dep(c, r, v->key);
    if (after_key)
        djz_arm_dep(c, r, after_key);
    djz_json *p = djz_json_set_object(c->a, r->body, "properties");
    djz_json_set(c->a, p, "value", value);
    djz_json_set_str(c->a, p, "contentType", "text/plain");
    return key;
}

/* The secrets of the app block: SECRET_KEY and the like. */
/* The Key Vault secrets djaz keeps for itself. */
static const char *const reserved[] = {"database-password",
                                       "storage-account-key"};

/* Whether the secret's Key Vault name is free; reports it when not (two
 * names that differ only in case or `_`, or one of djaz's own). */
static bool claim(djz_arm_ctx *c, djz_index *names, const djz_ir_block *s,
                  const char *kv)
{
    char *lower = djz_arena_strdup(c->a, kv);
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p); /* Key Vault ignores case */
    size_t *owner = djz_index_find(names, lower);
    if (!owner) {
        djz_index_put(names, c->a, lower, (size_t)(uintptr_t)s);
        return true;
    }
    djz_value at = {.src = s->src, .span = s->span};
    if (djz_arm_once(c, &at)) {
        const djz_ir_block *other = (const djz_ir_block *)(uintptr_t)*owner;
        djz_diag *d = djz_report(
            c->sink, DJZ_KEYVAULT_NAME_CLASH, s->src, s->span,
            "secret `%s` would be kept as Key Vault secret `%s`, %s", s->label,
            kv, other ? "as another secret is" : "a name djaz uses itself");
        if (other)
            djz_diag_note(c->sink, d, other->src, other->span,
                          "the other secret is declared here");
        djz_diag_help(c->sink, d,
                      "rename the secret, or give it `keyvault_secret = "
                      "\"NAME\"` with `from = keyvault`");
    }
    return false;
}

static void app_secrets(djz_arm_ctx *c, const djz_ir_block *app)
{
    djz_index names = {0};
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        djz_index_put(&names, c->a, reserved[i], 0);
    for (size_t i = 0; i < app->nchildren; i++) {
        const djz_ir_block *s = app->children[i];
        if (strcmp(s->schema->kind, "secret"))
            continue;
        const char *from = djz_arm_text(s, "from");
        const char *existing = djz_arm_text(s, "keyvault_secret");
        if (!from)
            from = existing ? "keyvault" : "generate";
        djz_arm_secret sec = {
            .keyvault_secret = djz_arm_secret_name(c, s),
            .source = from,
            .length = djz_arm_int(s, "generate", 50),
            .setting = s->label,
        };
        if (!claim(c, &names, s, sec.keyvault_secret))
            continue;
        if (strcmp(from, "keyvault")) {
            sec.parameter = djz_arena_printf(c->a, "secret_%s", s->label);
            djz_json *value = djz_arm_secure(
                c, sec.parameter,
                djz_arena_printf(c->a,
                                 "%s: supplied by djaz apply, never in a file",
                                 s->label));
            djz_json *e = djz_json_expr(c->a);
            djz_expr_part(c->a, e, value);
            djz_arm_vault_secret(c, sec.keyvault_secret, e, NULL);
        } else {
            sec.length = 0;
        }
        djz_arm_add_secret(c, sec);
    }
}

void djz_arm_build_vault(djz_arm_ctx *c)
{
    const djz_ir_resource *v = djz_arm_ir(c, "Microsoft.KeyVault/vaults");
    if (!v)
        return;
    djz_arena *a = c->a;
    djz_arm_res *r = djz_arm_add_tracked(c, v, "vault", NULL);
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json *tenant = djz_json_expr(a);
    djz_expr_raw(a, tenant, "subscription().tenantId");
    djz_json_set(a, p, "tenantId", tenant);
    djz_json *sku = djz_json_set_object(a, p, "sku");
    djz_json_set_str(a, sku, "family", "A");
    djz_json_set_str(a, sku, "name", "standard");
    djz_json_set_bool(a, p, "enableRbacAuthorization", true);
    djz_json_set_bool(a, p, "enableSoftDelete", true);
    djz_json_set_int(a, p, "softDeleteRetentionInDays", 90);
    djz_json_set_bool(a, p, "enablePurgeProtection", true);
    djz_json_set_str(a, p, "publicNetworkAccess", "Enabled");
    app_secrets(c, djz_ir_block_of(c->e, "app"));

    /* The site's identity may read secrets. */
    const djz_ir_resource *site = djz_arm_ir(c, "Microsoft.Web/sites");
    djz_json *name = djz_json_expr(a);
    djz_expr_raw(a, name, "guid(");
    djz_expr_part(a, name, djz_arm_id_of(c, v));
    djz_expr_raw(a, name, ", ");
    djz_expr_part(a, name, djz_arm_id_of(c, site));
    djz_expr_raw(a, name, ", '%s')", secrets_user_role);
    djz_json *id = djz_json_expr(a);
    djz_expr_raw(a, id, "extensionResourceId(");
    djz_expr_part(a, id, djz_arm_id_of(c, v));
    djz_expr_raw(a, id, ", 'Microsoft.Authorization/roleAssignments', ");
    djz_expr_part(a, id, name);
    djz_expr_raw(a, id, ")");
    djz_arm_res *ra =
        djz_arm_add(c, "vault/reader", "vault",
                    "Microsoft.Authorization/roleAssignments", name, id);
    djz_arm_dep(c, ra, v->key);
    djz_arm_dep(c, ra, site->key);
    /* An extension resource's scope: the vault, by type and name. */
    djz_json_set(a, ra->body, "scope",
                 djz_arm_around(c, "Microsoft.KeyVault/vaults/",
                                djz_arm_name_of(c, v), ""));
    p = djz_json_set_object(a, ra->body, "properties");
    djz_json *role = djz_json_expr(a);
    djz_expr_raw(a, role,
                 "subscriptionResourceId('Microsoft.Authorization/"
                 "roleDefinitions', '%s')",
                 secrets_user_role);
    djz_json_set(a, p, "roleDefinitionId", role);
    djz_json *principal = djz_json_expr(a);
    djz_expr_raw(a, principal, "reference(");
    djz_expr_part(a, principal, djz_arm_id_of(c, site));
    djz_expr_raw(a, principal, ", '%s', 'Full').identity.principalId",
                 djz_arm_api_version(site->type));
    djz_json_set(a, p, "principalId", principal);
    djz_json_set_str(a, p, "principalType", "ServicePrincipal");
}

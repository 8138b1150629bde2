/* hardening.c - the article's security tables, as lint rules.
 *
 * Each row: a block, an attribute, what makes its value unsafe, the risk
 * in one clause and the fix.  The hardened preset sets every one of them
 * safely; these fire when a spec (or a preset of its own) turns one off. */
#include "rules.h"

#include <string.h>

static bool is_on(const djz_value *v)
{
    return v->kind == DJZ_VAL_BOOL && v->boolean;
}

static bool is_off(const djz_value *v)
{
    return v->kind == DJZ_VAL_BOOL && !v->boolean;
}

static bool not_disabled(const djz_value *v)
{
    return v->text && strcmp(v->text, "disabled") != 0;
}

static bool below_tls12(const djz_value *v)
{
    return v->text && (!strcmp(v->text, "1.0") || !strcmp(v->text, "1.1"));
}

static bool is_publish_profile(const djz_value *v)
{
    return v->text && strcmp(v->text, "publish_profile") == 0;
}

typedef struct flag_rule {
    djz_code code;
    const char *block, *attr;
    bool (*unsafe)(const djz_value *);
    const char *risk, *fix;
} flag_rule;

static const flag_rule flag_rules[] = {
    {DJZ_FTP_ENABLED, "app.site", "ftps_state", not_disabled,
     "FTP is one more way to change the running code, and plain FTP sends "
     "credentials in clear text",
     "set `ftps_state = disabled`"},
    {DJZ_REMOTE_DEBUGGING, "app.site", "remote_debugging", is_on,
     "a debugger can attach to the running application over the network",
     "set `remote_debugging = off`"},
    {DJZ_HTTP_ALLOWED, "app.site", "https_only", is_off,
     "cookies, sessions and form data can travel over plain HTTP",
     "set `https_only = on`"},
    {DJZ_WEAK_TLS, "app.site", "min_tls_version", below_tls12,
     "clients may use TLS 1.0 or 1.1, which are deprecated and weak",
     "set `min_tls_version = \"1.2\"`"},
    {DJZ_BASIC_AUTH_PUBLISHING, "app.site", "basic_auth_publishing", is_on,
     "a long-lived publishing password can deploy code",
     "set `basic_auth_publishing = off` and deploy with OIDC"},
    {DJZ_POSTGRES_TLS_OPTIONAL, "database", "require_secure_transport", is_off,
     "passwords and data can cross the network unencrypted",
     "set `require_secure_transport = on`"},
    {DJZ_AZURE_SERVICES_ALLOWED, "database", "allow_azure_services", is_on,
     "any server on Azure, whoever owns it, can reach the database and try "
     "its password",
     "set `allow_azure_services = off` and list the addresses in "
     "`firewall`"},
    {DJZ_THREAT_PROTECTION_OFF, "database", "threat_protection", is_off,
     "unusual access to the database goes unnoticed",
     "set `threat_protection = on`"},
    {DJZ_HTTP_ALLOWED, "storage", "https_only", is_off,
     "blobs can be read and written over plain HTTP", "set `https_only = on`"},
    {DJZ_WEAK_TLS, "storage", "min_tls_version", below_tls12,
     "clients may use TLS 1.0 or 1.1, which Azure Storage no longer accepts",
     "set `min_tls_version = \"1.2\"`"},
    {DJZ_PUBLISH_PROFILE_AUTH, "ci", "auth", is_publish_profile,
     "a long-lived password signs in, and it stops working once basic-auth "
     "publishing is off",
     "set `auth = oidc`"},
};

static void check_flag(djz_lint_ctx *l, const djz_ir_env *e, const flag_rule *r)
{
    const djz_ir_block **blocks =
        djz_arena_alloc(l->a, sizeof *blocks * (e->nblocks + 1));
    size_t n = djz_lint_blocks(e, r->block, blocks, e->nblocks);
    for (size_t i = 0; i < n; i++) {
        const djz_value *v = djz_ir_get(blocks[i], r->attr);
        if (!v || !r->unsafe(v))
            continue;
        djz_diag *d =
            djz_lint_report(l, r->code, v->src, v->span, "`%s` is %s: %s",
                            r->attr, djz_lint_text(v), r->risk);
        if (d)
            djz_lint_help(l, d, r->code, r->fix);
    }
}

/* Public read only for static files and media, as the article sets. */
static void check_public(djz_lint_ctx *l, const djz_ir_env *e)
{
    const djz_ir_block **blocks =
        djz_arena_alloc(l->a, sizeof *blocks * (e->nblocks + 1));
    size_t n = djz_lint_blocks(e, "storage", blocks, e->nblocks);
    for (size_t i = 0; i < n; i++) {
        const djz_value *pub = djz_ir_get(blocks[i], "public");
        for (size_t k = 0; pub && pub->kind == DJZ_VAL_LIST && k < pub->n;
             k++) {
            const djz_value *c = pub->items[k];
            if (!strcmp(c->text, "static") || !strcmp(c->text, "media"))
                continue;
            djz_diag *d = djz_lint_report(
                l, DJZ_PUBLIC_CONTAINER, c->src, c->span,
                "container `%s` is public: anyone can list and read its "
                "blobs",
                c->text);
            if (d)
                djz_lint_help(l, d, DJZ_PUBLIC_CONTAINER,
                              "keep only static and media public");
        }
    }
}

void djz_rules_hardening(djz_lint_ctx *l, const djz_ir_env *e)
{
    for (size_t i = 0; i < sizeof flag_rules / sizeof flag_rules[0]; i++)
        check_flag(l, e, &flag_rules[i]);
    check_public(l, e);
}

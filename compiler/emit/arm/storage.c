/* storage.c - Blob Storage for static and media files, and Front Door
 * Standard in front of it (the article's CDN; CDN classic takes no new
 * profiles): the account, its containers (public read of blobs only where
 * the spec asks), the account key copied into Key Vault for the site, and
 * the profile, endpoint, origin group, origin, route and the article's
 * rule: bypass the cache when a request says `Cache-Control: no-cache`. */
#include "context.h"

#include <string.h>

static bool is_public(const djz_ir_block *st, const char *role)
{
    const djz_value *pub = djz_ir_get(st, "public");
    for (size_t i = 0; pub && i < pub->n; i++)
        if (pub->items[i]->text && !strcmp(pub->items[i]->text, role))
            return true;
    return false;
}

static void account(djz_arm_ctx *c, const djz_ir_resource *ir)
{
    djz_arena *a = c->a;
    const djz_ir_block *st = ir->block;
    const char *sku = djz_arm_text(st, "sku");
    const djz_value *pub = djz_ir_get(st, "public");
    djz_arm_res *r = djz_arm_add_tracked(c, ir, NULL, NULL);
    djz_json_set_str(a, r->body, "kind", "StorageV2");
    djz_json_set(a, djz_json_set_object(a, r->body, "sku"), "name",
                 djz_arm_slot(c, "storageSku", "storage redundancy",
                              djz_json_str(a, sku ? sku : "Standard_LRS")));
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_set_str(a, p, "accessTier", "Hot");
    const char *tls = djz_arm_text(st, "min_tls_version");
    djz_json_set_str(a, p, "minimumTlsVersion",
                     tls && !strcmp(tls, "1.3")   ? "TLS1_3"
                     : tls && !strcmp(tls, "1.1") ? "TLS1_1"
                     : tls && !strcmp(tls, "1.0") ? "TLS1_0"
                                                  : "TLS1_2");
    djz_json_set_bool(a, p, "supportsHttpsTrafficOnly",
                      djz_arm_on(st, "https_only"));
    djz_json_set_bool(a, p, "allowBlobPublicAccess", pub && pub->n);
    /* django-storages signs with the account key (kept in Key Vault). */
    djz_json_set_bool(a, p, "allowSharedKeyAccess", true);
    djz_json_set_str(a, p, "publicNetworkAccess", "Enabled");

    for (size_t i = 0; i < c->e->nresources; i++) {
        const djz_ir_resource *x = &c->e->resources[i];
        if (x->parent != (size_t)(ir - c->e->resources) ||
            strcmp(x->type,
                   "Microsoft.Storage/storageAccounts/blobServices/containers"))
            continue;
        djz_arm_res *cr = djz_arm_add_ir(c, x, x->key);
        const char *role = strrchr(x->key, '/') + 1;
        djz_json_set_str(a, djz_json_set_object(a, cr->body, "properties"),
                         "publicAccess", is_public(st, role) ? "Blob" : "None");
    }

    djz_json *key = djz_json_expr(a);
    djz_expr_raw(a, key, "listKeys(");
    djz_expr_part(a, key, djz_arm_id_of(c, ir));
    djz_expr_raw(a, key, ", '%s').keys[0].value",
                 djz_arm_api_version(ir->type));
    djz_arm_vault_secret(c, "storage-account-key", key, ir->key);
}

static djz_arm_res *fd(djz_arm_ctx *c, const char *type)
{
    const djz_ir_resource *x = djz_arm_ir(c, type);
    return djz_arm_add_ir(c, x, "frontDoor");
}

static void front_door(djz_arm_ctx *c, const djz_ir_resource *acct)
{
    djz_arena *a = c->a;
    const djz_ir_resource *prof = djz_arm_ir(c, "Microsoft.Cdn/profiles");
    if (!prof)
        return;
    djz_arm_res *r = djz_arm_add_tracked(c, prof, "frontDoor", "global");
    djz_json_set_str(a, djz_json_set_object(a, r->body, "sku"), "name",
                     "Standard_AzureFrontDoor");
    djz_json_set_int(a, djz_json_set_object(a, r->body, "properties"),
                     "originResponseTimeoutSeconds", 60);

    r = djz_arm_add_tracked(
        c, djz_arm_ir(c, "Microsoft.Cdn/profiles/afdEndpoints"), "frontDoor",
        "global");
    djz_json_set_str(a, djz_json_set_object(a, r->body, "properties"),
                     "enabledState", "Enabled");

    r = fd(c, "Microsoft.Cdn/profiles/originGroups");
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json *lb = djz_json_set_object(a, p, "loadBalancingSettings");
    djz_json_set_int(a, lb, "sampleSize", 4);
    djz_json_set_int(a, lb, "successfulSamplesRequired", 3);
    djz_json_set_int(a, lb, "additionalLatencyInMilliseconds", 50);
    djz_json_set_str(a, p, "sessionAffinityState", "Disabled");

    /* The blob endpoint's host, in whichever Azure cloud. */
    djz_json *host = djz_json_expr(a);
    djz_expr_raw(a, host, "format('{0}.blob.{1}', ");
    djz_expr_part(a, host, djz_arm_name_of(c, acct));
    djz_expr_raw(a, host, ", environment().suffixes.storage)");
    r = fd(c, "Microsoft.Cdn/profiles/originGroups/origins");
    p = djz_json_set_object(a, r->body, "properties");
    djz_json_set(a, p, "hostName", host);
    djz_json_set(a, p, "originHostHeader", host);
    djz_json_set_int(a, p, "httpPort", 80);
    djz_json_set_int(a, p, "httpsPort", 443);
    djz_json_set_int(a, p, "priority", 1);
    djz_json_set_int(a, p, "weight", 1000);
    djz_json_set_str(a, p, "enabledState", "Enabled");
    djz_json_set_bool(a, p, "enforceCertificateNameCheck", true);

    const djz_ir_resource *rs =
        djz_arm_ir(c, "Microsoft.Cdn/profiles/ruleSets");
    bool bypass = rs != NULL; /* the spec's cdn_bypass_no_cache */
    if (bypass) {
        /* The rule is its own part: on where cdn_bypass_no_cache is. */
        r = djz_arm_add_ir(c, rs, "noCacheRule");
        djz_json_set_object(a, r->body, "properties"); /* required, empty */
        djz_ir_resource rule = {
            .type = "Microsoft.Cdn/profiles/ruleSets/rules",
            .parent = (size_t)(rs - c->e->resources),
            .leaf = "bypassOnNoCache",
        };
        r = djz_arm_add(c, "cdn/rules/bypass", "noCacheRule", rule.type,
                        djz_arm_name_of(c, &rule), djz_arm_id_of(c, &rule));
        djz_arm_dep(c, r, rs->key);
        p = djz_json_set_object(a, r->body, "properties");
        djz_json_set_int(a, p, "order", 1);
        djz_json *cond = djz_json_push(
            a, djz_json_set_array(a, p, "conditions"), djz_json_object(a));
        djz_json_set_str(a, cond, "name", "RequestHeader");
        djz_json *cp = djz_json_set_object(a, cond, "parameters");
        djz_json_set_str(a, cp, "typeName",
                         "DeliveryRuleRequestHeaderConditionParameters");
        djz_json_set_str(a, cp, "operator", "Contains");
        djz_json_set_str(a, cp, "selector", "Cache-Control");
        djz_json_set_bool(a, cp, "negateCondition", false);
        djz_json_push(a, djz_json_set_array(a, cp, "matchValues"),
                      djz_json_str(a, "no-cache"));
        djz_json_push(a, djz_json_set_array(a, cp, "transforms"),
                      djz_json_str(a, "Lowercase"));
        djz_json *act = djz_json_push(a, djz_json_set_array(a, p, "actions"),
                                      djz_json_object(a));
        /* Without a cacheConfiguration the override turns caching off. */
        djz_json_set_str(a, act, "name", "RouteConfigurationOverride");
        djz_json_set_str(
            a, djz_json_set_object(a, act, "parameters"), "typeName",
            "DeliveryRuleRouteConfigurationOverrideActionParameters");
        djz_json_set_str(a, p, "matchProcessingBehavior", "Continue");
    }

    const djz_ir_resource *route =
        djz_arm_ir(c, "Microsoft.Cdn/profiles/afdEndpoints/routes");
    r = djz_arm_add_ir(c, route, "frontDoor");
    if (bypass)
        djz_arm_dep(c, r, "cdn/rules/bypass");
    p = djz_json_set_object(a, r->body, "properties");
    djz_json_set(
        a, djz_json_set_object(a, p, "originGroup"), "id",
        djz_arm_id_of(c, djz_arm_ir(c, "Microsoft.Cdn/profiles/originGroups")));
    if (bypass)
        djz_json_set(a,
                     djz_json_push(a, djz_json_set_array(a, p, "ruleSets"),
                                   djz_json_object(a)),
                     "id", djz_arm_id_of(c, rs));
    /* Http too, so that it can be redirected to Https. */
    djz_json *protocols = djz_json_set_array(a, p, "supportedProtocols");
    djz_json_push(a, protocols, djz_json_str(a, "Http"));
    djz_json_push(a, protocols, djz_json_str(a, "Https"));
    djz_json_push(a, djz_json_set_array(a, p, "patternsToMatch"),
                  djz_json_str(a, "/*"));
    djz_json_set_str(a, p, "forwardingProtocol", "HttpsOnly");
    djz_json_set_str(a, p, "httpsRedirect", "Enabled");
    djz_json_set_str(a, p, "linkToDefaultDomain", "Enabled");
    djz_json_set_str(a, p, "enabledState", "Enabled");
    djz_json *cache = djz_json_set_object(a, p, "cacheConfiguration");
    djz_json_set_str(a, cache, "queryStringCachingBehavior", "UseQueryString");
    djz_json *comp = djz_json_set_object(a, cache, "compressionSettings");
    djz_json_set_bool(a, comp, "isCompressionEnabled", true);
    djz_json *types = djz_json_set_array(a, comp, "contentTypesToCompress");
    static const char *const compressible[] = {
        "text/css",
        "text/html",
        "text/javascript",
        "text/plain",
        "application/javascript",
        "application/json",
        "image/svg+xml",
    };
    for (size_t i = 0; i < sizeof compressible / sizeof *compressible; i++)
        djz_json_push(a, types, djz_json_str(a, compressible[i]));
}

void djz_arm_build_storage(djz_arm_ctx *c)
{
    const djz_ir_resource *acct =
        djz_arm_ir(c, "Microsoft.Storage/storageAccounts");
    if (!acct)
        return;
    account(c, acct);
    front_door(c, acct);
}

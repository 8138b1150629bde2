/* database.c - PostgreSQL Flexible Server: the article's "Connection
 * Security" and "Advanced Threat Protection" rows.
 *
 * The server, the application's database, the spec's firewall rules (the
 * 0.0.0.0 "allow Azure services" rule only when the spec asks, which lint
 * warns about), require_secure_transport, and Defender for open-source
 * databases.  A server on a private network has no public endpoint, so no
 * firewall rules: the VNet is its boundary.  The server takes one change at a
 * time, so its children are chained: each waits for the one before. */
#include "context.h"

#include <string.h>

/* "a.b.c.d" or "a.b.c.d-e.f.g.h" as start and end addresses. */
static void range(djz_arm_ctx *c, djz_json *p, const char *v)
{
    const char *dash = strchr(v, '-');
    const char *start =
        dash ? djz_arena_strndup(c->a, v, (size_t)(dash - v)) : v;
    djz_json_set_str(c->a, p, "startIpAddress", start);
    djz_json_set_str(c->a, p, "endIpAddress", dash ? dash + 1 : v);
}

djz_json *djz_arm_admin_login(djz_arm_ctx *c)
{
    return djz_arm_slot(c, "databaseAdminLogin",
                        "PostgreSQL administrator login",
                        djz_json_str(c->a, "djazadmin"));
}

/* A child of the server that waits for *prev, then becomes it. */
static djz_arm_res *child(djz_arm_ctx *c, const djz_ir_resource *srv,
                          const char *type, const char *key, const char *leaf,
                          const char **prev)
{
    djz_ir_resource x = {
        .type = type,
        .parent = (size_t)(srv - c->e->resources),
        .leaf = leaf,
    };
    const char *k = djz_arena_printf(c->a, "%s/%s", srv->key, key);
    djz_arm_res *r = djz_arm_add(c, k, k, type, djz_arm_name_of(c, &x),
                                 djz_arm_id_of(c, &x));
    djz_arm_dep(c, r, srv->key);
    djz_arm_dep(c, r, *prev);
    *prev = k;
    return r;
}

void djz_arm_build_database(djz_arm_ctx *c)
{
    const djz_ir_resource *srv =
        djz_arm_ir(c, "Microsoft.DBforPostgreSQL/flexibleServers");
    if (!srv)
        return;
    djz_arena *a = c->a;
    const djz_ir_block *db = srv->block;
    const char *sku = djz_arm_text(db, "sku");
    djz_arm_res *r = djz_arm_add_tracked(c, srv, NULL, NULL);
    djz_json *s = djz_json_set_object(a, r->body, "sku");
    djz_json_set(a, s, "name",
                 djz_arm_slot(c, "databaseSku", "PostgreSQL compute SKU",
                              djz_json_str(a, sku)));
    djz_json_set(
        a, s, "tier",
        djz_arm_slot(c, "databaseTier", "PostgreSQL compute tier",
                     djz_json_str(a, djz_arm_fact(c, "pg_sku", sku, "tier"))));
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_set(a, p, "version",
                 djz_arm_slot(c, "databaseVersion", "PostgreSQL major version",
                              djz_json_str(a, djz_arm_text(db, "version"))));
    djz_json_set(a, p, "administratorLogin", djz_arm_admin_login(c));
    djz_json *pw = djz_json_expr(a);
    djz_expr_part(a, pw,
                  djz_arm_secure(c, "databaseAdminPassword",
                                 "PostgreSQL administrator password: "
                                 "supplied by djaz apply, never in a file"));
    djz_json_set(a, p, "administratorLoginPassword", pw);
    djz_json *auth = djz_json_set_object(a, p, "authConfig");
    djz_json_set_str(a, auth, "passwordAuth", "Enabled");
    djz_json_set_str(a, auth, "activeDirectoryAuth", "Disabled");
    djz_json_set(
        a, djz_json_set_object(a, p, "storage"), "storageSizeGB",
        djz_arm_slot(c, "databaseStorageGiB", "PostgreSQL storage, GiB",
                     djz_json_int(a, djz_arm_int(db, "storage_gib", 32))));
    djz_json_set_str(a, djz_json_set_object(a, p, "highAvailability"), "mode",
                     "Disabled");
    djz_json *net = djz_json_set_object(a, p, "network");
    const djz_ir_resource *vnet =
        djz_arm_ir(c, "Microsoft.Network/virtualNetworks");
    if (vnet) {
        /* Private access: a delegated subnet and the private DNS zone. */
        djz_json *subnet = djz_json_expr(a);
        djz_expr_raw(
            a, subnet,
            "resourceId('Microsoft.Network/virtualNetworks/subnets', ");
        djz_expr_part(a, subnet, djz_arm_name_of(c, vnet));
        djz_expr_raw(a, subnet, ", 'database')");
        djz_json_set(a, net, "delegatedSubnetResourceId", subnet);
        djz_json_set(
            a, net, "privateDnsZoneArmResourceId",
            djz_arm_id_of(c,
                          djz_arm_ir(c, "Microsoft.Network/privateDnsZones")));
        djz_json_set_str(a, net, "publicNetworkAccess", "Disabled");
        djz_arm_dep(c, r, "dns/link");
    } else {
        djz_json_set_str(a, net, "publicNetworkAccess", "Enabled");
    }

    const char *prev = srv->key;
    const djz_ir_resource *d =
        djz_arm_ir(c, "Microsoft.DBforPostgreSQL/flexibleServers/databases");
    djz_arm_res *x = djz_arm_add_ir(c, d, NULL);
    prev = d->key;
    p = djz_json_set_object(a, x->body, "properties");
    djz_json_set_str(a, p, "charset", "UTF8");
    djz_json_set_str(a, p, "collation", "en_US.utf8");

    x = child(c, srv,
              "Microsoft.DBforPostgreSQL/flexibleServers/configurations", "tls",
              "require_secure_transport", &prev);
    p = djz_json_set_object(a, x->body, "properties");
    djz_json_set_str(a, p, "value",
                     djz_arm_on(db, "require_secure_transport") ? "on" : "off");
    djz_json_set_str(a, p, "source", "user-override");

    if (djz_arm_on(db, "threat_protection")) {
        x = child(c, srv,
                  "Microsoft.DBforPostgreSQL/flexibleServers/"
                  "advancedThreatProtectionSettings",
                  "defender", "Default", &prev);
        djz_json_set_str(a, djz_json_set_object(a, x->body, "properties"),
                         "state", "Enabled");
    }

    /* The rules, made from the firewall's attributes in their order. */
    size_t next = 0;
    for (size_t i = 0; i < c->e->nresources; i++) {
        const djz_ir_resource *f = &c->e->resources[i];
        if (strcmp(f->type,
                   "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules"))
            continue;
        const djz_value *v = f->block->attrs[next++].value;
        x = djz_arm_add_ir(c, f, f->key);
        djz_arm_dep(c, x, prev);
        prev = f->key;
        range(c, djz_json_set_object(a, x->body, "properties"), v->text);
    }
    if (djz_arm_on(db, "allow_azure_services") && !vnet) {
        /* The documented 0.0.0.0 rule: any Azure tenant may connect. */
        x = child(c, srv,
                  "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
                  "allow-azure-services",
                  "AllowAllAzureServicesAndResourcesWithinAzureIps", &prev);
        range(c, djz_json_set_object(a, x->body, "properties"), "0.0.0.0");
    }

    /* The administrator password, for the site to read. */
    djz_json *e = djz_json_expr(a);
    djz_expr_part(a, e, djz_arm_secure(c, "databaseAdminPassword", NULL));
    djz_arm_vault_secret(c, "database-password", e, NULL);
    djz_arm_add_secret(c, (djz_arm_secret){
                              .parameter = "databaseAdminPassword",
                              .keyvault_secret = "database-password",
                              .source = "generate",
                              .length = 32,
                              .setting = NULL,
                          });
}

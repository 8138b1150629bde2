/* lower.c - the Azure resources of one environment, in dependency order.
 *
 * Names the spec gives are used as they are (the resource group, the
 * storage account, the database, the PostgreSQL server when set).  The
 * others derive from the web app's name W: `app.name`, or else the app's
 * label as a host name, then `-ENV`.  Plan W-plan, workspace W-logs,
 * Application Insights W-insights, PostgreSQL server W-db, Front Door
 * profile W-cdn and endpoint W, Key Vault W-kv, dashboard W-dash, each
 * shortened with a hash of W where Azure's limit for the type is shorter
 * (see fit).  Resources are derived in dependency order; in_order()
 * checks it. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

#define NONE DJZ_IR_NONE

typedef struct lowering {
    djz_arena *a;
    djz_ir_env *e;
    size_t cap;
    const char *web; /* W */
} lowering;

static void depends(lowering *l, size_t r, size_t on);

/* A top-level resource named name; param is the template parameter its
 * name becomes when environments differ. */
static size_t add(lowering *l, const char *type, const char *key,
                  const char *param, const char *name, const djz_ir_block *b)
{
    djz_ir_env *e = l->e;
    e->resources = djz_arena_grow(l->a, e->resources, e->nresources, &l->cap,
                                  sizeof *e->resources);
    djz_ir_resource *r = &e->resources[e->nresources];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->name = name;
    r->key = key;
    r->parent = NONE;
    r->leaf = name;
    r->param = param;
    r->block = b;
    return e->nresources++;
}

/* A child of parent, named leaf below it ("default/static"), depending on
 * its parent.  param, when set, names the last segment of leaf. */
static size_t add_child(lowering *l, size_t parent, const char *type,
                        const char *key, const char *param, const char *leaf,
                        const djz_ir_block *b)
{
    const char *pname = l->e->resources[parent].name;
    const char *pkey = l->e->resources[parent].key;
    size_t r = add(l, type, djz_arena_printf(l->a, "%s/%s", pkey, key), param,
                   djz_arena_printf(l->a, "%s/%s", pname, leaf), b);
    l->e->resources[r].parent = parent;
    l->e->resources[r].leaf = leaf;
    depends(l, r, parent);
    return r;
}

static void depends(lowering *l, size_t r, size_t on)
{
    djz_ir_depend(l->a, &l->e->resources[r], on);
}

/* The room depends_on has for n entries: 8, then powers of two (as
 * djz_arena_grow doubles it), so no count of it is kept. */
static size_t deps_room(size_t n)
{
    size_t cap = 8;
    while (cap < n)
        cap *= 2;
    return cap;
}

void djz_ir_depend(djz_arena *a, djz_ir_resource *r, size_t on)
{
    size_t cap = r->ndeps ? deps_room(r->ndeps) : 0;
    r->depends_on =
        djz_arena_grow(a, r->depends_on, r->ndeps, &cap, sizeof *r->depends_on);
    r->depends_on[r->ndeps++] = on;
}

static const char *text(const djz_ir_block *b, const char *attr)
{
    const djz_value *v = b ? djz_ir_get(b, attr) : NULL;
    return v && v->text && *v->text ? v->text : NULL;
}

static bool on(const djz_ir_block *b, const char *attr)
{
    const djz_value *v = b ? djz_ir_get(b, attr) : NULL;
    return v && v->kind == DJZ_VAL_BOOL && v->boolean;
}

/* s as a host name label: lowercase letters, digits and single hyphens,
 * no hyphen at either end, at most max characters. */
static char *host_label(lowering *l, const char *s, size_t max)
{
    char *out = djz_arena_alloc(l->a, strlen(s) + 1);
    size_t n = 0;
    for (; *s && n < max; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c))
            out[n++] = (char)tolower(c);
        else if (n && out[n - 1] != '-')
            out[n++] = '-';
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    return out;
}

/* The web app's name: app.name, or the label made a host name, -ENV. */
static const char *web_name(lowering *l, const djz_ir_block *app)
{
    const char *name = text(app, "name");
    if (name)
        return name;
    return host_label(
        l, djz_arena_printf(l->a, "%s-%s", app->label, l->e->name), 60);
}

/* W + suffix within max characters (Azure's limit for the type).  When
 * too long: W's start, a hash of all of W, and the suffix, so that
 * environments whose names differ only at the end still differ. */
static const char *fit(lowering *l, const char *suffix, size_t max)
{
    const char *w = host_label(l, l->web, 64);
    size_t n = strlen(w), s = strlen(suffix);
    if (n + s <= max)
        return djz_arena_printf(l->a, "%s%s", w, suffix);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = w; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return djz_arena_printf(l->a, "%s-%06x%s", host_label(l, w, max - s - 7),
                            h & 0xffffffu, suffix);
}

static const char *server_name(lowering *l, const djz_ir_block *db)
{
    const char *server = text(db, "server");
    return server ? server : fit(l, "-db", 63);
}

/* The server, its database and, unless the server is private (no public
 * endpoint, so no firewall), its firewall rules. */
static size_t lower_database(lowering *l, const djz_ir_block *db, size_t rg,
                             bool private_)
{
    const char *server = server_name(l, db);
    size_t s = add(l, "Microsoft.DBforPostgreSQL/flexibleServers", "db",
                   "databaseServerName", server, db);
    depends(l, s, rg);
    add_child(l, s, "Microsoft.DBforPostgreSQL/flexibleServers/databases",
              "database", "databaseName", text(db, "name"), db);
    const djz_ir_block *fw = private_ ? NULL : djz_ir_child(db, "firewall");
    for (size_t i = 0; fw && i < fw->nattrs; i++)
        add_child(l, s,
                  "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
                  djz_arena_printf(l->a, "firewall/%s", fw->attrs[i].name),
                  NULL, fw->attrs[i].name, fw);
    return s;
}

static void lower_cdn(lowering *l, const djz_ir_block *st, size_t rg,
                      size_t account)
{
    size_t p = add(l, "Microsoft.Cdn/profiles", "cdn", "frontDoorName",
                   fit(l, "-cdn", 260), st);
    depends(l, p, rg);
    size_t ep =
        add_child(l, p, "Microsoft.Cdn/profiles/afdEndpoints", "endpoint",
                  "frontDoorEndpointName", fit(l, "", 46), st);
    size_t og = add_child(l, p, "Microsoft.Cdn/profiles/originGroups",
                          "origins", NULL, "blobs", st);
    size_t origin =
        add_child(l, og, "Microsoft.Cdn/profiles/originGroups/origins",
                  "storage", NULL, "storage", st);
    depends(l, origin, account);
    /* The article's rule: no cache for `Cache-Control: no-cache`. */
    size_t rules = NONE;
    if (on(st, "cdn_bypass_no_cache"))
        rules = add_child(l, p, "Microsoft.Cdn/profiles/ruleSets", "rules",
                          NULL, "nocache", st);
    size_t route =
        add_child(l, ep, "Microsoft.Cdn/profiles/afdEndpoints/routes", "route",
                  NULL, "blobs", st);
    depends(l, route, origin);
    if (rules != NONE)
        depends(l, route, rules);
}

static size_t lower_storage(lowering *l, const djz_ir_block *st, size_t rg)
{
    size_t a = add(l, "Microsoft.Storage/storageAccounts", "storage",
                   "storageAccountName", text(st, "account"), st);
    depends(l, a, rg);
    const djz_value *cs = djz_ir_get(st, "containers");
    for (size_t i = 0; cs && i < cs->n; i++)
        add_child(l, a,
                  "Microsoft.Storage/storageAccounts/blobServices/containers",
                  djz_arena_printf(l->a, "container/%s", cs->keys[i]),
                  djz_arena_printf(l->a, "%sContainerName", cs->keys[i]),
                  djz_arena_printf(l->a, "default/%s", cs->items[i]->text), st);
    if (on(st, "cdn"))
        lower_cdn(l, st, rg, a);
    return a;
}

static bool has_secrets(const djz_ir_block *app)
{
    for (size_t i = 0; i < app->nchildren; i++)
        if (!strcmp(app->children[i]->schema->kind, "secret"))
            return true;
    return false;
}

static size_t lower_monitoring(lowering *l, const djz_ir_block *mon, size_t rg)
{
    if (!on(mon, "insights"))
        return NONE;
    size_t ws = add(l, "Microsoft.OperationalInsights/workspaces", "logs",
                    "workspaceName", fit(l, "-logs", 63), mon);
    depends(l, ws, rg);
    size_t ai = add(l, "Microsoft.Insights/components", "insights",
                    "insightsName", fit(l, "-insights", 255), mon);
    depends(l, ai, ws);
    return ai;
}

/* The VNet and, for a private database, the DNS zone that resolves it
 * inside the VNet (SERVER.private.postgres.database.azure.com). */
static size_t lower_network(lowering *l, const djz_ir_block *net,
                            const djz_ir_block *db, size_t rg)
{
    if (!on(net, "private"))
        return NONE;
    size_t vnet = add(l, "Microsoft.Network/virtualNetworks", "vnet",
                      "vnetName", fit(l, "-vnet", 64), net);
    depends(l, vnet, rg);
    if (db) {
        size_t dns = add(
            l, "Microsoft.Network/privateDnsZones", "dns", "privateDnsZoneName",
            djz_arena_printf(l->a, "%s.private.postgres.database.azure.com",
                             server_name(l, db)),
            net);
        depends(l, dns, rg);
    }
    return vnet;
}

/* r depends on on_, when both are there. */
static void depends_if(lowering *l, size_t r, size_t on_)
{
    if (r != NONE && on_ != NONE)
        depends(l, r, on_);
}

/* Resources are derived in dependency order: every dependency is listed
 * before its dependents.  Checking that, in O(resources + dependencies),
 * is what proves the order and that there is no cycle. */
static bool in_order(const djz_ir_env *e)
{
    for (size_t i = 0; i < e->nresources; i++)
        for (size_t d = 0; d < e->resources[i].ndeps; d++)
            if (e->resources[i].depends_on[d] >= i)
                return false;
    return true;
}

void djz_ir_lower(djz_arena *a, djz_ir_env *e)
{
    lowering l = {a, e, 0, NULL};
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    if (!app)
        return;
    l.web = web_name(&l, app);
    size_t rg = add(&l, "Microsoft.Resources/resourceGroups", "group",
                    "resourceGroupName", text(app, "resource_group"), app);
    size_t insights = lower_monitoring(&l, djz_ir_block_of(e, "monitor"), rg);
    size_t vault = NONE;
    /* The vault keeps the spec's secrets, the database password and the
     * storage key. */
    if (has_secrets(app) || djz_ir_block_of(e, "database") ||
        djz_ir_block_of(e, "storage")) {
        vault = add(&l, "Microsoft.KeyVault/vaults", "vault", "keyVaultName",
                    fit(&l, "-kv", 24), app);
        depends(&l, vault, rg);
    }
    size_t plan = add(&l, "Microsoft.Web/serverfarms", "plan", "planName",
                      fit(&l, "-plan", 60), e->env);
    depends(&l, plan, rg);
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    size_t vnet = lower_network(&l, djz_ir_block_of(e, "network"), db, rg);
    size_t server = db ? lower_database(&l, db, rg, vnet != NONE) : NONE;
    depends_if(&l, server, vnet);
    const djz_ir_block *st = djz_ir_block_of(e, "storage");
    size_t account = st ? lower_storage(&l, st, rg) : NONE;
    size_t site =
        add(&l, "Microsoft.Web/sites", "site", "webAppName", l.web, app);
    depends(&l, site, plan);
    depends_if(&l, site, insights);
    depends_if(&l, site, vault);
    depends_if(&l, site, server);
    depends_if(&l, site, account);
    depends_if(&l, site, vnet);
    const djz_ir_block *mon = djz_ir_block_of(e, "monitor");
    const djz_value *tiles = mon ? djz_ir_get(mon, "dashboard") : NULL;
    if (tiles && tiles->n) {
        size_t dash = add(&l, "Microsoft.Portal/dashboards", "dashboard",
                          "dashboardName", fit(&l, "-dash", 24), mon);
        depends(&l, dash, site);
        depends(&l, dash, plan);
        depends_if(&l, dash, server);
    }
    if (!in_order(e))
        abort(); /* a derivation above lists a dependent first: a bug */
}

/* lower.c - the Azure resources of one environment, in dependency order.
 *
 * Names the spec gives are used as they are (the resource group, the
 * storage account, the database, the PostgreSQL server when set).  The
 * others derive from the web app's name W: `app.name`, or else the app's
 * label as a host name, then `-ENV`.  Plan W-plan, workspace W-logs,
 * Application Insights W-insights, PostgreSQL server W-db, Front Door
 * profile W-cdn and endpoint W, dashboard W-dashboard.  Resources are
 * derived in dependency order; in_order() checks it. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

typedef struct lowering {
    djz_arena *a;
    djz_ir_env *e;
    size_t cap;
    const char *web; /* W */
} lowering;

static size_t add(lowering *l, const char *type, const char *name,
                  const djz_ir_block *b)
{
    djz_ir_env *e = l->e;
    e->resources = djz_arena_grow(l->a, e->resources, e->nresources, &l->cap,
                                  sizeof *e->resources);
    djz_ir_resource *r = &e->resources[e->nresources];
    r->type = type;
    r->name = name;
    r->block = b;
    r->depends_on = djz_arena_alloc(l->a, sizeof *r->depends_on * 8);
    return e->nresources++;
}

static void depends(lowering *l, size_t r, size_t on)
{
    djz_ir_resource *x = &l->e->resources[r];
    if (x->ndeps < 8)
        x->depends_on[x->ndeps++] = on;
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

static size_t lower_database(lowering *l, const djz_ir_block *db, size_t rg)
{
    const char *server = text(db, "server");
    if (!server)
        server = djz_arena_printf(l->a, "%s-db", l->web);
    size_t s = add(l, "Microsoft.DBforPostgreSQL/flexibleServers", server, db);
    depends(l, s, rg);
    size_t d =
        add(l, "Microsoft.DBforPostgreSQL/flexibleServers/databases",
            djz_arena_printf(l->a, "%s/%s", server, text(db, "name")), db);
    depends(l, d, s);
    const djz_ir_block *fw = djz_ir_child(db, "firewall");
    for (size_t i = 0; fw && i < fw->nattrs; i++)
        depends(
            l,
            add(l, "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
                djz_arena_printf(l->a, "%s/%s", server, fw->attrs[i].name), fw),
            s);
    return s;
}

static void lower_cdn(lowering *l, const djz_ir_block *st, size_t rg,
                      size_t account)
{
    const char *profile = djz_arena_printf(l->a, "%s-cdn", l->web);
    size_t p = add(l, "Microsoft.Cdn/profiles", profile, st);
    depends(l, p, rg);
    size_t ep = add(l, "Microsoft.Cdn/profiles/afdEndpoints",
                    djz_arena_printf(l->a, "%s/%s", profile, l->web), st);
    depends(l, ep, p);
    const char *og_name = djz_arena_printf(l->a, "%s/blobs", profile);
    size_t og = add(l, "Microsoft.Cdn/profiles/originGroups", og_name, st);
    depends(l, og, p);
    size_t origin = add(l, "Microsoft.Cdn/profiles/originGroups/origins",
                        djz_arena_printf(l->a, "%s/storage", og_name), st);
    depends(l, origin, og);
    depends(l, origin, account);
    size_t rules = add(l, "Microsoft.Cdn/profiles/ruleSets",
                       djz_arena_printf(l->a, "%s/nocache", profile), st);
    depends(l, rules, p);
    size_t route =
        add(l, "Microsoft.Cdn/profiles/afdEndpoints/routes",
            djz_arena_printf(l->a, "%s/%s/blobs", profile, l->web), st);
    depends(l, route, ep);
    depends(l, route, origin);
    depends(l, route, rules);
}

static size_t lower_storage(lowering *l, const djz_ir_block *st, size_t rg)
{
    const char *account = text(st, "account");
    size_t a = add(l, "Microsoft.Storage/storageAccounts", account, st);
    depends(l, a, rg);
    const djz_value *cs = djz_ir_get(st, "containers");
    for (size_t i = 0; cs && i < cs->n; i++)
        depends(l,
                add(l,
                    "Microsoft.Storage/storageAccounts/blobServices/"
                    "containers",
                    djz_arena_printf(l->a, "%s/default/%s", account,
                                     cs->items[i]->text),
                    st),
                a);
    if (on(st, "cdn"))
        lower_cdn(l, st, rg, a);
    return a;
}

enum { NONE = (size_t)-1 };

/* A Key Vault name: 3-24 letters, digits and single hyphens, unique in
 * Azure.  W-kv when that fits; else W's start and a hash of all of W, so
 * that environments whose names differ only at the end still differ. */
static const char *vault_name(lowering *l)
{
    const char *w = host_label(l, l->web, 64);
    if (strlen(w) <= 21)
        return djz_arena_printf(l->a, "%s-kv", w);
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = w; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    return djz_arena_printf(l->a, "%s-%06x-kv", host_label(l, w, 14),
                            h & 0xffffffu);
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
    size_t ws = add(l, "Microsoft.OperationalInsights/workspaces",
                    djz_arena_printf(l->a, "%s-logs", l->web), mon);
    depends(l, ws, rg);
    size_t ai = add(l, "Microsoft.Insights/components",
                    djz_arena_printf(l->a, "%s-insights", l->web), mon);
    depends(l, ai, ws);
    return ai;
}

static size_t lower_network(lowering *l, const djz_ir_block *net, size_t rg)
{
    if (!on(net, "private"))
        return NONE;
    size_t vnet = add(l, "Microsoft.Network/virtualNetworks",
                      djz_arena_printf(l->a, "%s-vnet", l->web), net);
    depends(l, vnet, rg);
    size_t dns = add(l, "Microsoft.Network/privateDnsZones",
                     "privatelink.postgres.database.azure.com", net);
    depends(l, dns, rg);
    return vnet;
}

static void depends_if(lowering *l, size_t r, size_t on_)
{
    if (on_ != NONE)
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
    size_t rg = add(&l, "Microsoft.Resources/resourceGroups",
                    text(app, "resource_group"), app);
    size_t insights = lower_monitoring(&l, djz_ir_block_of(e, "monitor"), rg);
    size_t vault = NONE;
    if (has_secrets(app)) {
        vault = add(&l, "Microsoft.KeyVault/vaults", vault_name(&l), app);
        depends(&l, vault, rg);
    }
    size_t plan = add(&l, "Microsoft.Web/serverfarms",
                      djz_arena_printf(a, "%s-plan", l.web), e->env);
    depends(&l, plan, rg);
    size_t vnet = lower_network(&l, djz_ir_block_of(e, "network"), rg);
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    size_t server = db ? lower_database(&l, db, rg) : NONE;
    depends_if(&l, server, vnet);
    const djz_ir_block *st = djz_ir_block_of(e, "storage");
    size_t account = st ? lower_storage(&l, st, rg) : NONE;
    size_t site = add(&l, "Microsoft.Web/sites", l.web, app);
    depends(&l, site, plan);
    depends_if(&l, site, insights);
    depends_if(&l, site, vault);
    depends_if(&l, site, server);
    depends_if(&l, site, account);
    depends_if(&l, site, vnet);
    const djz_ir_block *mon = djz_ir_block_of(e, "monitor");
    const djz_value *tiles = mon ? djz_ir_get(mon, "dashboard") : NULL;
    if (tiles && tiles->n) {
        size_t dash = add(&l, "Microsoft.Portal/dashboards",
                          djz_arena_printf(a, "%s-dashboard", l.web), mon);
        depends(&l, dash, site);
        depends(&l, dash, plan);
        depends_if(&l, dash, server);
    }
    if (!in_order(e))
        abort(); /* a derivation above lists a dependent first: a bug */
}

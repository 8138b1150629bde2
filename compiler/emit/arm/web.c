/* web.c - the App Service plan, the web app and its platform settings:
 * the article's "Settings -> Configuration" and "TLS/SSL Settings" rows,
 * publishing credentials, app settings and autoscale. */
#include "context.h"

#include <string.h>

static const char *ftps_state(const char *v)
{
    if (v && !strcmp(v, "all_allowed"))
        return "AllAllowed";
    if (v && !strcmp(v, "ftps_only"))
        return "FtpsOnly";
    return "Disabled";
}

static void plan(djz_arm_ctx *c, const djz_ir_resource *ir)
{
    djz_arena *a = c->a;
    const char *sku = djz_arm_text(c->e->env, "plan");
    djz_arm_res *r = djz_arm_add_tracked(c, ir, NULL, NULL);
    djz_json_set_str(a, r->body, "kind", "linux");
    djz_json *s = djz_json_set_object(a, r->body, "sku");
    djz_json_set(a, s, "name",
                 djz_arm_slot(c, "planSku", "App Service plan SKU",
                              djz_json_str(a, sku)));
    djz_json_set(a, s, "tier",
                 djz_arm_slot(c, "planTier", "App Service plan tier",
                              djz_json_str(a, djz_arm_fact(c, "plan_sku", sku,
                                                           "tier"))));
    djz_json_set(
        a, s, "capacity",
        djz_arm_slot(c, "planInstances", "instances of the plan",
                     djz_json_int(a, djz_arm_int(c->e->env, "instances", 1))));
    djz_json_set_bool(a, djz_json_set_object(a, r->body, "properties"),
                      "reserved", true); /* Linux */
}

/* Always On where the plan's tier offers it, unless the spec says off. */
static bool always_on(djz_arm_ctx *c, const djz_ir_block *site)
{
    const char *sku = djz_arm_text(c->e->env, "plan");
    bool offered = !strcmp(djz_arm_fact(c, "plan_sku", sku, "always_on"), "on");
    const djz_value *v = site ? djz_ir_get(site, "always_on") : NULL;
    return offered && (!v || v->boolean);
}

static void site(djz_arm_ctx *c, const djz_ir_resource *ir)
{
    djz_arena *a = c->a;
    const djz_ir_block *app = djz_ir_block_of(c->e, "app");
    const djz_ir_block *st = djz_ir_child(app, "site");
    djz_arm_res *r = djz_arm_add_tracked(c, ir, NULL, NULL);
    djz_json_set_str(a, r->body, "kind", "app,linux");
    djz_json_set_str(a, djz_json_set_object(a, r->body, "identity"), "type",
                     "SystemAssigned");
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_set(a, p, "serverFarmId",
                 djz_arm_id_of(c, djz_arm_ir(c, "Microsoft.Web/serverfarms")));
    djz_json_set_bool(a, p, "httpsOnly", djz_arm_on(st, "https_only"));
    djz_json_set_bool(a, p, "clientAffinityEnabled", false);
    djz_json_set_str(a, p, "publicNetworkAccess", "Enabled");
    const djz_ir_resource *vnet =
        djz_arm_ir(c, "Microsoft.Network/virtualNetworks");
    if (vnet) {
        djz_json *subnet = djz_json_expr(a);
        djz_expr_raw(
            a, subnet, "%s",
            "resourceId('Microsoft.Network/virtualNetworks/subnets', ");
        djz_expr_part(a, subnet, djz_arm_name_of(c, vnet));
        djz_expr_raw(a, subnet, ", 'web')");
        djz_json_set(a, p, "virtualNetworkSubnetId", subnet);
        djz_arm_dep(c, r, "vnet");
    }
    djz_json *cfg = djz_json_set_object(a, p, "siteConfig");
    djz_json_set_str(
        a, cfg, "linuxFxVersion",
        djz_arena_printf(a, "PYTHON|%s", djz_arm_text(app, "python")));
    /* The generated startup script, at the root of the deployed code. */
    djz_json_set_str(a, cfg, "appCommandLine", "bash startup.sh");
    djz_json_set(a, cfg, "alwaysOn",
                 djz_arm_slot(c, "alwaysOn",
                              "keep the app loaded (not offered on every tier)",
                              djz_json_bool(a, always_on(c, st))));
    djz_json_set_str(a, cfg, "ftpsState",
                     ftps_state(djz_arm_text(st, "ftps_state")));
    const char *tls = djz_arm_text(st, "min_tls_version");
    djz_json_set_str(a, cfg, "minTlsVersion", tls ? tls : "1.2");
    djz_json_set_str(a, cfg, "scmMinTlsVersion", tls ? tls : "1.2");
    djz_json_set_bool(a, cfg, "remoteDebuggingEnabled",
                      djz_arm_on(st, "remote_debugging"));
    djz_json_set_bool(a, cfg, "http20Enabled", true);
    if (vnet)
        djz_json_set_bool(a, cfg, "vnetRouteAllEnabled", true);

    /* Publishing with basic-auth credentials (FTP and SCM): off unless
     * the spec turns it on, so publish profiles stop working. */
    static const char *const kinds[] = {"ftp", "scm"};
    for (size_t i = 0; i < 2; i++) {
        djz_ir_resource pol = {
            .type = "Microsoft.Web/sites/basicPublishingCredentialsPolicies",
            .parent = (size_t)(ir - c->e->resources),
            .leaf = kinds[i],
        };
        djz_arm_res *x = djz_arm_add(
            c, djz_arena_printf(a, "site/%s", kinds[i]), NULL, pol.type,
            djz_arm_name_of(c, &pol), djz_arm_id_of(c, &pol));
        djz_arm_dep(c, x, ir->key);
        djz_json_set_bool(a, djz_json_set_object(a, x->body, "properties"),
                          "allow", djz_arm_on(st, "basic_auth_publishing"));
    }
}

/* The app settings, as their own resource: it waits for the secrets and
 * for the identity's right to read them, so that Key Vault references
 * resolve when the site first starts with them. */
static void app_settings(djz_arm_ctx *c, const djz_ir_resource *site)
{
    djz_ir_resource cfg = {
        .type = "Microsoft.Web/sites/config",
        .parent = (size_t)(site - c->e->resources),
        .leaf = "appsettings",
    };
    djz_arm_res *r =
        djz_arm_add(c, "site/appsettings", NULL, cfg.type,
                    djz_arm_name_of(c, &cfg), djz_arm_id_of(c, &cfg));
    djz_arm_dep(c, r, site->key);
    djz_json *settings = djz_arm_app_settings(c, r);
    c->envs[c->env].settings = settings;
    djz_json_set(c->a, r->body, "properties", settings);
}

static void autoscale(djz_arm_ctx *c, const djz_ir_resource *site)
{
    djz_arena *a = c->a;
    long min = djz_arm_int(c->e->env, "instances", 1);
    long max = djz_arm_int(c->e->env, "max_instances", min);
    if (max <= min)
        return;
    const djz_ir_resource *pl = djz_arm_ir(c, "Microsoft.Web/serverfarms");
    const char *type = "Microsoft.Insights/autoscalesettings";
    djz_json *name =
        djz_arm_around(c, "", djz_arm_name_of(c, site), "-autoscale");
    djz_arm_res *r = djz_arm_add(c, "autoscale", "autoscale", type, name,
                                 djz_arm_resource_id(c, type, name));
    djz_arm_dep(c, r, pl->key);
    djz_json_set(a, r->body, "location", djz_arm_location(c));
    djz_json_set(a, r->body, "tags", djz_arm_tags(c));
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_set_bool(a, p, "enabled", true);
    djz_json_set(a, p, "targetResourceUri", djz_arm_id_of(c, pl));
    djz_json *prof = djz_json_push(a, djz_json_set_array(a, p, "profiles"),
                                   djz_json_object(a));
    djz_json_set_str(a, prof, "name", "cpu");
    djz_json *cap = djz_json_set_object(a, prof, "capacity");
    /* Autoscale writes capacities as strings. */
    djz_json *lo =
        djz_arm_slot(c, "autoscaleMinimum", "fewest instances",
                     djz_json_str(a, djz_arena_printf(a, "%ld", min)));
    djz_json_set(a, cap, "minimum", lo);
    djz_json_set(
        a, cap, "maximum",
        djz_arm_slot(c, "autoscaleMaximum", "most instances",
                     djz_json_str(a, djz_arena_printf(a, "%ld", max))));
    djz_json_set(a, cap, "default", lo);
    djz_json *rules = djz_json_set_array(a, prof, "rules");
    static const struct {
        const char *op, *direction;
        int threshold;
    } steps[] = {{"GreaterThan", "Increase", 70}, {"LessThan", "Decrease", 30}};
    for (size_t i = 0; i < 2; i++) {
        djz_json *rule = djz_json_push(a, rules, djz_json_object(a));
        djz_json *t = djz_json_set_object(a, rule, "metricTrigger");
        djz_json_set_str(a, t, "metricName", "CpuPercentage");
        djz_json_set(a, t, "metricResourceUri", djz_arm_id_of(c, pl));
        djz_json_set_str(a, t, "timeGrain", "PT1M");
        djz_json_set_str(a, t, "statistic", "Average");
        djz_json_set_str(a, t, "timeWindow", "PT10M");
        djz_json_set_str(a, t, "timeAggregation", "Average");
        djz_json_set_str(a, t, "operator", steps[i].op);
        djz_json_set_int(a, t, "threshold", steps[i].threshold);
        djz_json *act = djz_json_set_object(a, rule, "scaleAction");
        djz_json_set_str(a, act, "direction", steps[i].direction);
        djz_json_set_str(a, act, "type", "ChangeCount");
        djz_json_set_str(a, act, "value", "1");
        djz_json_set_str(a, act, "cooldown", "PT10M");
    }
}

void djz_arm_build_web(djz_arm_ctx *c)
{
    const djz_ir_resource *s = djz_arm_ir(c, "Microsoft.Web/sites");
    plan(c, djz_arm_ir(c, "Microsoft.Web/serverfarms"));
    site(c, s);
    autoscale(c, s);
}

void djz_arm_build_settings(djz_arm_ctx *c)
{
    app_settings(c, djz_arm_ir(c, "Microsoft.Web/sites"));
}

/* monitor.c - the article's "Monitoring": a Log Analytics workspace,
 * workspace-based Application Insights (its connection string goes to the
 * site; instrumentation-key ingestion is retired) and an alert on the
 * site's server errors. */
#include "context.h"

#include <string.h>

static void alert(djz_arm_ctx *c, const djz_ir_resource *site)
{
    djz_arena *a = c->a;
    const char *type = "Microsoft.Insights/metricAlerts";
    djz_json *name = djz_arm_around(c, "", djz_arm_name_of(c, site), "-5xx");
    djz_arm_res *r = djz_arm_add(c, "alert", "alert", type, name,
                                 djz_arm_resource_id(c, type, name));
    djz_arm_dep(c, r, site->key);
    djz_json_set_str(a, r->body, "location", "global");
    djz_json_set(a, r->body, "tags", djz_arm_tags(c));
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json_set_str(a, p, "description",
                     "The web app answers with server errors (HTTP 5xx).");
    djz_json_set_int(a, p, "severity", 2);
    djz_json_set_bool(a, p, "enabled", true);
    djz_json_push(a, djz_json_set_array(a, p, "scopes"),
                  djz_arm_id_of(c, site));
    djz_json_set_str(a, p, "evaluationFrequency", "PT1M");
    djz_json_set_str(a, p, "windowSize", "PT5M");
    djz_json_set_bool(a, p, "autoMitigate", true);
    djz_json_set_str(a, p, "targetResourceType", "Microsoft.Web/sites");
    djz_json *crit = djz_json_set_object(a, p, "criteria");
    djz_json_set_str(
        a, crit, "odata.type",
        "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria");
    djz_json *m = djz_json_push(a, djz_json_set_array(a, crit, "allOf"),
                                djz_json_object(a));
    djz_json_set_str(a, m, "criterionType", "StaticThresholdCriterion");
    djz_json_set_str(a, m, "name", "ServerErrors");
    djz_json_set_str(a, m, "metricName", "Http5xx");
    djz_json_set_str(a, m, "metricNamespace", "Microsoft.Web/sites");
    djz_json_set_str(a, m, "operator", "GreaterThan");
    djz_json_set_int(a, m, "threshold", 5);
    djz_json_set_str(a, m, "timeAggregation", "Total");
}

void djz_arm_build_monitoring(djz_arm_ctx *c)
{
    djz_arena *a = c->a;
    const djz_ir_resource *ws =
        djz_arm_ir(c, "Microsoft.OperationalInsights/workspaces");
    const djz_ir_resource *ai = djz_arm_ir(c, "Microsoft.Insights/components");
    if (ws && ai) {
        djz_arm_res *r = djz_arm_add_tracked(c, ws, "insights", NULL);
        djz_json *p = djz_json_set_object(a, r->body, "properties");
        djz_json_set_str(a, djz_json_set_object(a, p, "sku"), "name",
                         "PerGB2018");
        djz_json_set_int(a, p, "retentionInDays", 30);

        r = djz_arm_add_tracked(c, ai, "insights", NULL);
        djz_json_set_str(a, r->body, "kind", "web");
        p = djz_json_set_object(a, r->body, "properties");
        djz_json_set_str(a, p, "Application_Type", "web");
        djz_json_set(a, p, "WorkspaceResourceId", djz_arm_id_of(c, ws));
        djz_json_set_str(a, p, "IngestionMode", "LogAnalytics");
    }
    const djz_ir_block *mon = djz_ir_block_of(c->e, "monitor");
    const djz_value *al = mon ? djz_ir_get(mon, "alerts") : NULL;
    if (mon && (!al || al->boolean))
        alert(c, djz_arm_ir(c, "Microsoft.Web/sites"));
}

/* dashboard.c - the article's dashboard: one metric chart per tile the
 * spec lists (plan CPU and memory, requests, response time, database
 * utilisation), two charts a row. */
#include "context.h"

#include <string.h>

static const struct tile {
    const char *name; /* the spec's tile */
    const char *type; /* the resource whose metric it charts */
    const char *metric, *title;
    int aggregation; /* the portal's: 1 sum, 4 average */
} tiles[] = {
    {"cpu", "Microsoft.Web/serverfarms", "CpuPercentage", "Plan CPU (%)", 4},
    {"memory", "Microsoft.Web/serverfarms", "MemoryPercentage",
     "Plan memory (%)", 4},
    {"requests", "Microsoft.Web/sites", "Requests", "Requests", 1},
    {"response_time", "Microsoft.Web/sites", "HttpResponseTime",
     "Response time (s)", 4},
    {"database", "Microsoft.DBforPostgreSQL/flexibleServers", "cpu_percent",
     "Database CPU (%)", 4},
};

static const struct tile *tile(const char *name)
{
    for (size_t i = 0; i < sizeof tiles / sizeof *tiles; i++)
        if (!strcmp(tiles[i].name, name))
            return &tiles[i];
    return NULL;
}

static void chart(djz_arm_ctx *c, djz_json *parts, size_t n,
                  const struct tile *t, const djz_ir_resource *of)
{
    djz_arena *a = c->a;
    djz_json *part = djz_json_push(a, parts, djz_json_object(a));
    djz_json *pos = djz_json_set_object(a, part, "position");
    djz_json_set_int(a, pos, "x", (long long)(n % 2) * 6);
    djz_json_set_int(a, pos, "y", (long long)(n / 2) * 4);
    djz_json_set_int(a, pos, "colSpan", 6);
    djz_json_set_int(a, pos, "rowSpan", 4);
    djz_json *md = djz_json_set_object(a, part, "metadata");
    djz_json_set_str(a, md, "type",
                     "Extension/HubsExtension/PartType/MonitorChartPart");
    djz_json *inputs = djz_json_set_array(a, md, "inputs");
    djz_json *opt = djz_json_push(a, inputs, djz_json_object(a));
    djz_json_set_str(a, opt, "name", "sharedTimeRange");
    djz_json_set_bool(a, opt, "isOptional", true);
    djz_json *ch = djz_json_set_object(
        a,
        djz_json_set_object(
            a,
            djz_json_set_object(a, djz_json_set_object(a, md, "settings"),
                                "content"),
            "options"),
        "chart");
    djz_json *m = djz_json_push(a, djz_json_set_array(a, ch, "metrics"),
                                djz_json_object(a));
    djz_json_set(a, djz_json_set_object(a, m, "resourceMetadata"), "id",
                 djz_arm_id_of(c, of));
    djz_json_set_str(a, m, "name", t->metric);
    djz_json_set_int(a, m, "aggregationType", t->aggregation);
    djz_json_set_str(a, m, "namespace", t->type);
    djz_json_set_str(a, djz_json_set_object(a, m, "metricVisualization"),
                     "displayName", t->title);
    djz_json_set_str(a, ch, "title", t->title);
    djz_json_set_int(a, ch, "titleKind", 2);
    djz_json_set_int(a, djz_json_set_object(a, ch, "visualization"),
                     "chartType", 2);
}

void djz_arm_build_dashboard(djz_arm_ctx *c)
{
    const djz_ir_resource *d = djz_arm_ir(c, "Microsoft.Portal/dashboards");
    if (!d)
        return;
    djz_arena *a = c->a;
    djz_arm_res *r = djz_arm_add_tracked(c, d, "dashboard", NULL);
    /* The portal shows the hidden-title tag as the dashboard's title. */
    djz_json *tags = djz_json_get(r->body, "tags");
    const djz_ir_block *app = djz_ir_block_of(c->e, "app");
    djz_json *title = djz_json_concat(a);
    djz_json_push(a, title,
                  djz_json_str(a, djz_arena_printf(a, "%s (", app->label)));
    djz_json_push(a, title, djz_json_get(tags, "environment"));
    djz_json_push(a, title, djz_json_str(a, ")"));
    djz_json_set(a, tags, "hidden-title", title);
    djz_json *p = djz_json_set_object(a, r->body, "properties");
    djz_json *lens = djz_json_push(a, djz_json_set_array(a, p, "lenses"),
                                   djz_json_object(a));
    djz_json_set_int(a, lens, "order", 0);
    djz_json *parts = djz_json_set_array(a, lens, "parts");
    const djz_value *list =
        djz_ir_get(djz_ir_block_of(c->e, "monitor"), "dashboard");
    size_t n = 0;
    for (size_t i = 0; list && i < list->n; i++) {
        const struct tile *t = tile(list->items[i]->text);
        const djz_ir_resource *of = t ? djz_arm_ir(c, t->type) : NULL;
        if (of)
            chart(c, parts, n++, t, of);
    }
}

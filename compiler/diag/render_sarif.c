/* render_sarif.c - diagnostics as one SARIF 2.1.0 log, for code scanners.
 *
 * One run whose driver lists every catalogue entry as a rule, in code
 * order, so a result's ruleIndex is its code's position in the catalogue.
 * Regions use code-point columns ("columnKind": "unicodeCodePoints"), end
 * column exclusive, exactly as the text and JSON renderers count them.
 * Notes with a location become relatedLocations; help, and notes without
 * a location, are appended to the result's message text.  Artifact URIs
 * are the file names percent-encoded (RFC 3986: unreserved characters and
 * '/' are kept).  Written with cJSON; strings made valid UTF-8 first. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../support/utf8.h"
#include "diag.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

static cJSON *must(cJSON *item)
{
    if (!item)
        djz_out_of_memory();
    return item;
}

static void append(cJSON *arr, cJSON *item)
{
    if (!cJSON_AddItemToArray(arr, item))
        djz_out_of_memory();
}

/* Adds item under key; adding copies the key, so it can fail: item, then
 * in no tree, is freed before the exit, which leaks nothing. */
static void attach(cJSON *o, const char *key, cJSON *item)
{
    if (!cJSON_AddItemToObject(o, key, item)) {
        cJSON_Delete(item);
        djz_out_of_memory();
    }
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    must(cJSON_AddStringToObject(o, key, s));
}

static void add_uint(cJSON *o, const char *key, uint32_t n)
{
    must(cJSON_AddNumberToObject(o, key, (double)n));
}

/* key: {"text": s} */
static void add_message(cJSON *o, const char *key, const char *s)
{
    add_str(must(cJSON_AddObjectToObject(o, key)), "text", s);
}

static bool is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
           c == '~';
}

/* name percent-encoded, in the arena; '/' is kept as the path separator. */
static const char *uri_encode(djz_arena *a, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(name);
    if (n > (SIZE_MAX - 1) / 3)
        djz_out_of_memory();
    char *out = djz_arena_alloc(a, n * 3 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (is_unreserved(c) || c == '/') {
            out[k++] = (char)c;
        } else {
            out[k++] = '%';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 0xF];
        }
    }
    out[k] = '\0';
    return out;
}

static cJSON *physical_location(djz_arena *a, djz_source *src, djz_span span)
{
    uint32_t hi = span.hi < span.lo ? span.lo : span.hi;
    djz_linecol start = djz_source_linecol(src, span.lo);
    djz_linecol end = djz_source_linecol(src, hi);
    cJSON *p = must(cJSON_CreateObject());
    cJSON *art = must(cJSON_AddObjectToObject(p, "artifactLocation"));
    add_str(art, "uri", uri_encode(a, src->name));
    cJSON *region = must(cJSON_AddObjectToObject(p, "region"));
    add_uint(region, "startLine", start.line);
    add_uint(region, "startColumn", start.col);
    add_uint(region, "endLine", end.line);
    add_uint(region, "endColumn", end.col);
    return p;
}

static cJSON *rule_json(const djz_diag_info *info)
{
    char id[16];
    snprintf(id, sizeof id, "DJZ%04d", (int)info->code);
    cJSON *r = must(cJSON_CreateObject());
    add_str(r, "id", id);
    add_str(r, "name", info->name);
    add_message(r, "shortDescription", info->title);
    add_message(r, "fullDescription", info->explain);
    cJSON *config = must(cJSON_AddObjectToObject(r, "defaultConfiguration"));
    add_str(config, "level", djz_severity_name(info->severity));
    add_message(r, "help", info->explain);
    return r;
}

/* The message, then "\nhelp: ..." and "\nnote: ..." for unlocated notes. */
static const char *result_text(djz_arena *a, const djz_diag *d)
{
    const char *text = d->message;
    if (d->help)
        text = djz_arena_printf(a, "%s\nhelp: %s", text, d->help);
    for (const djz_note *n = d->notes; n; n = n->next)
        if (!n->src)
            text = djz_arena_printf(a, "%s\nnote: %s", text, n->message);
    return djz_utf8_sanitize(a, text);
}

static void add_locations(djz_arena *a, cJSON *r, const djz_diag *d)
{
    cJSON *locs = must(cJSON_AddArrayToObject(r, "locations"));
    cJSON *loc = must(cJSON_CreateObject());
    append(locs, loc);
    attach(loc, "physicalLocation", physical_location(a, d->src, d->span));
}

static void add_related(djz_arena *a, cJSON *r, const djz_diag *d)
{
    cJSON *rel = NULL;
    uint32_t k = 0;
    for (const djz_note *n = d->notes; n; n = n->next) {
        if (!n->src)
            continue;
        if (!rel)
            rel = must(cJSON_AddArrayToObject(r, "relatedLocations"));
        cJSON *loc = must(cJSON_CreateObject());
        append(rel, loc);
        add_uint(loc, "id", k++);
        attach(loc, "physicalLocation", physical_location(a, n->src, n->span));
        add_message(loc, "message", djz_utf8_sanitize(a, n->message));
    }
}

static cJSON *result_json(djz_arena *a, const djz_diag *d)
{
    const djz_diag_info *info = djz_diag_lookup(d->code);
    char id[16];
    snprintf(id, sizeof id, "DJZ%04d", (int)d->code);
    cJSON *r = must(cJSON_CreateObject());
    add_str(r, "ruleId", id);
    if (info)
        add_uint(r, "ruleIndex", (uint32_t)(info - djz_catalogue));
    add_str(r, "level", djz_severity_name(d->severity));
    add_message(r, "message", result_text(a, d));
    if (d->src)
        add_locations(a, r, d);
    add_related(a, r, d);
    return r;
}

static cJSON *driver_json(const djz_render_opts *o)
{
    cJSON *driver = must(cJSON_CreateObject());
    add_str(driver, "name", "djaz");
    if (o && o->tool_version)
        add_str(driver, "version", o->tool_version);
    cJSON *rules = must(cJSON_AddArrayToObject(driver, "rules"));
    for (size_t i = 0; i < djz_catalogue_len; i++)
        append(rules, rule_json(&djz_catalogue[i]));
    return driver;
}

static cJSON *run_json(djz_diag_sink *s, const djz_render_opts *o)
{
    cJSON *run = must(cJSON_CreateObject());
    cJSON *tool = must(cJSON_AddObjectToObject(run, "tool"));
    attach(tool, "driver", driver_json(o));
    add_str(run, "columnKind", "unicodeCodePoints");
    cJSON *results = must(cJSON_AddArrayToObject(run, "results"));
    size_t n;
    djz_diag **sorted = djz_sink_sorted(s, &n);
    for (size_t i = 0; i < n; i++)
        append(results, result_json(s->arena, sorted[i]));
    return run;
}

void djz_render_sarif(FILE *out, djz_diag_sink *s, const djz_render_opts *o)
{
    cJSON *log = must(cJSON_CreateObject());
    add_str(log, "$schema", SARIF_SCHEMA);
    add_str(log, "version", "2.1.0");
    cJSON *runs = must(cJSON_AddArrayToObject(log, "runs"));
    append(runs, run_json(s, o));
    char *text = cJSON_Print(log);
    cJSON_Delete(log);
    if (!text)
        djz_out_of_memory();
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
}

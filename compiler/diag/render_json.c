/* render_json.c - diagnostics as JSON Lines, for tools.
 *
 * One object per diagnostic, in the sink's sorted order, written with
 * cJSON so that escaping is never done by hand.  Keys come in a fixed
 * order: code, name, severity, message, then (when the diagnostic has a
 * source) file, line, column, end_line, end_column, offset, length, then
 * help and notes when present.  Lines and columns count from 1, columns in
 * code points; the end is the position of span.hi, exclusive.  Strings are
 * made valid UTF-8 first (invalid bytes become U+FFFD). */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../support/utf8.h"
#include "diag.h"

static cJSON *must(cJSON *item)
{
    if (!item)
        djz_out_of_memory();
    return item;
}

static void add_text(djz_arena *a, cJSON *o, const char *key, const char *s)
{
    must(cJSON_AddStringToObject(o, key, djz_utf8_sanitize(a, s)));
}

static void add_uint(cJSON *o, const char *key, uint32_t n)
{
    must(cJSON_AddNumberToObject(o, key, (double)n));
}

static void add_location(djz_arena *a, cJSON *o, djz_source *src, djz_span span)
{
    uint32_t hi = span.hi < span.lo ? span.lo : span.hi;
    djz_linecol start = djz_source_linecol(src, span.lo);
    djz_linecol end = djz_source_linecol(src, hi);
    add_text(a, o, "file", src->name);
    add_uint(o, "line", start.line);
    add_uint(o, "column", start.col);
    add_uint(o, "end_line", end.line);
    add_uint(o, "end_column", end.col);
    add_uint(o, "offset", span.lo);
    add_uint(o, "length", hi - span.lo);
}

static cJSON *note_json(djz_arena *a, const djz_note *n)
{
    cJSON *o = must(cJSON_CreateObject());
    add_text(a, o, "message", n->message);
    if (n->src) {
        djz_linecol lc = djz_source_linecol(n->src, n->span.lo);
        add_text(a, o, "file", n->src->name);
        add_uint(o, "line", lc.line);
        add_uint(o, "column", lc.col);
    }
    return o;
}

static void add_notes(djz_arena *a, cJSON *o, const djz_note *notes)
{
    cJSON *arr = must(cJSON_AddArrayToObject(o, "notes"));
    for (const djz_note *n = notes; n; n = n->next)
        if (!cJSON_AddItemToArray(arr, note_json(a, n)))
            djz_out_of_memory();
}

static cJSON *diag_json(djz_arena *a, const djz_diag *d)
{
    const djz_diag_info *info = djz_diag_lookup(d->code);
    char code[16];
    snprintf(code, sizeof code, "DJZ%04d", (int)d->code);
    cJSON *o = must(cJSON_CreateObject());
    add_text(a, o, "code", code);
    if (info)
        add_text(a, o, "name", info->name);
    else
        must(cJSON_AddNullToObject(o, "name"));
    add_text(a, o, "severity", djz_severity_name(d->severity));
    add_text(a, o, "message", d->message);
    if (d->src)
        add_location(a, o, d->src, d->span);
    if (d->help)
        add_text(a, o, "help", d->help);
    if (d->notes)
        add_notes(a, o, d->notes);
    return o;
}

void djz_render_json(FILE *out, djz_diag_sink *s, const djz_render_opts *o)
{
    (void)o; /* JSON has no options */
    size_t n;
    djz_diag **sorted = djz_sink_sorted(s, &n);
    for (size_t i = 0; i < n; i++) {
        cJSON *obj = diag_json(s->arena, sorted[i]);
        char *line = cJSON_PrintUnformatted(obj);
        cJSON_Delete(obj);
        if (!line)
            djz_out_of_memory();
        fputs(line, out);
        fputc('\n', out);
        cJSON_free(line);
    }
}

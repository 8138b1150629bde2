/* json.c - JSON trees and their writer (see json.h). */
#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static djz_json *node(djz_arena *a, djz_json_kind k)
{
    djz_json *j = DJZ_NEW(a, djz_json);
    memset(j, 0, sizeof *j);
    j->kind = k;
    return j;
}

djz_json *djz_json_null(djz_arena *a)
{
    return node(a, DJZ_JSON_NULL);
}

djz_json *djz_json_bool(djz_arena *a, bool b)
{
    djz_json *j = node(a, DJZ_JSON_BOOL);
    j->boolean = b;
    return j;
}

djz_json *djz_json_int(djz_arena *a, long long v)
{
    return djz_json_number(a, djz_arena_printf(a, "%lld", v));
}

djz_json *djz_json_number(djz_arena *a, const char *text)
{
    djz_json *j = node(a, DJZ_JSON_NUMBER);
    j->text = text;
    return j;
}

djz_json *djz_json_str(djz_arena *a, const char *s)
{
    djz_json *j = node(a, DJZ_JSON_STRING);
    j->text = s;
    return j;
}

djz_json *djz_json_array(djz_arena *a)
{
    return node(a, DJZ_JSON_ARRAY);
}
djz_json *djz_json_object(djz_arena *a)
{
    return node(a, DJZ_JSON_OBJECT);
}
djz_json *djz_json_expr(djz_arena *a)
{
    return node(a, DJZ_JSON_EXPR);
}
djz_json *djz_json_concat(djz_arena *a)
{
    return node(a, DJZ_JSON_CONCAT);
}

djz_json *djz_json_slot(djz_arena *a, djz_slot *s)
{
    djz_json *j = node(a, DJZ_JSON_SLOT);
    j->slot = s;
    return j;
}

static void reserve(djz_arena *a, djz_json *j)
{
    if (j->n < j->cap)
        return;
    size_t cap = j->cap ? j->cap * 2 : 4;
    djz_json **items = djz_arena_alloc(a, cap * sizeof *items);
    if (j->n)
        memcpy(items, j->items, j->n * sizeof *items);
    j->items = items;
    if (j->kind == DJZ_JSON_OBJECT) {
        const char **keys = djz_arena_alloc(a, cap * sizeof *keys);
        if (j->n)
            memcpy(keys, j->keys, j->n * sizeof *keys);
        j->keys = keys;
    }
    j->cap = cap;
}

djz_json *djz_json_push(djz_arena *a, djz_json *arr, djz_json *v)
{
    reserve(a, arr);
    arr->items[arr->n++] = v;
    return v;
}

djz_json *djz_json_append(djz_arena *a, djz_json *obj, const char *key,
                          djz_json *v)
{
    reserve(a, obj);
    obj->keys[obj->n] = key;
    obj->items[obj->n++] = v;
    return v;
}

djz_json *djz_json_set(djz_arena *a, djz_json *obj, const char *key,
                       djz_json *v)
{
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key))
            return obj->items[i] = v;
    reserve(a, obj);
    obj->keys[obj->n] = key;
    obj->items[obj->n++] = v;
    return v;
}

djz_json *djz_json_set_str(djz_arena *a, djz_json *o, const char *k,
                           const char *s)
{
    return djz_json_set(a, o, k, djz_json_str(a, s));
}

djz_json *djz_json_set_int(djz_arena *a, djz_json *o, const char *k,
                           long long v)
{
    return djz_json_set(a, o, k, djz_json_int(a, v));
}

djz_json *djz_json_set_bool(djz_arena *a, djz_json *o, const char *k, bool b)
{
    return djz_json_set(a, o, k, djz_json_bool(a, b));
}

djz_json *djz_json_set_object(djz_arena *a, djz_json *o, const char *k)
{
    return djz_json_set(a, o, k, djz_json_object(a));
}

djz_json *djz_json_set_array(djz_arena *a, djz_json *o, const char *k)
{
    return djz_json_set(a, o, k, djz_json_array(a));
}

djz_json *djz_json_get(const djz_json *obj, const char *key)
{
    for (size_t i = 0; obj && i < obj->n; i++)
        if (!strcmp(obj->keys[i], key))
            return obj->items[i];
    return NULL;
}

djz_json *djz_expr_raw(djz_arena *a, djz_json *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = djz_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return djz_json_push(a, e, djz_json_str(a, s));
}

/* 'text' with quotes doubled, as ARM expressions write string literals. */
static char *quoted(djz_arena *a, const char *s)
{
    size_t n = 2;
    for (const char *p = s; *p; p++)
        n += *p == '\'' ? 2 : 1;
    char *q = djz_arena_alloc(a, n + 1), *w = q;
    *w++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            *w++ = '\'';
        *w++ = *p;
    }
    *w++ = '\'';
    *w = '\0';
    return q;
}

djz_json *djz_expr_lit(djz_arena *a, djz_json *e, const char *s)
{
    return djz_json_push(a, e, djz_json_str(a, quoted(a, s)));
}

djz_json *djz_expr_part(djz_arena *a, djz_json *e, djz_json *part)
{
    return djz_json_push(a, e, part);
}

bool djz_json_equal(const djz_json *x, const djz_json *y)
{
    if (x == y)
        return true;
    if (!x || !y || x->kind != y->kind)
        return false;
    switch (x->kind) {
    case DJZ_JSON_NULL:
        return true;
    case DJZ_JSON_BOOL:
        return x->boolean == y->boolean;
    case DJZ_JSON_NUMBER:
    case DJZ_JSON_STRING:
        return !strcmp(x->text, y->text);
    case DJZ_JSON_SLOT:
        return x->slot == y->slot;
    case DJZ_JSON_OBJECT:
    case DJZ_JSON_ARRAY:
    case DJZ_JSON_EXPR:
    case DJZ_JSON_CONCAT:
    case DJZ_JSON_SWITCH:
        if (x->n != y->n)
            return false;
        for (size_t i = 0; i < x->n; i++) {
            if (x->kind == DJZ_JSON_OBJECT && strcmp(x->keys[i], y->keys[i]))
                return false;
            if (!djz_json_equal(x->items[i], y->items[i]))
                return false;
        }
        return true;
    }
    return false;
}

/* ---- output ---------------------------------------------------------- */

bool djz_json_arm_reads(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && s[0] == '[' && s[n - 1] == ']';
}

/* A JSON string literal; prefix is written first inside the quotes. */
static void string(djz_buf *b, const char *prefix, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    djz_buf_putc(b, '"');
    djz_buf_puts(b, prefix);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        djz_buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            djz_buf_puts(b, "\\\"");
            break;
        case '\\':
            djz_buf_puts(b, "\\\\");
            break;
        case '\n':
            djz_buf_puts(b, "\\n");
            break;
        case '\r':
            djz_buf_puts(b, "\\r");
            break;
        case '\t':
            djz_buf_puts(b, "\\t");
            break;
        default: {
            char u[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            djz_buf_puts(b, u);
        }
        }
    }
    djz_buf_put(b, s + run, n - run);
    djz_buf_putc(b, '"');
}

typedef struct writer {
    djz_buf *out;
    const djz_json_envs *envs;
    bool arm; /* slots, expressions, "[[" escaping */
} writer;

/* The value a constant slot stands for: its first defined value. */
static const djz_json *slot_value(const djz_slot *s)
{
    for (size_t i = 0; i < s->nvalues; i++)
        if (s->values[i])
            return s->values[i];
    return NULL;
}

static bool all_constant(const djz_json *concat)
{
    for (size_t i = 0; i < concat->n; i++)
        if (concat->items[i]->kind == DJZ_JSON_SLOT &&
            concat->items[i]->slot->parameter)
            return false;
    return true;
}

/* The literal text of a CONCAT whose slots are all constant. */
static void concat_text(djz_buf *b, const djz_json *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const djz_json *p = c->items[i];
        if (p->kind == DJZ_JSON_SLOT)
            p = slot_value(p->slot);
        if (p && p->text)
            djz_buf_puts(b, p->text);
    }
}

/* 'text' with quotes doubled, straight into b. */
static void put_quoted(djz_buf *b, const char *s)
{
    djz_buf_put(b, "'", 1);
    for (const char *q; (q = strchr(s, '\'')); s = q + 1) {
        djz_buf_put(b, s, (size_t)(q - s) + 1);
        djz_buf_put(b, "'", 1);
    }
    djz_buf_puts(b, s);
    djz_buf_put(b, "'", 1);
}

static void expr(const writer *w, djz_buf *b, const djz_json *v);
static void concat_expr(const writer *w, djz_buf *b, const djz_json *v);

static void expr_list(const writer *w, djz_buf *b, const char *fn,
                      const djz_json *v, bool keys)
{
    djz_buf_puts(b, fn);
    djz_buf_putc(b, '(');
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            djz_buf_puts(b, ", ");
        if (keys) {
            put_quoted(b, v->keys[i]);
            djz_buf_puts(b, ", ");
        }
        expr(w, b, v->items[i]);
    }
    djz_buf_putc(b, ')');
}

/* A CONCAT with a parameter in it: concat('lit', parameters('x'), ...)
 * with neighbouring constant text joined, or the one part alone. */
static void concat_expr(const writer *w, djz_buf *b, const djz_json *v)
{
    djz_json parts = {.kind = DJZ_JSON_ARRAY};
    djz_json **items = djz_xmalloc(v->n * sizeof *items);
    djz_json *texts = djz_xmalloc(v->n * sizeof *texts);
    djz_buf *bufs = djz_xmalloc(v->n * sizeof *bufs);
    parts.items = items;
    for (size_t i = 0; i < v->n; i++) {
        const djz_json *p = v->items[i];
        if (p->kind == DJZ_JSON_SLOT && !p->slot->parameter)
            p = slot_value(p->slot);
        if (p->kind != DJZ_JSON_STRING) {
            items[parts.n++] = (djz_json *)p;
            continue;
        }
        /* constant text: joined with the text before it */
        size_t k = parts.n;
        if (k && items[k - 1] == &texts[k - 1]) {
            djz_buf_puts(&bufs[k - 1], p->text);
            texts[k - 1].text = bufs[k - 1].data;
            continue;
        }
        bufs[k] = (djz_buf){0};
        djz_buf_puts(&bufs[k], p->text);
        texts[k] = (djz_json){.kind = DJZ_JSON_STRING, .text = bufs[k].data};
        items[parts.n++] = &texts[k];
    }
    if (parts.n == 1)
        expr(w, b, items[0]);
    else
        expr_list(w, b, "concat", &parts, false);
    for (size_t i = 0; i < parts.n; i++)
        if (items[i] == &texts[i])
            djz_buf_free(&bufs[i]);
    free(items);
    free(texts);
    free(bufs);
}

/* v as an ARM expression (without the brackets). */
static void expr(const writer *w, djz_buf *b, const djz_json *v)
{
    switch (v->kind) {
    case DJZ_JSON_NULL:
        djz_buf_puts(b, "null()");
        return;
    case DJZ_JSON_BOOL:
        djz_buf_puts(b, v->boolean ? "true()" : "false()");
        return;
    case DJZ_JSON_NUMBER:
        djz_buf_puts(b, v->text);
        return;
    case DJZ_JSON_STRING:
        put_quoted(b, v->text);
        return;
    case DJZ_JSON_ARRAY:
        if (!v->n)
            djz_buf_puts(b, "json('[]')");
        else
            expr_list(w, b, "createArray", v, false);
        return;
    case DJZ_JSON_OBJECT:
        if (!v->n)
            djz_buf_puts(b, "json('{}')");
        else
            expr_list(w, b, "createObject", v, true);
        return;
    case DJZ_JSON_SLOT:
        if (v->slot->parameter) {
            djz_buf_puts(b, "parameters('");
            djz_buf_puts(b, v->slot->name);
            djz_buf_puts(b, "')");
        } else {
            expr(w, b, slot_value(v->slot));
        }
        return;
    case DJZ_JSON_EXPR:
        for (size_t i = 0; i < v->n; i++) {
            const djz_json *p = v->items[i];
            if (p->kind == DJZ_JSON_STRING)
                djz_buf_puts(b, p->text);
            else
                expr(w, b, p);
        }
        return;
    case DJZ_JSON_CONCAT:
        if (all_constant(v)) {
            djz_buf t = {0};
            concat_text(&t, v);
            djz_json s = {.kind = DJZ_JSON_STRING,
                          .text = t.data ? t.data : ""};
            expr(w, b, &s);
            djz_buf_free(&t);
        } else {
            concat_expr(w, b, v);
        }
        return;
    case DJZ_JSON_SWITCH: {
        /* if(equals(parameters('environment'), 'e'), X, ...) */
        size_t last = v->n;
        while (last && !v->items[last - 1])
            last--;
        size_t open = 0;
        for (size_t i = 0; i + 1 < last; i++) {
            if (!v->items[i])
                continue;
            djz_buf_puts(b, "if(equals(parameters('environment'), '");
            djz_buf_puts(b, w->envs && i < w->envs->n ? w->envs->names[i] : "");
            djz_buf_puts(b, "'), ");
            expr(w, b, v->items[i]);
            djz_buf_puts(b, ", ");
            open++;
        }
        if (last)
            expr(w, b, v->items[last - 1]);
        while (open--)
            djz_buf_putc(b, ')');
        return;
    }
    }
}

static void indent(djz_buf *b, int depth)
{
    djz_buf_putc(b, '\n');
    for (int i = 0; i < depth; i++)
        djz_buf_put(b, "  ", 2);
}

static void value(const writer *w, const djz_json *v, int depth)
{
    djz_buf *b = w->out;
    switch (v->kind) {
    case DJZ_JSON_NULL:
        djz_buf_puts(b, "null");
        return;
    case DJZ_JSON_BOOL:
        djz_buf_puts(b, v->boolean ? "true" : "false");
        return;
    case DJZ_JSON_NUMBER:
        djz_buf_puts(b, v->text);
        return;
    case DJZ_JSON_STRING: {
        size_t n = strlen(v->text);
        string(b, w->arm && djz_json_arm_reads(v->text) ? "[" : "", v->text, n);
        return;
    }
    case DJZ_JSON_ARRAY:
    case DJZ_JSON_OBJECT: {
        bool obj = v->kind == DJZ_JSON_OBJECT;
        djz_buf_putc(b, obj ? '{' : '[');
        for (size_t i = 0; i < v->n; i++) {
            if (i)
                djz_buf_putc(b, ',');
            indent(b, depth + 1);
            if (obj) {
                string(b, "", v->keys[i], strlen(v->keys[i]));
                djz_buf_puts(b, ": ");
            }
            value(w, v->items[i], depth + 1);
        }
        if (v->n)
            indent(b, depth);
        djz_buf_putc(b, obj ? '}' : ']');
        return;
    }
    case DJZ_JSON_SLOT:
        if (!v->slot->parameter) {
            const djz_json *c = slot_value(v->slot);
            if (c) {
                value(w, c, depth);
                return;
            }
        }
        break;
    case DJZ_JSON_CONCAT:
        if (all_constant(v)) {
            djz_buf t = {0};
            concat_text(&t, v);
            djz_json s = {.kind = DJZ_JSON_STRING,
                          .text = t.data ? t.data : ""};
            value(w, &s, depth);
            djz_buf_free(&t);
            return;
        }
        break;
    case DJZ_JSON_EXPR:
    case DJZ_JSON_SWITCH:
        break;
    }
    djz_buf e = {0};
    djz_buf_putc(&e, '[');
    expr(w, &e, v);
    djz_buf_putc(&e, ']');
    string(b, "", e.data, e.len);
    djz_buf_free(&e);
}

void djz_json_write(djz_buf *out, const djz_json *v, const djz_json_envs *envs)
{
    writer w = {out, envs, true};
    value(&w, v, 0);
    djz_buf_putc(out, '\n');
}

void djz_json_write_plain(djz_buf *out, const djz_json *v)
{
    writer w = {out, NULL, false};
    value(&w, v, 0);
    djz_buf_putc(out, '\n');
}

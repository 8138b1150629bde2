/* ast_dump.c - a stable S-expression dump of the syntax tree.
 *
 * One statement per line, bodies indented by two spaces, values inline.
 * Names print bare, strings quoted with C-like escapes, interpolations as
 * ${a.b}.  With spans, every node and name is followed by @lo..hi (byte
 * offsets).  The format is for tests and debugging; it changes only with
 * the grammar. */
#include <stdio.h>

#include "ast.h"

typedef struct dumper {
    FILE *out;
    bool spans;
} dumper;

static void span(const dumper *d, djz_span s)
{
    if (d->spans)
        fprintf(d->out, "@%u..%u", s.lo, s.hi);
}

static void quoted(const dumper *d, const char *s, size_t n)
{
    fputc('"', d->out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(d->out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", d->out);
        else if (c == '\t')
            fputs("\\t", d->out);
        else if (c == '\r')
            fputs("\\r", d->out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(d->out, "\\u{%x}", c);
        else
            fputc(c, d->out);
    }
    fputc('"', d->out);
}

static void path(const dumper *d, const djz_path *p)
{
    for (const djz_name *n = p->head; n; n = n->next) {
        fprintf(d->out, "%s%s", n == p->head ? "" : ".", n->text);
        span(d, n->span);
    }
}

static void value(const dumper *d, const djz_node *v);

static void string(const dumper *d, const djz_node *s)
{
    fputs("(string", d->out);
    span(d, s->span);
    for (const djz_strpart *p = s->u.string.parts.head; p; p = p->next) {
        fputc(' ', d->out);
        if (p->kind == DJZ_PART_TEXT) {
            quoted(d, p->text, p->len);
        } else {
            fputs("${", d->out);
            path(d, &p->path);
            fputc('}', d->out);
        }
        span(d, p->span);
    }
    fputc(')', d->out);
}

static void items(const dumper *d, const char *kind, const djz_node *v)
{
    fprintf(d->out, "(%s", kind);
    span(d, v->span);
    for (const djz_node *i = v->u.list.items.head; i; i = i->next) {
        fputc(' ', d->out);
        value(d, i);
    }
    fputc(')', d->out);
}

static void value(const dumper *d, const djz_node *v)
{
    switch (v->kind) {
    case DJZ_NODE_STRING:
        string(d, v);
        return;
    case DJZ_NODE_NUMBER:
        fputs(v->u.number.text, d->out);
        break;
    case DJZ_NODE_BOOL:
        fputs(djz_bool_text(v->u.boolean.spelling), d->out);
        break;
    case DJZ_NODE_REF:
        path(d, &v->u.ref.path);
        return;
    case DJZ_NODE_LIST:
        items(d, "list", v);
        return;
    case DJZ_NODE_MAP:
        items(d, "map", v);
        return;
    case DJZ_NODE_ENTRY:
        fputs("(entry ", d->out);
        value(d, v->u.entry.key);
        fputc(' ', d->out);
        value(d, v->u.entry.value);
        fputc(')', d->out);
        break;
    default:
        fputs("(?)", d->out);
        return;
    }
    span(d, v->span);
}

static void head(const dumper *d, const djz_head *h)
{
    fputc(' ', d->out);
    path(d, &h->name);
    for (const djz_node *l = h->labels.head; l; l = l->next) {
        fputc(' ', d->out);
        value(d, l);
    }
}

static void stmts(const dumper *d, const djz_nodes *list, int depth);

static void stmt(const dumper *d, const djz_node *s, int depth)
{
    static const char *const names[] = {
        [DJZ_NODE_HEADER] = "header", [DJZ_NODE_IMPORT] = "import",
        [DJZ_NODE_ATTR] = "attr",     [DJZ_NODE_BLOCK] = "block",
        [DJZ_NODE_DECL] = "decl",
    };
    fprintf(d->out, "%*s(%s", depth * 2, "", names[s->kind]);
    span(d, s->span);
    if (s->kind == DJZ_NODE_HEADER || s->kind == DJZ_NODE_IMPORT) {
        fputc(' ', d->out);
        value(d, s->kind == DJZ_NODE_HEADER ? s->u.header.version
                                            : s->u.import.path);
    } else {
        head(d, &s->u.stmt.head);
    }
    if (s->kind == DJZ_NODE_ATTR) {
        fputc(' ', d->out);
        value(d, s->u.stmt.value);
    }
    if (s->kind == DJZ_NODE_BLOCK && s->u.stmt.body.head) {
        fputc('\n', d->out);
        stmts(d, &s->u.stmt.body, depth + 1);
        fprintf(d->out, "%*s", depth * 2, "");
    }
    fputs(")\n", d->out);
}

static void stmts(const dumper *d, const djz_nodes *list, int depth)
{
    for (const djz_node *s = list->head; s; s = s->next)
        stmt(d, s, depth);
}

void djz_ast_dump(FILE *out, const djz_node *file, bool spans)
{
    dumper d = {out, spans};
    fputs("(file", out);
    span(&d, file->span);
    fputc('\n', out);
    stmts(&d, &file->u.file.stmts, 1);
    fputs(")\n", out);
}

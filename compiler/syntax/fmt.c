/* fmt.c - printing a syntax tree in the canonical layout.
 *
 * Comments are not in the tree: they come as a sorted list, and a cursor
 * (next) walks it alongside the statements.  A comment before a statement
 * is printed on its own line above it; one after a statement on the same
 * source line stays at the end of that line.  Blank lines are taken from
 * the source (at most one) except right after `{` and before `}`.
 * Decisions depend only on the tree, the comments and the width, which is
 * what makes the output a fixed point. */
#include "fmt.h"

#include "../support/buf.h"
#include "../support/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fmt {
    FILE *out;
    const djz_source *src;
    const djz_comment *next; /* first comment not yet printed */
    int indent;
} fmt;

/* ---- text helpers -------------------------------------------------- */

static size_t width_of(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void indent(fmt *f)
{
    fprintf(f->out, "%*s", f->indent * 2, "");
}

/* Whether a line holding only white space lies between two offsets (the
 * partial lines at either end do not count). */
static bool has_blank_line(const fmt *f, uint32_t from, uint32_t to)
{
    bool after_newline = false, blank = false;
    for (uint32_t i = from; i < to && i < f->src->len; i++) {
        char c = f->src->text[i];
        if (c == '\n') {
            if (after_newline && blank)
                return true;
            after_newline = blank = true;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            blank = false;
        }
    }
    return false;
}

static bool same_line(const fmt *f, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to && i < f->src->len; i++)
        if (f->src->text[i] == '\n')
            return false;
    return true;
}

static bool comment_before(const fmt *f, uint32_t offset)
{
    return f->next && f->next->span.lo < offset;
}

/* A comment as written, less trailing white space. */
static void print_comment(fmt *f, const djz_comment *c)
{
    uint32_t hi = c->span.hi;
    while (hi > c->span.lo &&
           (f->src->text[hi - 1] == ' ' || f->src->text[hi - 1] == '\t'))
        hi--;
    fwrite(f->src->text + c->span.lo, 1, hi - c->span.lo, f->out);
}

/* A comment right after `offset` on the same line goes at the end of the
 * line being printed. */
static void trailing_comment(fmt *f, uint32_t offset)
{
    if (f->next && f->next->span.lo >= offset &&
        same_line(f, offset, f->next->span.lo)) {
        fputs("  ", f->out);
        print_comment(f, f->next);
        f->next = f->next->next;
    }
}

/* Like trailing_comment, but hands the comment back instead of printing
 * it, so that a run of lines can align their comments. */
static const djz_comment *take_trailing(fmt *f, uint32_t offset)
{
    const djz_comment *c = f->next;
    if (c && c->span.lo >= offset && same_line(f, offset, c->span.lo)) {
        f->next = c->next;
        return c;
    }
    return NULL;
}

/* Comments before `offset`, one per line; *prev is the end of what was
 * printed last in this body, *first whether nothing was. */
static void leading_comments(fmt *f, uint32_t offset, uint32_t *prev,
                             bool *first)
{
    while (comment_before(f, offset)) {
        const djz_comment *c = f->next;
        if (!*first && has_blank_line(f, *prev, c->span.lo))
            fputc('\n', f->out);
        indent(f);
        print_comment(f, c);
        fputc('\n', f->out);
        *prev = c->span.hi;
        *first = false;
        f->next = c->next;
    }
}

/* ---- values -------------------------------------------------------- */

static void print_char(FILE *out, const char *s, size_t n, uint32_t cp,
                       bool before_brace)
{
    static const char plain[] = "\"\\\n\r\t";
    static const char escaped[] = "\"\\nrt";
    const char *e = cp < 0x80 && cp ? strchr(plain, (int)cp) : NULL;
    if (e)
        fprintf(out, "\\%c", escaped[e - plain]);
    else if (cp == '$' && before_brace)
        fputs("\\$", out);
    else if (djz_utf8_invisible(cp)) /* so a reader sees it */
        fprintf(out, "\\u{%x}", cp);
    else
        fwrite(s, 1, n, out);
}

static void print_text(FILE *out, const djz_strpart *p)
{
    for (size_t i = 0; i < p->len;) {
        uint32_t cp;
        size_t n = djz_utf8_decode(p->text + i, p->len - i, &cp);
        if (n == 0) { /* cannot happen: sources are valid UTF-8 */
            cp = 0xfffd;
            n = 1;
        }
        bool before_brace = i + 1 < p->len && p->text[i + 1] == '{';
        print_char(out, p->text + i, n, cp, before_brace);
        i += n;
    }
}

static void print_path(FILE *out, const djz_path *p)
{
    for (const djz_name *n = p->head; n; n = n->next)
        fprintf(out, "%s%s", n == p->head ? "" : ".", n->text);
}

static void print_string(FILE *out, const djz_node *s)
{
    fputc('"', out);
    for (const djz_strpart *p = s->u.string.parts.head; p; p = p->next) {
        if (p->kind == DJZ_PART_TEXT) {
            print_text(out, p);
        } else {
            fputs("${", out);
            print_path(out, &p->path);
            fputc('}', out);
        }
    }
    fputc('"', out);
}

/* Writes v on one line; false when it cannot be (a comment inside). */
static bool inline_value(const fmt *f, FILE *out, const djz_node *v);

static bool inline_items(const fmt *f, FILE *out, const djz_node *v)
{
    bool map = v->kind == DJZ_NODE_MAP;
    if (!v->u.list.items.head) {
        fputs(map ? "{}" : "[]", out);
        return true;
    }
    fputs(map ? "{ " : "[", out);
    for (const djz_node *i = v->u.list.items.head; i; i = i->next) {
        if (i != v->u.list.items.head)
            fputs(", ", out);
        if (!inline_value(f, out, i))
            return false;
    }
    fputs(map ? " }" : "]", out);
    return true;
}

static bool inline_value(const fmt *f, FILE *out, const djz_node *v)
{
    switch (v->kind) {
    case DJZ_NODE_STRING:
        print_string(out, v);
        return true;
    case DJZ_NODE_NUMBER:
        fputs(v->u.number.text, out);
        return true;
    case DJZ_NODE_BOOL:
        fputs(djz_bool_text(v->u.boolean.spelling), out);
        return true;
    case DJZ_NODE_REF:
        print_path(out, &v->u.ref.path);
        return true;
    case DJZ_NODE_ENTRY:
        if (!inline_value(f, out, v->u.entry.key))
            return false;
        fputs(" = ", out);
        return inline_value(f, out, v->u.entry.value);
    case DJZ_NODE_LIST:
    case DJZ_NODE_MAP:
        if (comment_before(f, v->span.hi))
            return false;
        return inline_items(f, out, v);
    default:
        return false;
    }
}

/* v on one line as a malloc'd string, or NULL. */
static char *inline_text(const fmt *f, const djz_node *v)
{
    djz_buf m = {0};
    FILE *out = djz_buf_stream(&m);
    bool ok = inline_value(f, out, v);
    fclose(out);
    if (!ok) {
        djz_buf_free(&m);
        return NULL;
    }
    return djz_buf_take(&m);
}

static void print_value(fmt *f, const djz_node *v, size_t column);

/* Width to pad map keys to: the widest key of the map. */
static size_t key_width(const fmt *f, const djz_node *map)
{
    size_t w = 0;
    for (const djz_node *e = map->u.list.items.head; e; e = e->next) {
        char *k = inline_text(f, e->u.entry.key);
        size_t kw = k ? width_of(k) : 0;
        w = kw > w ? kw : w;
        free(k);
    }
    return w;
}

static void print_item(fmt *f, const djz_node *item, size_t pad)
{
    indent(f);
    size_t column = (size_t)f->indent * 2;
    if (item->kind == DJZ_NODE_ENTRY) {
        char *k = inline_text(f, item->u.entry.key);
        fprintf(f->out, "%s%*s = ", k, (int)(pad - width_of(k)), "");
        column += pad + 3;
        free(k);
        print_value(f, item->u.entry.value, column);
    } else {
        print_value(f, item, column);
        fputc(',', f->out);
    }
    trailing_comment(f, item->span.hi);
    fputc('\n', f->out);
}

/* A list or map, one item per line: list items end with a comma, map
 * entries are aligned on `=` like a block's attributes. */
static void print_items_multiline(fmt *f, const djz_node *v)
{
    bool map = v->kind == DJZ_NODE_MAP;
    size_t pad = map ? key_width(f, v) : 0;
    fputc(map ? '{' : '[', f->out);
    trailing_comment(f, v->span.lo + 1);
    fputc('\n', f->out);
    f->indent++;
    uint32_t prev = v->span.lo + 1;
    bool first = true;
    for (const djz_node *i = v->u.list.items.head; i; i = i->next) {
        leading_comments(f, i->span.lo, &prev, &first);
        print_item(f, i, pad);
        prev = i->span.hi;
        first = false;
    }
    leading_comments(f, v->span.hi, &prev, &first);
    f->indent--;
    indent(f);
    fputc(map ? '}' : ']', f->out);
}

static void print_value(fmt *f, const djz_node *v, size_t column)
{
    char *text = inline_text(f, v);
    bool composite = v->kind == DJZ_NODE_LIST || v->kind == DJZ_NODE_MAP;
    if (text && (!composite || column + width_of(text) <= DJZ_FMT_WIDTH ||
                 !v->u.list.items.head))
        fputs(text, f->out);
    else
        print_items_multiline(f, v);
    free(text);
}

/* ---- statements ---------------------------------------------------- */

static char *head_text(const djz_head *h)
{
    djz_buf m = {0};
    FILE *out = djz_buf_stream(&m);
    print_path(out, &h->name);
    for (const djz_node *l = h->labels.head; l; l = l->next) {
        fputc(' ', out);
        if (l->kind == DJZ_NODE_STRING)
            print_string(out, l);
        else
            print_path(out, &l->u.ref.path);
    }
    fclose(out);
    return djz_buf_take(&m);
}

static void print_body(fmt *f, const djz_nodes *body, uint32_t start,
                       uint32_t end);

static void print_attr(fmt *f, const djz_node *s, size_t pad)
{
    char *h = head_text(&s->u.stmt.head);
    fprintf(f->out, "%s%*s = ", h, (int)(pad - width_of(h)), "");
    size_t column = (size_t)f->indent * 2 + pad + 3;
    free(h);
    print_value(f, s->u.stmt.value, column);
}

/* `head { name = value }` when the body is one attribute, with no
 * comment, and the line fits. */
static char *one_line_block(const fmt *f, const djz_node *s, const char *h)
{
    const djz_nodes *body = &s->u.stmt.body;
    if (body->len != 1 || body->head->kind != DJZ_NODE_ATTR ||
        comment_before(f, s->u.stmt.close.hi))
        return NULL;
    const djz_node *a = body->head;
    char *value = inline_text(f, a->u.stmt.value);
    char *ah = head_text(&a->u.stmt.head);
    char *line = NULL;
    if (value) {
        size_t n = strlen(h) + strlen(ah) + strlen(value) + 16;
        line = djz_xmalloc(n);
        snprintf(line, n, "%s { %s = %s }", h, ah, value);
        if ((size_t)f->indent * 2 + width_of(line) > DJZ_FMT_WIDTH) {
            free(line);
            line = NULL;
        }
    }
    free(value);
    free(ah);
    return line;
}

static void print_block(fmt *f, const djz_node *s)
{
    char *h = head_text(&s->u.stmt.head);
    char *line = one_line_block(f, s, h);
    if (line) {
        fputs(line, f->out);
    } else if (!s->u.stmt.body.head && !comment_before(f, s->u.stmt.close.lo)) {
        fprintf(f->out, "%s {}", h);
    } else {
        fprintf(f->out, "%s {", h);
        trailing_comment(f, s->u.stmt.open.hi);
        fputc('\n', f->out);
        f->indent++;
        print_body(f, &s->u.stmt.body, s->u.stmt.open.hi, s->u.stmt.close.lo);
        f->indent--;
        indent(f);
        fputc('}', f->out);
    }
    free(line);
    free(h);
}

/* The statement itself: no indentation before it, no comment or line
 * break after it. */
static void print_stmt(fmt *f, const djz_node *s, size_t pad)
{
    switch (s->kind) {
    case DJZ_NODE_HEADER:
        fprintf(f->out, "djaz %s", s->u.header.version->u.number.text);
        break;
    case DJZ_NODE_IMPORT:
        fputs("import ", f->out);
        print_string(f->out, s->u.import.path);
        break;
    case DJZ_NODE_ATTR:
        print_attr(f, s, pad);
        break;
    case DJZ_NODE_BLOCK:
        print_block(f, s);
        break;
    default: {
        char *h = head_text(&s->u.stmt.head);
        fputs(h, f->out);
        free(h);
    }
    }
}

/* Pads for each statement: attributes in a run (no blank line or other
 * statement between them) share the width of the run's longest head. */
static size_t *attr_pads(const fmt *f, const djz_nodes *body)
{
    size_t *pads = djz_xmalloc(sizeof *pads * (body->len ? body->len : 1));
    size_t i = 0, run_start = 0, width = 0;
    const djz_node *prev = NULL;
    for (const djz_node *s = body->head; s; s = s->next, i++) {
        bool attr = s->kind == DJZ_NODE_ATTR;
        bool joins = attr && prev && prev->kind == DJZ_NODE_ATTR &&
                     !has_blank_line(f, prev->span.hi, s->span.lo);
        if (!joins) {
            for (size_t k = run_start; k < i; k++)
                pads[k] = width;
            run_start = i;
            width = 0;
        }
        if (attr) {
            char *h = head_text(&s->u.stmt.head);
            size_t w = width_of(h);
            width = w > width ? w : width;
            free(h);
        }
        prev = s;
    }
    for (size_t k = run_start; k < i; k++)
        pads[k] = width;
    return pads;
}

/* Lines of single-line statements waiting to be printed with their
 * trailing comments aligned, as gofmt does. */
typedef struct line_run {
    char **text;
    const djz_comment **comment;
    size_t n;
} line_run;

static void flush_run(fmt *f, line_run *run)
{
    size_t col = 0;
    for (size_t i = 0; i < run->n; i++) {
        size_t w = width_of(run->text[i]);
        if (run->comment[i] && w > col)
            col = w;
    }
    for (size_t i = 0; i < run->n; i++) {
        indent(f);
        fputs(run->text[i], f->out);
        if (run->comment[i]) {
            fprintf(f->out, "%*s", (int)(col - width_of(run->text[i]) + 2), "");
            print_comment(f, run->comment[i]);
        }
        fputc('\n', f->out);
        free(run->text[i]);
    }
    run->n = 0;
}

/* The statement as text, printed through a memory stream. */
static char *stmt_text(fmt *f, const djz_node *s, size_t pad)
{
    djz_buf m = {0};
    FILE *real = f->out;
    f->out = djz_buf_stream(&m);
    print_stmt(f, s, pad);
    fclose(f->out);
    f->out = real;
    return djz_buf_take(&m);
}

static void print_body(fmt *f, const djz_nodes *body, uint32_t start,
                       uint32_t end)
{
    size_t *pads = attr_pads(f, body);
    size_t cap = body->len ? body->len : 1;
    line_run run = {djz_xmalloc(sizeof(char *) * cap),
                    djz_xmalloc(sizeof(djz_comment *) * cap), 0};
    uint32_t prev = start;
    bool first = true;
    size_t i = 0;
    for (const djz_node *s = body->head; s; s = s->next, i++) {
        /* a blank line or a comment line ends the run */
        if ((!first && has_blank_line(f, prev, s->span.lo)) ||
            comment_before(f, s->span.lo))
            flush_run(f, &run);
        leading_comments(f, s->span.lo, &prev, &first);
        if (!first && has_blank_line(f, prev, s->span.lo))
            fputc('\n', f->out);
        run.text[run.n] = stmt_text(f, s, pads[i]);
        run.comment[run.n] = take_trailing(f, s->span.hi);
        bool multiline = strchr(run.text[run.n], '\n') != NULL;
        run.n++;
        if (multiline)
            flush_run(f, &run); /* a block or a long list ends the run */
        prev = s->span.hi;
        first = false;
    }
    flush_run(f, &run);
    leading_comments(f, end, &prev, &first);
    free(run.text);
    free(run.comment);
    free(pads);
}

char *djz_format(const djz_parsed *p, size_t *len)
{
    djz_buf m = {0};
    FILE *out = djz_buf_stream(&m);
    fmt f = {out, p->src, p->comments, 0};
    print_body(&f, &p->file->u.file.stmts, 0, p->src->len + 1);
    fclose(out);
    *len = m.len;
    return djz_buf_take(&m);
}

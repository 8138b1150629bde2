/* validate.c - syntax rules the grammar leaves to a walk over the tree.
 *
 * The grammar accepts `djaz N` and `import` as statements anywhere so
 * that a misplaced one gets a precise message instead of a parse error.
 * Here: the file starts with `djaz 1`, once; imports stand at the top
 * level; a top-level declaration that looks like a misspelt `import` says
 * so. */
#include "parse.h"

#include <string.h>

#include "../support/suggest.h"

/* Whether the text opens with `djaz` after blank lines and comments: then
 * a header is there but failed to parse, and that error says enough. */
static bool opens_with_djaz(const djz_source *src)
{
    const char *p = src->text, *end = src->text + src->len;
    while (p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        } else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/')) {
            while (p < end && *p != '\n')
                p++;
        } else {
            break;
        }
    }
    return end - p >= 4 && memcmp(p, "djaz", 4) == 0;
}

static bool has_header(const djz_node *file)
{
    for (const djz_node *s = file->u.file.stmts.head; s; s = s->next)
        if (s->kind == DJZ_NODE_HEADER)
            return true;
    return false;
}

/* Whether an error was reported in src before offset: then the first
 * statement failed to parse, and "missing header" would only echo it. */
static bool error_before(const djz_diag_sink *sink, const djz_source *src,
                         uint32_t offset)
{
    for (const djz_diag *d = sink->head; d; d = d->next)
        if (d->src == src && d->severity == DJZ_SEV_ERROR &&
            d->span.lo < offset)
            return true;
    return false;
}

static void check_header(djz_diag_sink *sink, djz_source *src,
                         const djz_node *file)
{
    const djz_node *first = file->u.file.stmts.head;
    if (!first || first->kind != DJZ_NODE_HEADER) {
        if (has_header(file) || opens_with_djaz(src) ||
            error_before(sink, src, first ? first->span.lo : src->len + 1))
            return; /* misplaced, or broken: reported elsewhere */
        djz_span at = first ? first->span : djz_span_make(src->len, src->len);
        if (first)
            at.hi = at.lo;
        djz_diag *d = djz_report(sink, DJZ_MISSING_HEADER, src, at,
                                 "spec does not start with `djaz 1`");
        djz_diag_help(sink, d, "add the line `djaz 1` at the top of the file");
        return;
    }
    const djz_node *v = first->u.header.version;
    if (strcmp(v->u.number.text, "1") != 0) {
        djz_diag *d =
            djz_report(sink, DJZ_UNSUPPORTED_VERSION, src, v->span,
                       "unsupported language version `%s`", v->u.number.text);
        djz_diag_help(sink, d, "this djaz reads `djaz 1`");
    }
}

static void check_stmts(djz_diag_sink *sink, djz_source *src,
                        const djz_nodes *stmts, bool top,
                        const djz_node *header);

static void check_misspelt_import(djz_diag_sink *sink, djz_source *src,
                                  const djz_node *s)
{
    static const char *const keywords[] = {"import"};
    const djz_head *h = &s->u.stmt.head;
    if (h->name.len != 1 || h->labels.len != 1 ||
        h->labels.head->kind != DJZ_NODE_STRING)
        return;
    const char *word = h->name.head->text;
    if (!djz_suggest(word, keywords, 1))
        return;
    djz_diag *d =
        djz_report(sink, DJZ_MISSPELT_KEYWORD, src, h->name.head->span,
                   "unknown statement `%s`", word);
    djz_diag_help(sink, d, "did you mean `import`?");
}

static void check_stmt(djz_diag_sink *sink, djz_source *src, const djz_node *s,
                       bool top, const djz_node *header)
{
    switch (s->kind) {
    case DJZ_NODE_HEADER:
        if (s != header) {
            djz_diag *d = djz_report(sink, DJZ_MISPLACED_HEADER, src, s->span,
                                     "`djaz` version line is not the first "
                                     "statement");
            djz_diag_help(sink, d,
                          "write `djaz 1` once, at the top of the "
                          "file");
        }
        break;
    case DJZ_NODE_IMPORT:
        if (!top) {
            djz_diag *d = djz_report(sink, DJZ_MISPLACED_IMPORT, src, s->span,
                                     "`import` inside a block");
            djz_diag_help(sink, d,
                          "move it to the top level, after "
                          "`djaz 1`");
        }
        break;
    case DJZ_NODE_DECL:
        if (top)
            check_misspelt_import(sink, src, s);
        break;
    case DJZ_NODE_BLOCK:
        check_stmts(sink, src, &s->u.stmt.body, false, header);
        break;
    default:
        break;
    }
}

static void check_stmts(djz_diag_sink *sink, djz_source *src,
                        const djz_nodes *stmts, bool top,
                        const djz_node *header)
{
    for (const djz_node *s = stmts->head; s; s = s->next)
        check_stmt(sink, src, s, top, header);
}

void djz_validate_syntax(djz_diag_sink *sink, djz_source *src,
                         const djz_node *file)
{
    check_header(sink, src, file);
    const djz_node *first = file->u.file.stmts.head;
    const djz_node *header =
        first && first->kind == DJZ_NODE_HEADER ? first : NULL;
    check_stmts(sink, src, &file->u.file.stmts, true, header);
}

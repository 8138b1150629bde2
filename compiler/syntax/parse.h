/* parse.h - the front end: text to syntax tree, with diagnostics.
 *
 * djz_parse() scans and parses one source, then checks what the grammar
 * leaves open (the `djaz` line, where imports stand, misspelt keywords).
 * It always returns a tree when the text could be read as UTF-8, even
 * with errors: statements that failed to parse are left out.  Comments are
 * returned in source order for the formatter. */
#ifndef DJZ_PARSE_H
#define DJZ_PARSE_H

#include "../diag/diag.h"
#include "ast.h"

typedef struct djz_parsed {
    djz_source *src;
    djz_node *file;        /* NULL when the text is not UTF-8 or too big */
    djz_comment *comments; /* in source order */
    size_t errors;         /* errors reported for this source */
} djz_parsed;

djz_parsed djz_parse(djz_arena *a, djz_diag_sink *sink, djz_source *src);

/* The post-parse checks, called by djz_parse. */
void djz_validate_syntax(djz_diag_sink *sink, djz_source *src,
                         const djz_node *file);

#endif

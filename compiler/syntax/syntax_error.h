/* syntax_error.h - what to tell the user when the parser is stuck.
 *
 * The parser hands over what it expected (as a set of categories), what
 * it found and where; this module picks the diagnostic: `:` for `=`, a
 * stray comma, a missing value, a misspelt `djaz`, or the general
 * "expected ..., found ...". */
#ifndef DJZ_SYNTAX_ERROR_H
#define DJZ_SYNTAX_ERROR_H

#include "parse_state.h"

typedef unsigned djz_syntax_expect;

/* The category of a token, from its name in the grammar. */
djz_syntax_expect djz_syntax_expect_of(const char *token_name);
void djz_syntax_error(djz_parse_state *st, djz_syntax_expect want,
                      const char *got_name, djz_span at);

#endif

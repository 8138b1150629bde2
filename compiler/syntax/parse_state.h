/* parse_state.h - state shared by the scanner and the parser of one file.
 *
 * Internal to compiler/syntax: the scanner (grammar/djaz.l) keeps the
 * bracket stack, decides where a line break ends a statement, records
 * comments and repairs unbalanced brackets so the parser sees a balanced
 * token stream; the parser (grammar/djaz.y) builds the tree. */
#ifndef DJZ_PARSE_STATE_H
#define DJZ_PARSE_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "../diag/diag.h"
#include "ast.h"

enum { DJZ_MAX_NESTING = 100 };

/* What an open bracket is. */
typedef enum djz_bracket_kind {
    DJZ_BR_BLOCK = '{', /* a block body: line breaks end statements */
    DJZ_BR_MAP = 'm',   /* a map value: line breaks are spaces */
    DJZ_BR_LIST = '[',  /* a list: line breaks are spaces */
} djz_bracket_kind;

typedef struct djz_bracket {
    djz_bracket_kind kind;
    uint32_t offset;
} djz_bracket;

typedef struct djz_token {
    const char *text; /* in the arena, NUL-terminated */
    size_t len;
} djz_token;

typedef struct djz_parse_state {
    djz_arena *arena;
    djz_diag_sink *sink;
    djz_source *src;
    djz_node *result;
    djz_comment *comments, *comments_tail;

    djz_bracket stack[DJZ_MAX_NESTING];
    unsigned depth;
    uint32_t offset;       /* byte offset of the next unread character */
    uint32_t str_open;     /* opening quote of the string being scanned */
    uint32_t interp_open;  /* `${` being scanned */
    int last_token;        /* last token returned (the parser's lookahead) */
    const char *last_text; /* its text when a name or a number */
    int prev_token;        /* the one before it, 0 at start */
    const char *prev_text;
    const char *token_text; /* text of the token being returned */
    int pending;            /* a token to return before scanning on */
    djz_span pending_span;
    bool eof_reported; /* unclosed brackets at end reported */
    bool aborted;      /* a fatal scan error: say nothing more */
} djz_parse_state;

#endif

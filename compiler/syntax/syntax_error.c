/* syntax_error.c - turning a parser error into the diagnostic that helps.
 *
 * Token categories are bits; the parser ORs together the categories it
 * would have accepted.  The usual mistakes get their own codes and hints;
 * everything else is "expected ..., found ...". */
#include "syntax_error.h"

#include <string.h>

#include "../support/suggest.h"
#include "djaz.tab.h"

enum {
    X_NAME = 1u << 0,
    X_NUMBER = 1u << 1,
    X_STRING = 1u << 2,
    X_BOOL = 1u << 3,
    X_EQ = 1u << 4,
    X_DOT = 1u << 5,
    X_COMMA = 1u << 6,
    X_COLON = 1u << 7,
    X_LBRACE = 1u << 8,
    X_RBRACE = 1u << 9,
    X_LBRACKET = 1u << 10,
    X_RBRACKET = 1u << 11,
    X_EOL = 1u << 12, /* end of line or `;` */
    X_EOF = 1u << 13,
    X_STR_CLOSE = 1u << 14,
    X_INTERP_CLOSE = 1u << 15,
    X_KEYWORD = 1u << 16, /* djaz, import */
    X_STRING_INNER = 1u << 17,
};
#define X_VALUE (X_NUMBER | X_STRING | X_BOOL | X_LBRACKET)

static const struct {
    const char *name;
    djz_syntax_expect bit;
} categories[] = {
    {"name", X_NAME},
    {"number", X_NUMBER},
    {"string", X_STRING},
    {"`true`", X_BOOL},
    {"`false`", X_BOOL},
    {"`on`", X_BOOL},
    {"`off`", X_BOOL},
    {"`=`", X_EQ},
    {"`.`", X_DOT},
    {"`,`", X_COMMA},
    {"`:`", X_COLON},
    {"`{`", X_LBRACE},
    {"`}`", X_RBRACE},
    {"`[`", X_LBRACKET},
    {"`]`", X_RBRACKET},
    {"end of line", X_EOL},
    {"`;`", X_EOL},
    {"end of file", X_EOF},
    {"`\"`", X_STR_CLOSE},
    {"`}` of `${`", X_INTERP_CLOSE},
    {"`djaz`", X_KEYWORD},
    {"`import`", X_KEYWORD},
    {"string text", X_STRING_INNER},
    {"`${`", X_STRING_INNER},
};

djz_syntax_expect djz_syntax_expect_of(const char *token_name)
{
    for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
        if (strcmp(categories[i].name, token_name) == 0)
            return categories[i].bit;
    return 0;
}

/* "a value", "`=`", ... in a fixed order; the caller joins them. */
static size_t describe(djz_syntax_expect want, const char **out)
{
    size_t n = 0;
    if (want & X_KEYWORD) {
        out[n++] = "a statement";
        want &= ~(unsigned)(X_NAME | X_KEYWORD);
    }
    if ((want & X_VALUE) == X_VALUE) {
        out[n++] = "a value";
        want &= ~(unsigned)(X_VALUE | X_NAME | X_LBRACE);
    }
    static const struct {
        djz_syntax_expect bit;
        const char *text;
    } order[] = {
        {X_NAME, "a name"},     {X_STRING, "a string"},  {X_NUMBER, "a number"},
        {X_DOT, "`.`"},         {X_EQ, "`=`"},           {X_LBRACE, "`{`"},
        {X_COMMA, "`,`"},       {X_RBRACKET, "`]`"},     {X_RBRACE, "`}`"},
        {X_STR_CLOSE, "`\"`"},  {X_INTERP_CLOSE, "`}`"}, {X_EOL, "end of line"},
        {X_EOF, "end of file"},
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (want & order[i].bit)
            out[n++] = order[i].text;
    return n;
}

static char *expected_phrase(djz_arena *a, djz_syntax_expect want)
{
    const char *parts[24];
    size_t n = describe(want, parts);
    if (n == 0)
        return djz_arena_strdup(a, "something else");
    char *s = djz_arena_strdup(a, parts[0]);
    for (size_t i = 1; i < n; i++)
        s = djz_arena_printf(a, "%s%s%s", s, i + 1 == n ? " or " : ", ",
                             parts[i]);
    return s;
}

static char *found_phrase(djz_parse_state *st, const char *got)
{
    if (strcmp(got, "name") == 0 || strcmp(got, "number") == 0)
        return djz_arena_printf(st->arena, "%s `%s`", got,
                                st->last_text ? st->last_text : "");
    if (strcmp(got, "string") == 0)
        return djz_arena_strdup(st->arena, "a string");
    if (strcmp(got, "`}` of `${`") == 0)
        return djz_arena_strdup(st->arena, "`}`");
    return djz_arena_strdup(st->arena, got);
}

static bool is_keyword_token(const char *got)
{
    static const char *const kw[] = {"`djaz`",  "`import`", "`true`",
                                     "`false`", "`on`",     "`off`"};
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (strcmp(got, kw[i]) == 0)
            return true;
    return false;
}

/* Help for the general case, or NULL. */
static const char *general_help(djz_parse_state *st, djz_syntax_expect want,
                                djz_syntax_expect got_bit, const char *got)
{
    static const char *const heads[] = {"djaz"};
    if (got_bit == X_NUMBER && st->prev_token && st->prev_text &&
        djz_suggest(st->prev_text, heads, 1))
        return "did you mean `djaz`?";
    if (is_keyword_token(got) && (want & (X_NAME | X_VALUE)))
        return djz_arena_printf(st->arena,
                                "%s is a keyword; quote it to "
                                "use it as text",
                                got);
    if (st->prev_token == T_DJAZ && (got_bit & (X_EOL | X_EOF)))
        return "write the language version: `djaz 1`";
    if (st->prev_token == T_IMPORT && (got_bit & (X_EOL | X_EOF)))
        return "write the module to import: `import \"std/azure/hardened\"`";
    if (st->prev_token == T_IMPORT || st->prev_token == T_DJAZ)
        return djz_arena_printf(st->arena,
                                "`%s` is a keyword and cannot "
                                "name an attribute or a block",
                                st->prev_token == T_IMPORT ? "import" : "djaz");
    if ((want & (X_COMMA | X_RBRACKET)) == (X_COMMA | X_RBRACKET) &&
        !(want & X_EOL))
        return "separate list items with `,`";
    if ((want & X_EOL) && (got_bit & (X_NAME | X_STRING | X_VALUE)))
        return "one statement per line, or separate them with `;`";
    return NULL;
}

void djz_syntax_error(djz_parse_state *st, djz_syntax_expect want,
                      const char *got, djz_span at)
{
    djz_syntax_expect got_bit = djz_syntax_expect_of(got);
    const char *expected = expected_phrase(st->arena, want);
    const char *found = found_phrase(st, got);
    djz_diag *d;
    if (got_bit == X_COLON && (want & X_EQ)) {
        d = djz_report(st->sink, DJZ_COLON_FOR_EQUALS, st->src, at,
                       "expected `=`, found `:`");
        djz_diag_help(st->sink, d,
                      "djaz writes `name = value`; `:` is YAML "
                      "and JSON syntax");
    } else if (got_bit == X_COMMA && (want & X_EOL) && !(want & X_VALUE)) {
        d = djz_report(st->sink, DJZ_STRAY_COMMA, st->src, at,
                       "unexpected `,` after a statement");
        djz_diag_help(st->sink, d,
                      "statements are separated by line breaks "
                      "or `;`; remove the comma");
    } else if (got_bit == X_COMMA) {
        d = djz_report(st->sink, DJZ_STRAY_COMMA, st->src, at,
                       "expected %s, found `,`", expected);
        djz_diag_help(st->sink, d, "remove the extra comma");
    } else if (st->prev_token == '=' && (want & X_VALUE) &&
               (got_bit & (X_EOL | X_EOF | X_RBRACE | X_RBRACKET))) {
        d = djz_report(st->sink, DJZ_MISSING_VALUE, st->src, at,
                       "expected a value after `=`, found %s", found);
        djz_diag_help(st->sink, d,
                      "write the value on the same line as "
                      "its name, like `name = \"text\"`");
    } else {
        d = djz_report(st->sink, DJZ_UNEXPECTED_TOKEN, st->src, at,
                       "expected %s, found %s", expected, found);
        const char *help = general_help(st, want, got_bit, got);
        if (help)
            djz_diag_help(st->sink, d, "%s", help);
    }
}

/* djaz.y - the grammar of the .djaz language.
 *
 * A pure, reentrant LALR(1) parser with byte-offset locations and no
 * conflicts.  Actions only build nodes, one constructor call each; where
 * `djaz` and `import` may stand, names, types and everything else are
 * checked by later stages.  Errors are recovered at statement ends (a
 * line break or `;`) and at the `}` of the enclosing block, so one run
 * reports every independent error. */
%require "3.8"
%define api.pure full
%define api.location.type {djz_span}
%define parse.error custom
%define api.prefix {djz_yy}
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {djz_parse_state *st}

%code requires {
#include "syntax/parse_state.h"
typedef void *yyscan_t;
}

/* The scanner (flex's bison-bridge) names the parser's types unprefixed. */
%code provides {
#define YYSTYPE DJZ_YYSTYPE
#define YYLTYPE DJZ_YYLTYPE
}

%code {
#include "syntax/syntax_error.h"

#define A (st->arena)
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                          \
    do {                                                                     \
        if (N) {                                                             \
            (Cur).lo = YYRHSLOC(Rhs, 1).lo;                                  \
            (Cur).hi = YYRHSLOC(Rhs, N).hi;                                  \
        } else {                                                             \
            (Cur).lo = (Cur).hi = YYRHSLOC(Rhs, 0).hi;                       \
        }                                                                    \
    } while (0)

int djz_yylex(DJZ_YYSTYPE *lval, DJZ_YYLTYPE *lloc, yyscan_t scanner);
static void yyerror(YYLTYPE *loc, yyscan_t scanner, djz_parse_state *st,
                    const char *msg);
}

%union {
    djz_token tok;
    djz_node *node;
    djz_nodes nodes;
    djz_path path;
    djz_head head;
    djz_parts parts;
}

%token T_EOF 0          "end of file"
%token <tok> T_IDENT    "name"
%token <tok> T_NUMBER   "number"
%token <tok> T_STR_TEXT "string text"
%token T_STR_OPEN       "string"
%token T_STR_CLOSE      "`\"`"
%token T_INTERP_OPEN    "`${`"
%token T_INTERP_CLOSE   "`}` of `${`"
%token T_NEWLINE        "end of line"
%token T_DJAZ           "`djaz`"
%token T_IMPORT         "`import`"
%token T_TRUE           "`true`"
%token T_FALSE          "`false`"
%token T_ON             "`on`"
%token T_OFF            "`off`"
%token '='              "`=`"
%token '.'              "`.`"
%token ','              "`,`"
%token ';'              "`;`"
%token ':'              "`:`"
%token '{'              "`{`"
%token '}'              "`}`"
%token '['              "`[`"
%token ']'              "`]`"

%type <nodes> body stmts items item_list entries entry_list
%type <node> stmt decl value string label entry key
%type <path> path
%type <head> head
%type <parts> parts

%initial-action { @$.lo = @$.hi = 0; }

%%

file
    : body              { st->result = djz_ast_file(A, @$, $1); }
    | stmts error       { st->result = djz_ast_file(A, @$, $1); }
    ;

/* A declaration (a bare head) may end without a separator only where the
 * enclosing body ends: `secret KEY }` or at the end of the file. */
body
    : stmts
    | stmts decl        { $$ = $1; djz_nodes_append(&$$, $2); }
    ;

stmts
    : %empty            { $$ = (djz_nodes){0}; }
    | stmts sep
    | stmts stmt        { $$ = $1; djz_nodes_append(&$$, $2); }
    | stmts decl sep    { $$ = $1; djz_nodes_append(&$$, $2); }
    | stmts error sep   { $$ = $1; yyerrok; }
    ;

sep : T_NEWLINE | ';' ;

stmt
    : T_DJAZ T_NUMBER   { $$ = djz_ast_header(A, @$, djz_ast_number(A, @2, $2.text)); }
    | T_IMPORT string   { $$ = djz_ast_import(A, @$, $2); }
    | head '=' value    { $$ = djz_ast_attr(A, @$, $1, @2, $3); }
    | head '{' body '}' { $$ = djz_ast_block(A, @$, $1, @2, $3, @4); }
    | head '{' stmts error '}'
                        { $$ = djz_ast_block(A, @$, $1, @2, $3, @5); }
    ;

decl
    : head              { $$ = djz_ast_decl(A, @$, $1); }
    ;

head
    : path              { $$ = (djz_head){.name = $1}; }
    | head label        { $$ = $1; djz_nodes_append(&$$.labels, $2); }
    ;

label
    : T_IDENT           { $$ = djz_ast_ref(A, @$, djz_path_of(A, $1.text, @1)); }
    | string
    ;

path
    : T_IDENT           { $$ = djz_path_of(A, $1.text, @1); }
    | path '.' T_IDENT  { $$ = $1; djz_path_append(A, &$$, $3.text, @3); }
    ;

value
    : string
    | T_NUMBER          { $$ = djz_ast_number(A, @$, $1.text); }
    | T_TRUE            { $$ = djz_ast_bool(A, @$, DJZ_BOOL_TRUE); }
    | T_FALSE           { $$ = djz_ast_bool(A, @$, DJZ_BOOL_FALSE); }
    | T_ON              { $$ = djz_ast_bool(A, @$, DJZ_BOOL_ON); }
    | T_OFF             { $$ = djz_ast_bool(A, @$, DJZ_BOOL_OFF); }
    | path              { $$ = djz_ast_ref(A, @$, $1); }
    | '[' items ']'     { $$ = djz_ast_list(A, DJZ_NODE_LIST, @$, $2); }
    | '{' entries '}'   { $$ = djz_ast_list(A, DJZ_NODE_MAP, @$, $2); }
    ;

items
    : %empty            { $$ = (djz_nodes){0}; }
    | item_list
    | item_list ','
    ;

item_list
    : value             { $$ = (djz_nodes){0}; djz_nodes_append(&$$, $1); }
    | item_list ',' value
                        { $$ = $1; djz_nodes_append(&$$, $3); }
    ;

/* Map entries are separated by commas or just by space. */
entries
    : %empty            { $$ = (djz_nodes){0}; }
    | entry_list
    | entry_list ','
    ;

entry_list
    : entry             { $$ = (djz_nodes){0}; djz_nodes_append(&$$, $1); }
    | entry_list entry  { $$ = $1; djz_nodes_append(&$$, $2); }
    | entry_list ',' entry
                        { $$ = $1; djz_nodes_append(&$$, $3); }
    ;

entry
    : key '=' value     { $$ = djz_ast_entry(A, @$, $1, $3); }
    ;

key
    : T_IDENT           { $$ = djz_ast_ref(A, @$, djz_path_of(A, $1.text, @1)); }
    | string
    ;

string
    : T_STR_OPEN parts T_STR_CLOSE
                        { $$ = djz_ast_string(A, @$, $2); }
    ;

parts
    : %empty            { $$ = (djz_parts){0}; }
    | parts T_STR_TEXT  { $$ = $1; djz_parts_add_text(A, &$$, $2.text, $2.len, @2); }
    | parts T_INTERP_OPEN path T_INTERP_CLOSE
                        { $$ = $1; djz_parts_add_interp(A, &$$, $3, djz_span_join(@2, @4)); }
    ;

%%

static void yyerror(YYLTYPE *loc, yyscan_t scanner, djz_parse_state *st,
                    const char *msg)
{
    (void)scanner;
    djz_report(st->sink, DJZ_NESTING_TOO_DEEP, st->src, *loc,
               "the parser gave up: %s", msg);
}

/* Bison asks for a message; syntax_error.c decides what to say. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
                                 djz_parse_state *st)
{
    (void)scanner;
    if (st->aborted)
        return 0;
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    djz_syntax_expect want = 0;
    for (int i = 0; i < n; i++)
        want |= djz_syntax_expect_of(yysymbol_name(expected[i]));
    yysymbol_kind_t got = yypcontext_token(ctx);
    djz_syntax_error(st, want, yysymbol_name(got), *yypcontext_location(ctx));
    return 0;
}

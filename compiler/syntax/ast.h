/* ast.h - the syntax tree of one .djaz file.
 *
 * The tree mirrors the text: it keeps every statement in source order with
 * byte-offset spans, and nothing is resolved.  Every node lives in the
 * compilation's arena.  Lists are singly linked through `next` with a tail
 * pointer kept while building.
 *
 * A file is a list of statements.  A statement has a head (a dotted name
 * followed by labels) and then either `= value` (an attribute), a braced
 * body (a block), or nothing (a declaration).  `djaz N` and `import "p"`
 * are statements of their own kinds; where they may appear is checked after
 * parsing, not by the grammar. */
#ifndef DJZ_AST_H
#define DJZ_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../support/arena.h"
#include "../support/source.h"

typedef enum djz_node_kind {
    /* statements */
    DJZ_NODE_HEADER, /* djaz 1 */
    DJZ_NODE_IMPORT, /* import "std/azure/hardened" */
    DJZ_NODE_ATTR,   /* head = value */
    DJZ_NODE_BLOCK,  /* head { body } */
    DJZ_NODE_DECL,   /* head */
    /* values */
    DJZ_NODE_STRING,
    DJZ_NODE_NUMBER,
    DJZ_NODE_BOOL,
    DJZ_NODE_REF,  /* a name or a dotted reference: asgi, env.name */
    DJZ_NODE_LIST, /* [a, b] */
    DJZ_NODE_MAP,  /* { k = v, ... } */
    /* parts */
    DJZ_NODE_ENTRY, /* k = v inside a map */
    DJZ_NODE_FILE,
} djz_node_kind;

typedef struct djz_node djz_node;

/* One identifier; dotted paths link them through next. */
typedef struct djz_name {
    struct djz_name *next;
    djz_span span;
    const char *text;
} djz_name;

typedef struct djz_path {
    djz_name *head, *tail;
    unsigned len;
} djz_path;

typedef struct djz_nodes {
    djz_node *head, *tail;
    unsigned len;
} djz_nodes;

typedef enum djz_part_kind {
    DJZ_PART_TEXT,   /* literal text, escapes decoded */
    DJZ_PART_INTERP, /* ${a.b} */
} djz_part_kind;

typedef struct djz_strpart {
    struct djz_strpart *next;
    djz_part_kind kind;
    djz_span span;    /* of the source text, or of ${...} */
    const char *text; /* TEXT: decoded, NUL-free */
    size_t len;
    djz_path path; /* INTERP */
} djz_strpart;

typedef enum djz_bool_spelling {
    DJZ_BOOL_TRUE,
    DJZ_BOOL_FALSE,
    DJZ_BOOL_ON,
    DJZ_BOOL_OFF,
} djz_bool_spelling;

typedef struct djz_parts {
    djz_strpart *head, *tail;
} djz_parts;

/* Head of a statement: kind or attribute name (maybe dotted) and labels,
 * each label a REF of one name or a STRING. */
typedef struct djz_head {
    djz_path name;
    djz_nodes labels;
} djz_head;

/* A node is allocated with room for its own kind's member of `u` only:
 * read and write the member of the node's kind, never another. */
struct djz_node {
    djz_node_kind kind;
    djz_span span;
    djz_node *next;
    union {
        struct {
            djz_nodes stmts;
        } file;
        struct {
            djz_node *version; /* NUMBER */
        } header;
        struct {
            djz_node *path; /* STRING */
        } import;
        struct {
            djz_head head;
            djz_node *value;      /* ATTR */
            djz_nodes body;       /* BLOCK */
            djz_span open, close; /* BLOCK braces; ATTR: open is `=` */
        } stmt;
        struct {
            djz_parts parts;
        } string;
        struct {
            const char *text; /* as written */
        } number;
        struct {
            bool value;
            djz_bool_spelling spelling;
        } boolean;
        struct {
            djz_path path;
        } ref;
        struct {
            djz_nodes items; /* LIST: values; MAP: ENTRY nodes */
        } list;
        struct {
            djz_node *key; /* REF of one name, or STRING */
            djz_node *value;
        } entry;
    } u;
};

/* A comment as the scanner saw it, in source order. */
typedef struct djz_comment {
    struct djz_comment *next;
    djz_span span; /* from # or // to the end of the line, exclusive */
} djz_comment;

/* Constructors, one per grammar action. */
djz_node *djz_ast_node(djz_arena *a, djz_node_kind kind, djz_span span);
void djz_nodes_append(djz_nodes *list, djz_node *n);
djz_path djz_path_of(djz_arena *a, const char *text, djz_span span);
void djz_path_append(djz_arena *a, djz_path *p, const char *text,
                     djz_span span);
djz_node *djz_ast_header(djz_arena *a, djz_span span, djz_node *version);
djz_node *djz_ast_import(djz_arena *a, djz_span span, djz_node *path);
djz_node *djz_ast_attr(djz_arena *a, djz_span span, djz_head head, djz_span eq,
                       djz_node *value);
djz_node *djz_ast_block(djz_arena *a, djz_span span, djz_head head,
                        djz_span open, djz_nodes body, djz_span close);
djz_node *djz_ast_decl(djz_arena *a, djz_span span, djz_head head);
djz_node *djz_ast_string(djz_arena *a, djz_span span, djz_parts parts);
/* Pieces of text are merged into one part per run by djz_ast_string. */
void djz_parts_add_text(djz_arena *a, djz_parts *p, const char *text,
                        size_t len, djz_span span);
void djz_parts_add_interp(djz_arena *a, djz_parts *p, djz_path path,
                          djz_span span);
djz_node *djz_ast_number(djz_arena *a, djz_span span, const char *text);
djz_node *djz_ast_bool(djz_arena *a, djz_span span, djz_bool_spelling sp);
djz_node *djz_ast_ref(djz_arena *a, djz_span span, djz_path path);
djz_node *djz_ast_list(djz_arena *a, djz_node_kind kind, djz_span span,
                       djz_nodes items);
djz_node *djz_ast_entry(djz_arena *a, djz_span span, djz_node *key,
                        djz_node *value);
djz_node *djz_ast_file(djz_arena *a, djz_span span, djz_nodes stmts);

/* The string's text when it has no interpolation, else NULL. */
const char *djz_string_literal(const djz_node *s);
const char *djz_bool_text(djz_bool_spelling sp);

/* Stable S-expression dump for tests: `spans` adds @lo..hi to each node. */
void djz_ast_dump(FILE *out, const djz_node *file, bool spans);

#endif

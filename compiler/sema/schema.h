/* schema.h - the vocabulary of the language: block kinds, their labels,
 * attributes, nested blocks and the type of every value.
 *
 * This is the language's structure and lives in C.  What changes with
 * Azure and Django (which SKUs exist, which versions are supported, the
 * secure defaults) is stdlib data: a TABLE type names a kind of stdlib
 * data block whose labels are the values it accepts, and presets give
 * defaults.  Each table is static and read-only. */
#ifndef DJZ_SCHEMA_H
#define DJZ_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "support/arena.h"

typedef enum djz_type_kind {
    DJZ_TY_STRING,
    DJZ_TY_INT,
    DJZ_TY_NUMBER,
    DJZ_TY_BOOL,
    DJZ_TY_ENUM,  /* a name from a fixed list: asgi, wsgi */
    DJZ_TY_TABLE, /* the label of a stdlib data block: P1V2, "3.13", 17 */
    DJZ_TY_DATE,  /* "YYYY-MM-DD", or "YYYY-MM" where only the month is known */
    DJZ_TY_LIST,
    DJZ_TY_MAP, /* keys are names or strings; values of one type */
    DJZ_TY_ANY, /* anything: open knowledge blocks */
} djz_type_kind;

/* Azure naming rules, checked where a name is written. */
typedef enum djz_name_rule {
    DJZ_RULE_NONE,
    DJZ_RULE_STORAGE_ACCOUNT, /* 3-24 lowercase letters and digits */
    DJZ_RULE_WEB_APP,         /* 2-60 letters, digits, hyphens */
    DJZ_RULE_RESOURCE_GROUP,  /* 1-90 letters, digits, _ - . ( ) */
    DJZ_RULE_PG_SERVER,       /* 3-63 lowercase letters, digits, hyphens */
    DJZ_RULE_CONTAINER,       /* 3-63 lowercase, digits, single hyphens */
    DJZ_RULE_PG_DATABASE,     /* 1-63, a PostgreSQL identifier */
    DJZ_RULE_ENV_VAR,         /* an environment variable name */
    DJZ_RULE_PYTHON_MODULE,   /* a dotted Python module name */
    DJZ_RULE_IPV4_RANGE,      /* a.b.c.d, or a.b.c.d-e.f.g.h */
    DJZ_RULE_REQUIREMENT,     /* one PEP 508 line: no pip option */
    DJZ_RULE_GIT_BRANCH,      /* git check-ref-format --branch */
    DJZ_RULE_TEXT,            /* any text, controls too (JSON only) */
    DJZ_RULE_PYTHON_NAME,     /* one identifier, not a keyword */
    DJZ_RULE_CI_VALUE,        /* no ${{, $( or $[ for CI to evaluate */
    DJZ_RULE_TOX_COMMAND,     /* tox 3 and 4 run it alike (toxcmd.h) */
    DJZ_RULE_PACKAGE,         /* a module path shadowing no needed module */
    DJZ_RULE_LINE,            /* not blank, no space at either end */
    DJZ_RULE_URL_PATH,        /* /path, no spaces */
    DJZ_RULE_HTTP_URL,        /* http(s)://host... */
} djz_name_rule;

typedef struct djz_type {
    djz_type_kind kind;
    const struct djz_type *elem; /* LIST, MAP */
    const char *const *names;    /* ENUM: NULL-terminated */
    const char *table;           /* TABLE: the data kind */
    long min, max;      /* INT, NUMBER; LIST: length; min > max: none */
    djz_name_rule rule; /* STRING; MAP: the rule of its keys */
    bool above_min;     /* NUMBER: min itself is out of range */
    bool ascending;     /* LIST of numbers: none below the one before */
    const char *what;   /* how to name it in messages */
} djz_type;

enum djz_attr_flags {
    DJZ_ATTR_REQUIRED = 1 << 0,
    DJZ_ATTR_LABELLED = 1 << 1, /* `setting NAME = value`: one label */
    DJZ_ATTR_GLOBAL = 1 << 2,   /* an Azure name unique across Azure */
};

typedef struct djz_attr_schema {
    const char *name;
    const djz_type *type;
    unsigned flags;
    djz_name_rule label_rule; /* LABELLED: rule for the label */
    const char *doc;
} djz_attr_schema;

enum djz_block_flags {
    DJZ_BLOCK_LABEL = 1 << 0,    /* takes exactly one label */
    DJZ_BLOCK_UNIQUE = 1 << 1,   /* one per label (one in all if unlabelled) */
    DJZ_BLOCK_TOP = 1 << 2,      /* may stand at the top level */
    DJZ_BLOCK_DATA = 1 << 3,     /* stdlib knowledge, not a spec block */
    DJZ_BLOCK_OPEN = 1 << 4,     /* any attribute name, of open_type */
    DJZ_BLOCK_REQUIRED = 1 << 5, /* a spec must have one */
    DJZ_BLOCK_SINGLE = 1 << 6,   /* one in all, whatever its label */
};

typedef struct djz_block_schema {
    const char *kind;
    unsigned flags;
    const char *const *labels; /* allowed labels, or NULL for any */
    djz_name_rule label_rule;
    const djz_attr_schema *attrs;
    size_t nattrs;
    const char *const *children; /* kinds of nested blocks, NULL-terminated */
    const djz_type *open_type;   /* OPEN: the type of every attribute */
    const char *doc;
} djz_block_schema;

/* The schema of a block kind, or NULL. */
const djz_block_schema *djz_schema_block(const char *kind);
/* An attribute the language had and removed because it did nothing: the
 * block kind, its name, why it went and what to do; NULL for others. */
typedef struct djz_removed_attr {
    const char *kind, *name, *why, *hint;
} djz_removed_attr;
const djz_removed_attr *djz_schema_removed(const char *kind, const char *name);
/* The attribute of a block, or NULL. */
const djz_attr_schema *djz_schema_attr(const djz_block_schema *b,
                                       const char *name);
/* Whether `child` may be nested in `parent`. */
bool djz_schema_allows_child(const djz_block_schema *parent, const char *child);
/* Every kind (*n of them), or the attributes and then the children of one
 * block: all of them, in an array in a, with room for one more name (a
 * caller's own, for "did you mean"). */
const char **djz_schema_kinds(djz_arena *a, bool top_only, size_t *n);
const char **djz_schema_members(djz_arena *a, const djz_block_schema *b,
                                size_t *n);
/* "a string", "one of asgi, wsgi", "a list of strings", in a. */
const char *djz_type_describe(djz_arena *a, const djz_type *t);

#endif

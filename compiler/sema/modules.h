/* modules.h - a program: the spec, the prelude and everything imported.
 *
 * Loading parses the main spec and, depth first, every module it imports:
 * `std/...` from the stdlib (embedded, or --stdlib DIR), anything else
 * relative to the importing file.  Each module is read once however often
 * it is imported; a cycle is reported with its chain.  Modules are listed
 * in dependency order: a module after everything it imports.  The stdlib
 * prelude (std/prelude) is loaded before the spec, so the knowledge and
 * the secure defaults are always there. */
#ifndef DJZ_MODULES_H
#define DJZ_MODULES_H

#include "diag/diag.h"
#include "syntax/parse.h"

typedef enum djz_module_state {
    DJZ_MODULE_LOADING,
    DJZ_MODULE_LOADED,
} djz_module_state;

typedef struct djz_module {
    struct djz_module *next; /* in dependency order */
    const char *key;         /* "std/azure/hardened", or the file's real path */
    bool is_stdlib;
    djz_module_state state;
    djz_parsed parsed; /* file is NULL when the module could not be read */
    /* while loading: who imported it first, and where (for cycle chains) */
    struct djz_module *parent;
    const djz_node *import_stmt;
} djz_module;

typedef struct djz_program {
    djz_arena *arena;
    djz_diag_sink *sink;
    const char *stdlib_dir; /* NULL: the embedded stdlib */
    bool no_prelude;        /* for tests of the loader itself */
    bool hermetic;          /* never read a file: relative imports fail */
    bool io_error;          /* a module exists but could not be read */
    djz_module *modules, *tail;
    djz_module *main;
} djz_program;

void djz_program_init(djz_program *p, djz_arena *a, djz_diag_sink *sink);
/* Loads the prelude, then the main spec (already read) and its imports. */
djz_module *djz_program_load(djz_program *p, djz_source *main_src);

#endif

/* compile.h - the front half of every command that reads a spec: load the
 * program, bind it, resolve each environment, lint it.
 *
 * Binding and resolution run only when every module was read and parsed
 * without errors: on a half-parsed spec they would mostly echo the syntax
 * errors.  Binding and resolution then report every independent problem;
 * lint runs only on a model without errors, whose values have the types
 * its rules expect. */
#ifndef DJZ_COMPILE_H
#define DJZ_COMPILE_H

#include "ir/ir.h"
#include "sema/model.h"
#include "sema/modules.h"

typedef struct djz_compile_opts {
    const char *stdlib_dir; /* NULL: the embedded stdlib */
    const char *only_env;   /* NULL: every environment */
    bool hermetic;          /* read no file but the stdlib (fuzzing) */
} djz_compile_opts;

typedef struct djz_compilation {
    djz_program program;
    djz_model model;
    djz_ir ir;
} djz_compilation;

/* Compiles main_src; diagnostics go to sink.  Returns true when the IR
 * was built (there may still be errors: check sink->errors). */
bool djz_compile(djz_arena *a, djz_diag_sink *sink, djz_source *main_src,
                 const djz_compile_opts *o, djz_compilation *c);

#endif

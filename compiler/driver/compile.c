/* compile.c - loading, binding and resolving one spec. */
#include "compile.h"

#include <string.h>

#include "lint/lint.h"
#include "ir/resolve.h"

static void unknown_env(djz_diag_sink *sink, const djz_model *m,
                        const char *name)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    for (const djz_obj *o = m->blocks.head; o; o = o->next)
        if (strcmp(o->schema->kind, "env") == 0) {
            names = djz_arena_grow(sink->arena, names, n, &cap, sizeof *names);
            names[n++] = o->label;
        }
    djz_diag *d =
        djz_report(sink, DJZ_UNKNOWN_ENVIRONMENT, NULL, djz_span_make(0, 0),
                   "the spec has no environment `%s`", name);
    if (!djz_diag_did_you_mean(sink, d, name, names, n) && n)
        djz_diag_help(sink, d, "its environments: %s%s", names[0],
                      n > 1 ? ", ..." : "");
}

bool djz_compile(djz_arena *a, djz_diag_sink *sink, djz_source *main_src,
                 const djz_compile_opts *o, djz_compilation *c)
{
    memset(c, 0, sizeof *c);
    djz_program_init(&c->program, a, sink);
    c->program.stdlib_dir = o->stdlib_dir;
    c->program.hermetic = o->hermetic;
    size_t before = sink->errors;
    djz_program_load(&c->program, main_src);
    if (sink->errors > before)
        return false; /* what failed to parse would only echo as cascades */
    djz_bind(&c->program, &c->model);
    if (djz_resolve(&c->program, &c->model, o->only_env, &c->ir)) {
        if (sink->errors == before) /* lint judges a sound model only */
            djz_lint(c->program.arena, &c->model, &c->ir, sink);
        return true;
    }
    if (o->only_env)
        unknown_env(sink, &c->model, o->only_env);
    return false;
}

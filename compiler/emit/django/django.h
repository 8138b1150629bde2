/* django.h - the Django back end: the settings fragment and the storage
 * backend module, written into the application's package.
 *
 * Both are Python written as templates (the .in files of templates/,
 * embedded at build time): lines between `#@ if FLAG`, `#@ else` and
 * `#@ end` are kept as the spec's flags say, and `@NAME@` is replaced by
 * a value.  `#@ reads NAME RULE [ARG] | BLOCK | HINT` says that the
 * Python around it reads the environment variable NAME, and what is due
 * when it is missing (djz_env_read): the cross-check holds every
 * environment's app settings to it (crosscheck.c), and tests hold the
 * rendered Python to the list. */
#ifndef DJZ_DJANGO_H
#define DJZ_DJANGO_H

#include "emit/arm/arm.h"
#include "emit/json.h"
#include "ir/ir.h"

typedef struct djz_django_template {
    const char *name; /* "djaz_settings.py.in" */
    const char *text;
    size_t len;
} djz_django_template;

/* Embedded by stdlib/embed.cmake. */
extern const djz_django_template djz_django_templates[];
extern const size_t djz_django_template_count;

/* What the fragment needs of an environment variable it reads. */
typedef enum djz_read_rule {
    DJZ_READ_REQUIRED, /* set in every environment */
    DJZ_READ_WITH,     /* set wherever the variable `arg` is set */
    DJZ_READ_DEFAULT,  /* may be missing: `arg` says what then */
    DJZ_READ_LOCAL,    /* a developer's machine only: never in Azure */
} djz_read_rule;

typedef struct djz_env_read {
    const char *name;
    djz_read_rule rule;
    const char *arg;   /* WITH: the other variable; DEFAULT: the default */
    const char *block; /* the spec block a missing one is reported at */
    const char *hint;  /* what to write in the spec */
} djz_env_read;

typedef struct djz_env_reads {
    djz_env_read *items;
    size_t n, cap;
} djz_env_reads;

extern const char *const djz_read_rules[4]; /* "required", "with"... */

/* reads as JSON, for djaz.json: [{"name", "rule", "with" | "default"}]. */
djz_json *djz_env_reads_json(djz_arena *a, const djz_env_reads *reads);

/* The package's directory in the output: "django_on_azure/". */
const char *djz_django_dir(djz_arena *a, const djz_ir_env *e);
/* djaz_settings.py (which = 0) or djaz_storage.py (which = 1) of e, one
 * of the environments of ir (what any of them deploys, all may use);
 * false when e has no such file (no storage, no storage module).  When
 * reads is given, the variables the file reads are added to it (in a). */
bool djz_django_file(djz_arena *a, const djz_ir *ir, const djz_ir_env *e,
                     int which, djz_buf *out, djz_env_reads *reads);
extern const char *const djz_django_files[2];

/* Renders a template: flags[i] is the value of names[i]; vars are NAME,
 * value pairs; the `#@ reads` of the lines kept go to reads (if given).
 * Exposed for tests. */
void djz_template_render(djz_arena *a, const char *text,
                         const char *const *flag_names, const bool *flags,
                         size_t nflags, const char *const *vars, size_t nvars,
                         djz_buf *out, djz_env_reads *reads);

/* The cross-check of the fragment's reads against the app settings each
 * environment's web app gets from the template (arm): a variable that is
 * required and missing is DJZ4007, one for a developer's machine that an
 * environment sets is DJZ4008. */
void djz_django_crosscheck(djz_diag_sink *sink, const djz_ir *ir,
                           const djz_arm *arm, const djz_env_reads *reads);

#endif

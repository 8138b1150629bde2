/* django.h - the Django back end: the settings fragment and the storage
 * backend module, written into the application's package.
 *
 * Both are Python written as templates (the .in files of templates/,
 * embedded at build time): lines between `#@ if FLAG`, `#@ else` and
 * `#@ end` are kept as the spec's flags say, and `@NAME@` is replaced by
 * a value. */
#ifndef DJZ_DJANGO_H
#define DJZ_DJANGO_H

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

/* The package's directory in the output: "django_on_azure/". */
const char *djz_django_dir(djz_arena *a, const djz_ir_env *e);
/* djaz_settings.py (which = 0) or djaz_storage.py (which = 1) of e;
 * false when e has no such file (no storage, no storage module). */
bool djz_django_file(const djz_ir_env *e, int which, djz_buf *out);
extern const char *const djz_django_files[2];

/* Renders a template: flags[i] is the value of names[i]; vars are NAME,
 * value pairs.  Exposed for tests. */
void djz_template_render(const char *text, const char *const *flag_names,
                         const bool *flags, size_t nflags,
                         const char *const *vars, size_t nvars, djz_buf *out);

#endif

/* build.c - every artifact of a compiled spec (see build.h). */
#include "build.h"

#include <stdlib.h>
#include <string.h>

static djz_artifact *add(djz_arena *a, djz_build *b, size_t *cap,
                         const char *path)
{
    b->artifacts =
        djz_arena_grow(a, b->artifacts, b->n, cap, sizeof *b->artifacts);
    djz_artifact *x = &b->artifacts[b->n++];
    memset(x, 0, sizeof *x);
    x->path = path;
    return x;
}

bool djz_build_artifacts(djz_arena *a, djz_diag_sink *sink,
                         const djz_compilation *c, const char *spec,
                         djz_build *out)
{
    memset(out, 0, sizeof *out);
    if (!djz_arm_build(a, sink, &c->model, &c->ir, &out->arm))
        return false;
    size_t cap = 0;
    djz_artifact *t = add(a, out, &cap, "arm/template.json");
    /* The template's text stays with arm; the artifact borrows a copy. */
    djz_buf_put(&t->text, out->arm.template_text.data,
                out->arm.template_text.len);
    for (size_t e = 0; e < out->arm.nenvs; e++) {
        djz_artifact *p = add(a, out, &cap,
                              djz_arena_printf(a, "arm/%s.parameters.json",
                                               out->arm.env_names[e]));
        djz_json_write_plain(&p->text, out->arm.parameters[e]);
    }
    djz_json *m =
        djz_manifest(a, &c->ir, &out->arm, spec, out->artifacts, out->n);
    djz_json_write_plain(&add(a, out, &cap, "djaz.json")->text, m);
    return true;
}

void djz_build_free(djz_build *b)
{
    for (size_t i = 0; i < b->n; i++)
        djz_buf_free(&b->artifacts[i].text);
    djz_arm_free(&b->arm);
}

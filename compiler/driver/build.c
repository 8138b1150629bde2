/* build.c - every artifact of a compiled spec (see build.h). */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "emit/ci/ci.h"
#include "emit/django/django.h"
#include "emit/python/python.h"
#include "emit/yaml.h"

struct djz_build_run {
    djz_arena *a;
    djz_diag_sink *sink;
    const djz_compilation *c;
    const char *spec; /* the spec's path as given */
    djz_build *b;
    size_t cap; /* of b->artifacts */
};

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

/* Writes artifact `which` of environment `env`; some artifacts depend on
 * every environment (a package one of them needs). */
typedef void (*env_writer)(const djz_compilation *c, size_t env, int which,
                           djz_buf *out);

static void requirements(const djz_compilation *c, size_t env, int which,
                         djz_buf *out)
{
    djz_python_requirements(&c->ir, &c->ir.envs[env], which, out);
}

static void startup(const djz_compilation *c, size_t env, int which,
                    djz_buf *out)
{
    (void)which;
    djz_python_startup(&c->ir.envs[env], out);
}

/* An artifact of the application, the same in every environment: one
 * build of the code is deployed to each.  It is written from the first
 * environment; one that differs elsewhere is an error (DJZ4006). */
static djz_artifact *shared(djz_arena *a, djz_diag_sink *sink,
                            const djz_compilation *c, djz_build *b, size_t *cap,
                            const char *path, env_writer write, int which)
{
    djz_artifact *x = add(a, b, cap, path);
    write(c, 0, which, &x->text);
    for (size_t e = 1; e < c->ir.nenvs; e++) {
        djz_buf other = {0};
        write(c, e, which, &other);
        bool same =
            other.len == x->text.len &&
            (!other.len || !memcmp(other.data, x->text.data, other.len));
        djz_buf_free(&other);
        if (same)
            continue;
        const djz_ir_block *env = c->ir.envs[e].env;
        djz_diag *d =
            djz_report(sink, DJZ_DIFFERS_BY_ENVIRONMENT, env->src, env->span,
                       "environment `%s` would need another %s than `%s`",
                       c->ir.envs[e].name, path, c->ir.envs[0].name);
        djz_diag_help(sink, d,
                      "one build of the code is deployed to every "
                      "environment: set what %s holds once, outside `env`",
                      path);
        break;
    }
    return x;
}

static void django_file(const djz_compilation *c, size_t env, int which,
                        djz_buf *out)
{
    djz_django_file(NULL, &c->ir, &c->ir.envs[env], which, out, NULL);
}

static void django_artifacts(djz_build_run *r)
{
    djz_arena *a = r->a;
    djz_diag_sink *sink = r->sink;
    const djz_compilation *c = r->c;
    djz_build *b = r->b;
    size_t *cap = &r->cap;
    /* In the application's package: settings.py imports djaz_settings. */
    const char *dir = djz_django_dir(a, &c->ir.envs[0]);
    for (int i = 0; i < 2; i++) {
        djz_buf probe = {0};
        bool present =
            djz_django_file(a, &c->ir, &c->ir.envs[0], i, &probe, &b->reads);
        djz_buf_free(&probe);
        if (present)
            shared(a, sink, c, b, cap,
                   djz_arena_printf(a, "%s%s", dir, djz_django_files[i]),
                   django_file, i);
    }
    /* What the fragment reads, against what each environment sets. */
    djz_django_crosscheck(sink, &c->ir, &b->arm, &b->reads);
}

static void python_artifacts(djz_build_run *r)
{
    djz_arena *a = r->a;
    djz_diag_sink *sink = r->sink;
    const djz_compilation *c = r->c;
    djz_build *b = r->b;
    size_t *cap = &r->cap;
    /* What the generated files import, against what the spec lists. */
    djz_python_check_requirements(sink, a, &c->ir);
    for (int i = 0; i < 3; i++)
        shared(a, sink, c, b, cap, djz_requirements_files[i], requirements, i);
    shared(a, sink, c, b, cap, "startup.sh", startup, 0)->executable = true;
    /* Every Python version the environments run. */
    djz_python_tox(&c->ir, &add(a, b, cap, "tox.ini")->text);
    /* The generated tests, when the spec has `test` blocks. */
    const djz_ir_env *e0 = &c->ir.envs[0];
    bool tests = false;
    for (size_t i = 0; i < e0->nblocks; i++) {
        const djz_ir_block *t = e0->blocks[i];
        if (strcmp(t->schema->kind, "test"))
            continue;
        tests = true;
        djz_python_access_test(
            t,
            &add(a, b, cap, djz_arena_printf(a, "tests/test_%s.py", t->label))
                 ->text);
    }
    if (tests)
        djz_python_conftest(e0, &add(a, b, cap, "tests/conftest.py")->text);
    djz_buf launch = {0};
    if (djz_python_launch(a, e0, &launch)) {
        add(a, b, cap, ".vscode/launch.json")->text = launch;
        djz_python_launch_gitignore(
            &add(a, b, cap, ".vscode/.gitignore")->text);
    }
    /* The load test aims at the first environment (or load.host). */
    djz_python_locustfile(&c->ir.envs[0],
                          &add(a, b, cap, "locustfile.py")->text);
}

/* The spec's path as the workflows name it: relative to the repository's
 * root, where CI runs; an absolute path keeps only its file name. */
static const char *repo_path(const char *spec)
{
    if (spec[0] == '/') {
        const char *slash = strrchr(spec, '/');
        return slash + 1;
    }
    while (spec[0] == '.' && spec[1] == '/')
        spec += 2;
    return spec;
}

static void ci_artifacts(djz_build_run *r)
{
    djz_arena *a = r->a;
    djz_build *b = r->b;
    size_t *cap = &r->cap;
    djz_seen missing = {0};
    djz_ci_input in = {a,       r->sink, &r->c->ir, &b->arm, repo_path(r->spec),
                       &missing};
    djz_ci_files files = {0};
    djz_ci_github(&in, &files);
    djz_ci_pipelines(&in, &files);
    for (size_t i = 0; i < files.n; i++)
        djz_yaml_write(&add(a, b, cap, files.items[i].path)->text,
                       files.items[i].comment, files.items[i].doc);
}

/* The template's text, as the limits measured it, moves over; then a
 * parameters file per environment. */
static void djz_arm_artifacts(djz_build_run *r)
{
    djz_build *b = r->b;
    djz_artifact *t = add(r->a, b, &r->cap, "arm/template.json");
    t->text = b->arm.template_text;
    b->arm.template_text = (djz_buf){0};
    for (size_t e = 0; e < b->arm.nenvs; e++) {
        djz_artifact *p = add(r->a, b, &r->cap,
                              djz_arena_printf(r->a, "arm/%s.parameters.json",
                                               b->arm.env_names[e]));
        djz_json_write_plain(&p->text, b->arm.parameters[e]);
    }
}

/* The Django modules come before the Python files: the settings fragment
 * says what it reads, which the manifest lists. */
const djz_backend djz_backends[] = {
    {"arm", DJZ_ARTIFACTS_ARM, djz_arm_artifacts},
    {"django", DJZ_ARTIFACTS_DJANGO, django_artifacts},
    {"python", DJZ_ARTIFACTS_PYTHON, python_artifacts},
    {"ci", DJZ_ARTIFACTS_CI, ci_artifacts},
};
const size_t djz_nbackends = sizeof djz_backends / sizeof *djz_backends;

bool djz_build_groups(const char *list, unsigned *what)
{
    *what = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        unsigned flag = 0;
        for (size_t i = 0; i < djz_nbackends; i++)
            if (strlen(djz_backends[i].group) == n &&
                !strncmp(djz_backends[i].group, p, n))
                flag = djz_backends[i].flag;
        if (!flag || (p[n] == ',' && !p[n + 1]))
            return false;
        *what |= flag;
        p += n + (p[n] == ',');
    }
    return *what != 0;
}

bool djz_build_artifacts(djz_arena *a, djz_diag_sink *sink,
                         const djz_compilation *c, const char *spec,
                         unsigned what, djz_build *out)
{
    memset(out, 0, sizeof *out);
    /* The template is built in any case: djaz.json tells its secrets. */
    if (!djz_arm_build(a, sink, &c->ir, &out->arm))
        return false;
    djz_build_run r = {a, sink, c, spec, out, 0};
    size_t errors = sink->errors;
    for (size_t i = 0; i < djz_nbackends; i++)
        if (what & djz_backends[i].flag)
            djz_backends[i].emit(&r);
    if (what & DJZ_ARTIFACTS_MANIFEST) {
        djz_json *reads = what & DJZ_ARTIFACTS_DJANGO
                              ? djz_env_reads_json(a, &out->reads)
                              : NULL;
        djz_json *m = djz_manifest(a, &c->ir, &out->arm, reads, spec,
                                   out->artifacts, out->n);
        djz_json_write_plain(&add(a, out, &r.cap, "djaz.json")->text, m);
    }
    return sink->errors == errors;
}

void djz_build_free(djz_build *b)
{
    for (size_t i = 0; i < b->n; i++)
        djz_buf_free(&b->artifacts[i].text);
    djz_arm_free(&b->arm);
}

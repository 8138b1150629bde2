/* build.c - every artifact of a compiled spec (see build.h). */
#include "build.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
static djz_artifact *shared(djz_build_run *r, const char *path,
                            env_writer write, int which)
{
    const djz_compilation *c = r->c;
    djz_diag_sink *sink = r->sink;
    djz_artifact *x = add(r->a, r->b, &r->cap, path);
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
    const djz_compilation *c = r->c;
    djz_build *b = r->b;
    /* In the application's package: settings.py imports djaz_settings. */
    const char *dir = djz_django_dir(a, &c->ir.envs[0]);
    for (int i = 0; i < 2; i++) {
        djz_buf probe = {0};
        bool present =
            djz_django_file(a, &c->ir, &c->ir.envs[0], i, &probe, &b->reads);
        djz_buf_free(&probe);
        if (present)
            shared(r, djz_arena_printf(a, "%s%s", dir, djz_django_files[i]),
                   django_file, i);
    }
    /* What the fragment reads, against what each environment sets. */
    djz_django_crosscheck(r->sink, &c->ir, &b->arm, &b->reads);
}

static void python_artifacts(djz_build_run *r)
{
    djz_arena *a = r->a;
    const djz_compilation *c = r->c;
    djz_build *b = r->b;
    size_t *cap = &r->cap;
    /* What the generated files import, against what the spec lists. */
    djz_python_check_requirements(r->sink, a, &c->ir);
    for (int i = 0; i < 3; i++)
        shared(r, djz_requirements_files[i], requirements, i);
    shared(r, "startup.sh", startup, 0)->executable = true;
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

/* The directory of the repository holding real (an absolute path): the
 * nearest one above it with a .git (a directory, or a worktree's file);
 * its length in real, or 0 when there is none. */
static size_t repo_root(djz_arena *a, const char *real)
{
    for (size_t n = strlen(real); n > 1;) {
        while (n > 1 && real[n - 1] != '/')
            n--;
        if (n > 1)
            n--; /* the slash */
        const char *git = djz_arena_printf(a, "%.*s/.git", (int)n, real);
        if (n > 1 && access(git, F_OK) == 0)
            return n;
    }
    return 0;
}

/* A relative path with "." and ".." resolved in its text: NULL when a
 * ".." climbs out of where it starts. */
static const char *lexical(djz_arena *a, const char *path)
{
    char *out = djz_arena_alloc(a, strlen(path) + 1);
    size_t n = 0;
    for (const char *p = path; *p;) {
        size_t len = strcspn(p, "/");
        if (len == 2 && !strncmp(p, "..", 2)) {
            if (!n)
                return NULL;
            while (n && out[n - 1] != '/')
                n--;
            n -= n > 0;
        } else if (len && !(len == 1 && *p == '.')) {
            if (n)
                out[n++] = '/';
            memcpy(out + n, p, len);
            n += len;
        }
        p += len + (p[len] == '/');
    }
    out[n] = '\0';
    return n ? out : NULL;
}

/* The spec's path as the CI files name it (DJAZ_SPEC) and djaz.json
 * records it: relative to the root of its git repository, where CI runs,
 * so the same spec gives the same path from any working directory;
 * outside a repository, the path as given (an absolute one keeps only
 * its file name).  NULL when there is none: the spec came from standard
 * input, or a relative path climbs out of the working directory. */
static const char *repo_path(djz_arena *a, const char *spec)
{
    if (!strcmp(spec, "-"))
        return NULL;
    /* The directory resolved, not the file: a spec that is a symbolic
     * link is named where the link is, in the repository. */
    const char *slash = strrchr(spec, '/');
    const char *dir =
        slash ? djz_arena_printf(a, "%.*s/", (int)(slash - spec), spec) : ".";
    const char *real_dir = djz_realpath(a, dir);
    const char *real =
        real_dir ? djz_arena_printf(a, "%s/%s",
                                    strcmp(real_dir, "/") ? real_dir : "",
                                    slash ? slash + 1 : spec)
                 : NULL;
    size_t root = real ? repo_root(a, real) : 0;
    if (root)
        return real + root + 1;
    if (spec[0] == '/')
        return strrchr(spec, '/') + 1;
    return lexical(a, spec);
}

/* DJZ4016 at the first ci block when the CI files cannot name the spec. */
static void no_spec_path(djz_build_run *r)
{
    const djz_ir *ir = &r->c->ir;
    const djz_ir_block *ci = djz_ci_block(ir, "github");
    if (!ci)
        ci = djz_ci_block(ir, "azure_pipelines");
    if (!ci)
        return;
    bool stdin_spec = !strcmp(r->spec, "-");
    djz_diag *d = djz_report(
        r->sink, DJZ_NO_SPEC_PATH, ci->src, ci->span,
        stdin_spec ? "the spec comes from standard input: the CI files "
                     "need its path in the repository"
                   : "the spec `%s` is outside the working directory: the "
                     "CI files need its path in the repository",
        r->spec);
    djz_diag_help(r->sink, d,
                  stdin_spec ? "build from the spec's file, in its git "
                               "repository: `djaz build app.djaz -o OUT`"
                             : "run djaz inside the spec's git "
                               "repository, or from a directory that holds "
                               "the spec");
}

static void ci_artifacts(djz_build_run *r)
{
    djz_arena *a = r->a;
    djz_build *b = r->b;
    size_t *cap = &r->cap;
    const char *spec = repo_path(a, r->spec);
    if (!spec) {
        no_spec_path(r);
        return;
    }
    djz_seen missing = {0};
    djz_ci_input in = {a, r->sink, &r->c->ir, &b->arm, spec, &missing};
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
        djz_json *m = djz_manifest(a, &c->ir, &out->arm, reads,
                                   repo_path(a, spec), out->artifacts, out->n);
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

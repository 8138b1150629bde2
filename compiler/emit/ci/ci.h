/* ci.h - the CI back ends: GitHub Actions workflows with their Dependabot
 * configuration (github.c) and the Azure Pipelines pipeline
 * (pipelines.c), each built as a JSON tree and written by the one YAML
 * writer (emit/yaml.h).
 *
 * What both hold to: tests and `djaz check` on every pull request, with
 * no secret and no deployment; a deployment only on a push to an
 * environment's branch, one at a time per environment, through
 * `djaz apply` (infrastructure, database, static files) and then the
 * code; secrets only as references to the CI system's secret store; the
 * versions of actions and tasks from the stdlib (std/github/actions.djaz),
 * and djaz itself pinned to the version that wrote the files. */
#ifndef DJZ_CI_H
#define DJZ_CI_H

#include "emit/arm/arm.h"
#include "emit/json.h"
#include "emit/python/python.h"
#include "ir/ir.h"
#include "support/index.h"

typedef struct djz_ci_file {
    const char *path; /* in the output: ".github/workflows/..." */
    djz_json *doc;
    const char *comment; /* the header, for djz_yaml_write */
} djz_ci_file;

typedef struct djz_ci_files {
    djz_ci_file *items;
    size_t n, cap;
} djz_ci_files;

/* What the CI back ends read: the compiled spec and its template; where
 * they report a stdlib that lacks an action or task they use (DJZ2007). */
typedef struct djz_ci_input {
    djz_arena *a;
    djz_diag_sink *sink;
    const djz_ir *ir;
    const djz_arm *arm;
    const char *spec;  /* the spec's path as the workflows name it */
    djz_seen *missing; /* actions and tasks reported missing */
} djz_ci_input;

/* .github/workflows/djaz-pull-request.yml, one
 * .github/workflows/djaz-deploy-ENV.yml per environment and
 * .github/dependabot.yml, when the spec has `ci github`. */
void djz_ci_github(const djz_ci_input *in, djz_ci_files *out);

/* azure-pipelines.yml, when the spec has `ci azure_pipelines`. */
void djz_ci_pipelines(const djz_ci_input *in, djz_ci_files *out);
/* s as a string literal of Azure Pipelines' expressions: 'it''s'.  Its
 * text is never evaluated: the YAML writer quotes the expression, and
 * sema keeps `${{`, `$(` and `$[` out of the branches. */
const char *djz_pipelines_string(djz_arena *a, const char *s);

/* ---- shared by both (ci.c) ------------------------------------------ */

/* The spec's `ci NAME` block (of the first environment), or NULL. */
const djz_ir_block *djz_ci_block(const djz_ir *ir, const char *name);
/* The Python versions to test on: the ci block's `python`, else tox's,
 * and every environment's app's; all of them (*n), in a. */
const char **djz_ci_pythons(djz_arena *a, const djz_ir *ir,
                            const djz_ir_block *ci, size_t *n);
/* The web app's name in environment e. */
const char *djz_ci_webapp(const djz_ir_env *e);
/* The application's package ("django_on_azure"), for coverage. */
const char *djz_ci_package(const djz_ir *ir);
/* Whether the tests run with coverage: djz_python_ci_coverage, which
 * also puts pytest-cov in requirements-test.txt. */
bool djz_ci_has_coverage(const djz_ir *ir);
/* The script that runs the tests: pytest with JUnit results, and with
 * coverage of the package when djz_ci_has_coverage. */
const char *djz_ci_pytest(djz_arena *a, const djz_ir *ir);
/* The environments' branches (of only that environment, if given), each
 * once, as a JSON array of strings.  With glob, as GitHub's branch
 * filters: the characters they read as a pattern that git allows in a
 * name (`+`, `]`, and `!` in front) are escaped with `\`, so a filter
 * matches its one branch (git's rules, checked by sema, exclude
 * `* ? [ \`). */
djz_json *djz_ci_branches(djz_arena *a, const djz_ir *ir,
                          const djz_ir_env *only, bool glob);
/* "OWNER/REPO@MAJOR" from the stdlib's `action` blocks, and
 * "NAME@MAJOR" from its `task` blocks (std/azure/pipelines.djaz); one the
 * stdlib (a --stdlib directory) lacks is reported at the ci block. */
const char *djz_ci_uses(const djz_ci_input *in, const djz_ir_block *ci,
                        const char *action);
const char *djz_ci_task(const djz_ci_input *in, const djz_ir_block *ci,
                        const char *task);
/* The shell lines that build djaz $DJAZ_VERSION from the git repository
 * in $DJAZ_REPOSITORY under the directory tmp ("$RUNNER_TEMP") and put
 * it on PATH with path_line, which names its directory "$src/build". */
const char *djz_ci_install_djaz(djz_arena *a, const char *tmp,
                                const char *path_line);
/* Whether the spec's path can be written as DJAZ_SPEC: CI systems
 * evaluate `${{`, `$(` and `$[` in it.  If not, DJZ4015 (once) and the
 * back end writes nothing. */
bool djz_ci_spec_ok(const djz_ci_input *in);
/* The header comment of a CI file. */
const char *djz_ci_comment(djz_arena *a, const char *spec, const char *what);
/* Appends a file. */
void djz_ci_add(djz_arena *a, djz_ci_files *out, const char *path,
                const char *comment, djz_json *doc);

#endif

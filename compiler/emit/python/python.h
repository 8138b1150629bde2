/* python.h - the Python back end's artifacts: the three requirements
 * files and startup.sh. */
#ifndef DJZ_PYTHON_H
#define DJZ_PYTHON_H

#include "diag/diag.h"
#include "emit/json.h"
#include "ir/ir.h"

/* requirements.txt, requirements-dev.txt and requirements-test.txt:
 * which is 0, 1 or 2.  The spec's lists, then what the generated files
 * need and the spec lacks (requirements.c). */
void djz_python_requirements(const djz_ir *ir, const djz_ir_env *e, int which,
                             djz_buf *out);
extern const char *const djz_requirements_files[3];

/* A package the generated files need: in requirements file `file` (0, 1
 * or 2), `package` (normalized) with `extra`, or one of `also` in its
 * place; `why` names the generated file that needs it. */
typedef struct djz_need {
    int file;
    const char *package;
    const char *extra;   /* NULL: none needed */
    const char *also[2]; /* other packages that serve, or NULL */
    const char *why;
} djz_need;
enum { DJZ_MAX_NEEDS = 12 };
size_t djz_python_needs(const djz_ir *ir, const djz_ir_env *e, djz_need *out);
/* Whether the CI files run the tests with coverage (pytest --cov): when
 * djaz writes CI files at all (a `ci` block).  The one decision that
 * both requirements-test.txt (pytest-cov, listed by the spec in any
 * spelling pip reads as that name, or added) and the CI back ends'
 * pytest command follow. */
bool djz_python_ci_coverage(const djz_ir *ir);
/* DJZ4009 for each runtime need djaz cannot add: no pin in the stdlib
 * (Django), or listed without the extra the generated code needs. */
void djz_python_check_requirements(djz_diag_sink *sink, djz_arena *a,
                                   const djz_ir *ir);

/* The Python versions to test on, each once, all of them (*n), in an
 * array in a: those listed (may be NULL), then every environment's
 * app's, or those only when none is listed and every_env is false
 * (testing.c). */
const char **djz_python_versions(djz_arena *a, const djz_ir *ir,
                                 const djz_value *listed, bool every_env,
                                 size_t *n);

/* tox.ini and locustfile.py (testing.c). */
void djz_python_tox(const djz_ir *ir, djz_buf *out);
void djz_python_locustfile(const djz_ir_env *e, djz_buf *out);
/* tests/conftest.py (the spec's fixtures, user_client) and one
 * tests/test_NAME.py per `test NAME` block. */
void djz_python_conftest(const djz_ir_env *e, djz_buf *out);
void djz_python_access_test(const djz_ir_block *t, djz_buf *out);
/* .vscode/.gitignore beside launch.json: git ignores launch.json
 * (requirements.c). */
void djz_python_launch_gitignore(djz_buf *out);
/* .vscode/launch.json from `editor vscode`; false when there is none. */
bool djz_python_launch(djz_arena *a, const djz_ir_env *e, djz_buf *out);

/* startup.sh: gunicorn as the spec's server says (see server.h). */
void djz_python_startup(const djz_ir_env *e, djz_buf *out);

#endif

/* build.h - the back half of `djaz build`: every artifact of a compiled
 * spec, in memory, in the order they are written. */
#ifndef DJZ_BUILD_H
#define DJZ_BUILD_H

#include "driver/compile.h"
#include "emit/arm/arm.h"
#include "emit/django/django.h"
#include "emit/manifest.h"

typedef struct djz_build {
    djz_arm arm;
    djz_env_reads reads;     /* what the settings fragment reads */
    djz_artifact *artifacts; /* djaz.json last */
    size_t n;
} djz_build;

/* Groups of artifacts, one per back end, for `build --only`. */
enum {
    DJZ_ARTIFACTS_ARM = 1 << 0,    /* arm/ */
    DJZ_ARTIFACTS_DJANGO = 1 << 1, /* the package's modules */
    DJZ_ARTIFACTS_PYTHON = 1 << 2, /* requirements, startup.sh, tox, tests... */
    DJZ_ARTIFACTS_CI = 1 << 3,     /* workflows, pipelines, Dependabot */
    DJZ_ARTIFACTS_ALL = 0xffff,    /* every back end of djz_backends */
    /* djaz.json and the hashes it holds: only for what is written. */
    DJZ_ARTIFACTS_MANIFEST = 1 << 16,
};

typedef struct djz_build_run djz_build_run; /* one run of the back ends */

/* A back end: the group `--only` names it by, its flag, and what adds
 * its artifacts to the build. */
typedef struct djz_backend {
    const char *group;
    unsigned flag;
    void (*emit)(djz_build_run *r);
} djz_backend;

/* Every back end, in the order they run (and djaz.json lists their
 * artifacts); djz_nbackends of them.  Adding one is one line here. */
extern const djz_backend djz_backends[];
extern const size_t djz_nbackends;

/* "arm,ci" as DJZ_ARTIFACTS_* flags; false for an empty list, an empty
 * item, or a name no back end has. */
bool djz_build_groups(const char *list, unsigned *what);

/* Runs the back ends on a compilation without errors and keeps the
 * artifacts of the groups in what (with DJZ_ARTIFACTS_MANIFEST, djaz.json
 * listing those last).
 * Back-end problems (ARM's limits, DJZ4006) go to sink; returns false
 * when there were any. */
bool djz_build_artifacts(djz_arena *a, djz_diag_sink *sink,
                         const djz_compilation *c, const char *spec,
                         unsigned what, djz_build *out);
void djz_build_free(djz_build *b);

#endif

/* build.h - the back half of `djaz build`: every artifact of a compiled
 * spec, in memory, in the order they are written. */
#ifndef DJZ_BUILD_H
#define DJZ_BUILD_H

#include "driver/compile.h"
#include "emit/arm/arm.h"
#include "emit/manifest.h"

typedef struct djz_build {
    djz_arm arm;
    djz_artifact *artifacts; /* djaz.json last */
    size_t n;
} djz_build;

/* Runs the back ends on a compilation without errors.  Back-end problems
 * (ARM's limits) go to sink; returns false when there were any. */
bool djz_build_artifacts(djz_arena *a, djz_diag_sink *sink,
                         const djz_compilation *c, const char *spec,
                         djz_build *out);
void djz_build_free(djz_build *b);

#endif

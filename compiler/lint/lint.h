/* lint.h - warnings about what compiles but should not ship.
 *
 * Every security recommendation of the article, retired services and
 * packages, versions past their support, known vulnerabilities.  Rules
 * read the resolved IR of each environment and the stdlib's knowledge;
 * a finding on a value shared by several environments is reported once.
 * `allow NAME = "reason"` in a block acknowledges one warning there (and
 * in the blocks inside it); an allow that acknowledges nothing is itself
 * a warning.  Rules that depend on the date use djz_today(). */
#ifndef DJZ_LINT_H
#define DJZ_LINT_H

#include "diag/diag.h"
#include "ir/ir.h"
#include "sema/model.h"

/* Lints every environment of ir, bound as m; findings go to sink.  The
 * driver calls it; lint knows nothing of the driver. */
void djz_lint(djz_arena *a, const djz_model *m, const djz_ir *ir,
              djz_diag_sink *sink);

#endif

/* probe.c - djaz with another version (see tests/version/run.sh): linked
 * before the compiler's library, this definition replaces version.c's. */
#include "support/version.h"

const char djz_version[] = "99.0.0-probe";

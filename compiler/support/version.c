/* version.c - djaz's version (see version.h); DJAZ_VERSION is defined
 * for this file alone (CMakeLists.txt). */
#include "version.h"

const char djz_version[] = DJAZ_VERSION;

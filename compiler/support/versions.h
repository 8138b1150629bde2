/* versions.h - the part of PEP 440 and PEP 508 that djaz needs: reading
 * a requirement line, comparing release versions, matching specifiers
 * such as ">=5.2,<5.2.8". */
#ifndef DJZ_VERSIONS_H
#define DJZ_VERSIONS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct djz_requirement {
    char name[128];  /* normalized: lowercase, '_' and '.' as '-' */
    char pinned[64]; /* the version after ==, or "" when not pinned */
    bool too_long;   /* refused: the name or the pin does not fit */
} djz_requirement;

/* Reads "Django[extra]==5.2.18 ; marker".  False when there is no name,
 * or (too_long) when the name or the pinned version is longer than the
 * fields above: never cut (sema reports such a line, DJZ3005). */
bool djz_requirement_parse(const char *line, djz_requirement *out);
/* <0, 0, >0 as a is before, equal to, after b (release segments only;
 * a pre-release suffix sorts before its release). */
int djz_version_compare(const char *a, const char *b);
/* Whether version satisfies every clause of spec ("==", "!=", ">=",
 * "<=", ">", "<", "~=" joined by commas). */
bool djz_version_matches(const char *version, const char *spec);
/* Normalizes a project name as PEP 503 does. */
void djz_project_normalize(const char *in, char *out, size_t n);

#endif

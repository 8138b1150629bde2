/* version.h - djaz's own version, in one place.
 *
 * The version is compiled into version.c only, so that a test can link
 * the same compiler with another version (tests/version) and prove that
 * it reaches only the artifacts where it does something: the manifest
 * (djaz.json's `generator`) and the djaz the CI files install
 * (DJAZ_VERSION).  No other artifact may name it: a release of djaz must
 * not change every user's generated files. */
#ifndef DJZ_VERSION_H
#define DJZ_VERSION_H

extern const char djz_version[];

#endif

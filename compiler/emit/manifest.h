/* manifest.h - djaz.json, what `djaz apply` reads of a build: the
 * environments with their resource names and parameters files, the
 * secrets it must supply, the environment variables the settings fragment
 * reads, the outputs it may read, and the SHA-256 of every artifact. */
#ifndef DJZ_MANIFEST_H
#define DJZ_MANIFEST_H

#include "emit/arm/arm.h"
#include "emit/json.h"
#include "emit/outdir.h"
#include "ir/ir.h"

typedef struct djz_artifact {
    const char *path; /* relative to the output directory */
    djz_buf text;
    bool executable; /* startup.sh */
} djz_artifact;

/* The manifest of artifacts[0..n); spec is the spec's path in its
 * repository, as the CI files name it, or NULL (written null) when it
 * has none (read from standard input);
 * reads, when not NULL, is what the settings fragment reads
 * (djz_env_reads_json). */
djz_json *djz_manifest(djz_arena *a, const djz_ir *ir, const djz_arm *arm,
                       djz_json *reads, const char *spec,
                       const djz_artifact *artifacts, size_t n);

/* Reads a previous build's djaz.json (a djz_outdir_reader): the
 * artifacts it lists, each with a clean relative path, its size and its
 * SHA-256.  Anything else (not JSON, `{}`, no "djazManifest": 1, an
 * artifact without one of those, two with one path) is not a manifest
 * djaz wrote: false, with why. */
bool djz_manifest_read(const char *text, size_t len, djz_outdir_listing *out,
                       char *why, size_t whylen);

#endif

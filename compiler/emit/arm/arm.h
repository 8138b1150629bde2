/* arm.h - the ARM back end: one template for the application and one
 * parameters file per environment.
 *
 * Each environment's resources are built as if it were alone, with every
 * value that may differ between environments (a name, a SKU) held in a
 * named slot.  Linking the environments then keeps one resource per key:
 * a slot whose environments agree is written as its value, one whose
 * environments disagree becomes a template parameter, a resource missing
 * from some environments gets a `condition`, and a subtree whose shape
 * differs is chosen by the `environment` parameter.  So the template of
 * an application with one environment has no parameters but its secrets,
 * and environments differ only in their parameters files. */
#ifndef DJZ_ARM_H
#define DJZ_ARM_H

#include "diag/diag.h"
#include "emit/json.h"
#include "ir/ir.h"

/* A secure parameter the runtime supplies at deployment (never a file). */
typedef struct djz_arm_secret {
    const char *parameter;       /* securestring parameter of the template */
    const char *keyvault_secret; /* where it is kept: a Key Vault secret */
    const char *source;          /* generate, ci or keyvault */
    long length;                 /* generate: characters */
    const char *setting;         /* the app setting that reads it */
} djz_arm_secret;

/* The names of the app settings one environment's web app gets. */
typedef struct djz_arm_settings {
    const char **names;
    size_t n;
} djz_arm_settings;

typedef struct djz_arm {
    djz_json *template_;
    djz_buf template_text; /* as written; build moves it into its artifact */
    djz_json **parameters; /* one per environment, the IR's order */
    const char **env_names;
    size_t nenvs;
    djz_arm_secret *secrets;
    size_t nsecrets;
    djz_arm_settings *settings; /* one per environment */
} djz_arm;

/* Builds the template and parameters of every environment of ir.
 * Problems (ARM's limits) go to sink; returns false on errors. */
bool djz_arm_build(djz_arena *a, djz_diag_sink *sink, const djz_ir *ir,
                   djz_arm *out);

void djz_arm_free(djz_arm *arm);

/* The API version djaz emits a resource type at, or NULL. */
const char *djz_arm_api_version(const char *type);

#endif

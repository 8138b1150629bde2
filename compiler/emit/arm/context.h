/* context.h - what the resource builders of the ARM back end share.
 *
 * A builder reads one environment (c->e) and adds resources with djz_arm_add;
 * every value that may differ between environments goes through a slot
 * (djz_arm_slot), and resources refer to each other through their keys. */
#ifndef DJZ_ARM_CONTEXT_H
#define DJZ_ARM_CONTEXT_H

#include "arm.h"
#include "support/index.h"

typedef struct djz_arm_res {
    const char *key;     /* the same in every environment */
    const char *feature; /* names the condition when some env lacks it */
    const char *type, *api;
    djz_json *name;    /* CONCAT of slots and text */
    djz_json *id;      /* resourceId(...) as an EXPR */
    djz_json *body;    /* scope, location, kind, sku, properties... */
    const char **deps; /* keys of resources this one depends on */
    size_t ndeps, depcap;
    djz_seen dep_set;
} djz_arm_res;

typedef struct djz_arm_env {
    djz_arm_res **res;
    size_t n, cap;
    djz_index by_key;
    djz_json *settings; /* the web app's app settings (an object), or NULL */
} djz_arm_env;

typedef struct djz_arm_ctx {
    djz_arena *a;
    djz_diag_sink *sink;
    const djz_ir *ir;
    size_t env; /* the environment being built */
    const djz_ir_env *e;
    djz_arm_env *envs;
    djz_slot **slots;
    size_t nslots, slotcap;
    djz_index slot_index;
    djz_arm_secret *secrets;
    size_t nsecrets, secretcap;
    djz_seen secret_set;
    bool used_switch; /* some value is chosen by the environment */
} djz_arm_ctx;

/* True the first time a problem at v is seen: environments share it. */
bool djz_arm_once(djz_arm_ctx *c, const djz_value *v);

/* A slot's value in this environment; returns a node that refers to it. */
djz_json *djz_arm_slot(djz_arm_ctx *c, const char *name,
                       const char *description, djz_json *value);
/* The slot of that name, or NULL. */
djz_slot *djz_arm_find_slot(djz_arm_ctx *c, const char *name);
/* A securestring parameter (no value in any file). */
djz_json *djz_arm_secure(djz_arm_ctx *c, const char *name,
                         const char *description);

/* Adds a resource of the environment; its name is given by the caller. */
djz_arm_res *djz_arm_add(djz_arm_ctx *c, const char *key, const char *feature,
                         const char *type, djz_json *name, djz_json *id);
/* Adds the template resource of an IR resource: its key, name (a slot per
 * top-level name or varying leaf) and dependencies come from the IR. */
djz_arm_res *djz_arm_add_ir(djz_arm_ctx *c, const djz_ir_resource *r,
                            const char *feature);
void djz_arm_dep(djz_arm_ctx *c, djz_arm_res *r, const char *key);
djz_arm_res *djz_arm_find(djz_arm_ctx *c,
                          const char *key); /* in this environment */

/* The IR resource of type (the first), or NULL. */
const djz_ir_resource *djz_arm_ir(djz_arm_ctx *c, const char *type);
/* Its name and resourceId() as template values. */
djz_json *djz_arm_name_of(djz_arm_ctx *c, const djz_ir_resource *r);
djz_json *djz_arm_id_of(djz_arm_ctx *c, const djz_ir_resource *r);
/* [reference(ID, 'api')...] with rest appended: ".defaultHostName". */
djz_json *djz_arm_reference(djz_arm_ctx *c, const djz_ir_resource *r,
                            const char *rest);

/* djz_arm_add_ir for a tracked resource: with a location (where, or the
 * app's region when NULL) and the tags. */
djz_arm_res *djz_arm_add_tracked(djz_arm_ctx *c, const djz_ir_resource *r,
                                 const char *feature, const char *where);
/* pre + the parts of name (a CONCAT) + post, as a CONCAT. */
djz_json *djz_arm_around(djz_arm_ctx *c, const char *pre, const djz_json *name,
                         const char *post);
/* resourceId('type', name) for a top-level resource named name. */
djz_json *djz_arm_resource_id(djz_arm_ctx *c, const char *type, djz_json *name);

/* The environment's location, as a slot. */
djz_json *djz_arm_location(djz_arm_ctx *c);
/* Tags of top-level resources: application and environment. */
djz_json *djz_arm_tags(djz_arm_ctx *c);

/* IR and stdlib lookups. */
const char *djz_arm_text(const djz_ir_block *b, const char *attr); /* or NULL */
bool djz_arm_on(const djz_ir_block *b, const char *attr);
long djz_arm_int(const djz_ir_block *b, const char *attr, long fallback);
const char *djz_arm_fact(djz_arm_ctx *c, const char *kind, const char *label,
                         const char *attr); /* "" when unknown */

void djz_arm_add_secret(djz_arm_ctx *c, djz_arm_secret s);

/* The builders, one per subject; each reads c->e. */
void djz_arm_build_monitoring(djz_arm_ctx *c);
void djz_arm_build_vault(djz_arm_ctx *c);
void djz_arm_build_network(djz_arm_ctx *c);
void djz_arm_build_database(djz_arm_ctx *c);
void djz_arm_build_storage(djz_arm_ctx *c);
void djz_arm_build_web(djz_arm_ctx *c);
void djz_arm_build_dashboard(djz_arm_ctx *c);
void djz_arm_build_settings(djz_arm_ctx *c); /* last: it reads every other */

/* The app settings of the site, as an object; r waits for what they read. */
djz_json *djz_arm_app_settings(djz_arm_ctx *c, djz_arm_res *r);

/* A Key Vault reference app setting to secret (a Key Vault secret name). */
djz_json *djz_arm_keyvault_ref(djz_arm_ctx *c, const char *secret);
/* A Key Vault secret resource holding value; returns its key. */
const char *djz_arm_vault_secret(djz_arm_ctx *c, const char *secret,
                                 djz_json *value, const char *after_key);
/* The Key Vault secret of a `secret` block: its keyvault_secret, else
 * its name in lowercase with '_' as '-'. */
const char *djz_arm_secret_name(djz_arm_ctx *c, const djz_ir_block *secret);
/* The PostgreSQL administrator login, as a slot. */
djz_json *djz_arm_admin_login(djz_arm_ctx *c);

#endif

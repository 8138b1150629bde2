/* facts.c - the stdlib knowledge back ends read, carried by the IR.
 *
 * Back ends see only the IR, so the facts they need from the stdlib's
 * data blocks (a plan's tier and cores, a PostgreSQL SKU's tier, the major
 * version of each CI action and task, the pin of each Python package
 * djaz may add to the requirements) are copied here from sema's bound
 * model, as text (booleans as on/off), when the IR is built.  `copied`
 * lists every kind and attribute a back end may ask for; asking for one
 * that is not listed is an internal error (DJZ9011), so a back end cannot
 * silently read "" for a fact that was never copied. */
#include <string.h>

#include "diag/diag.h"
#include "resolve.h"
#include "support/index.h"

typedef struct fact_kind {
    const char *kind;
    const char *const *attrs; /* NULL-terminated */
} fact_kind;

static const char *const plan_attrs[] = {"tier", "cores", "always_on", NULL};
static const char *const pg_attrs[] = {"tier", NULL};
static const char *const major_attrs[] = {"major", NULL};
static const char *const package_attrs[] = {"pin", NULL};

static const fact_kind copied[] = {
    {"plan_sku", plan_attrs},   {"pg_sku", pg_attrs},
    {"action", major_attrs},    {"task", major_attrs},
    {"package", package_attrs},
};
enum { NKINDS = sizeof copied / sizeof copied[0] };

/* One data block: its texts in the order of its kind's attrs. */
typedef struct fact_entry {
    const char **texts;
} fact_entry;

struct djz_ir_facts {
    fact_entry *entries;
    size_t n, cap;
    djz_index index; /* "kind\x1fname" (label and every spelling) -> entry */
};

static const fact_kind *kind_of(const char *kind)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (!strcmp(copied[i].kind, kind))
            return &copied[i];
    return NULL;
}

/* Registers entry e under o's label and every spelling in its `names`. */
static void index_names(djz_arena *a, djz_ir_facts *f, const djz_obj *o,
                        size_t e)
{
    djz_index_put_pair(&f->index, a, o->schema->kind, o->label, e);
    const djz_binding *names = djz_obj_attr(o, "names");
    if (!names || names->value->kind != DJZ_NODE_LIST)
        return;
    for (const djz_node *i = names->value->u.list.items.head; i; i = i->next)
        if (djz_value_key(i))
            djz_index_put_pair(&f->index, a, o->schema->kind, djz_value_key(i),
                               e);
}

static void copy_entry(djz_arena *a, djz_ir_facts *f, const fact_kind *k,
                       const djz_obj *o)
{
    size_t n = 0;
    while (k->attrs[n])
        n++;
    f->entries =
        djz_arena_grow(a, f->entries, f->n, &f->cap, sizeof *f->entries);
    fact_entry *e = &f->entries[f->n];
    e->texts = djz_arena_alloc(a, n * sizeof *e->texts);
    for (size_t i = 0; i < n; i++)
        e->texts[i] = djz_obj_text(o, k->attrs[i]);
    index_names(a, f, o, f->n++);
}

void djz_ir_facts_build(djz_arena *a, const djz_model *m, djz_ir *ir)
{
    djz_ir_facts *f = DJZ_NEW(a, djz_ir_facts);
    memset(f, 0, sizeof *f);
    for (const djz_obj *o = m->data.head; o; o = o->next) {
        const fact_kind *k = o->label ? kind_of(o->schema->kind) : NULL;
        if (k)
            copy_entry(a, f, k, o);
    }
    ir->facts = f;
    for (size_t i = 0; i < ir->nenvs; i++)
        ir->envs[i].facts = f;
}

const char *djz_ir_fact(const djz_ir_facts *f, const char *kind,
                        const char *label, const char *attr)
{
    const fact_kind *k = kind_of(kind);
    size_t i = 0;
    while (k && k->attrs[i] && strcmp(k->attrs[i], attr))
        i++;
    if (!k || !k->attrs[i])
        djz_internal(DJZ_UNKNOWN_IR_FACT,
                     "the IR carries no stdlib fact `%s` of `%s` blocks", attr,
                     kind);
    if (!label || !f)
        return "";
    size_t *n = djz_index_find_pair(&f->index, kind, label);
    return n ? f->entries[*n].texts[i] : "";
}

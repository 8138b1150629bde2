/* resolve.c - merging, evaluating and checking, one environment at a time.
 *
 * A pending block (pblock) collects slots: one per attribute, holding the
 * syntax node that gives its value and where that node came from.  Merge
 * fills slots (a later source replaces an earlier one); evaluation turns
 * each slot into a djz_value, following references on demand; a slot
 * being evaluated that is asked for again is a cycle. */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/index.h"
#include <strings.h>

#include "sema/names.h"
#include "sema/toxcmd.h"
#include "support/suggest.h"

enum { UNSEEN, VISITING, DONE };

typedef struct slot {
    const struct pblock *owner;
    const djz_attr_schema *schema;
    const djz_type *type;
    const char *name, *label;
    const djz_node *node;
    djz_source *src;
    djz_origin origin;
    int state;
    djz_value *value;
} slot;

typedef struct pblock {
    const djz_block_schema *schema;
    const char *label;
    const char *path; /* "app", "database.main", "app.site": for messages */
    djz_source *src;  /* where it is written: the spec's block, else a */
    djz_span span;    /* preset's, else its parent's */
    bool from_spec;
    slot *slots;
    size_t nslots, cap;
    struct pblock **children;
    size_t nchildren, ccap;
    djz_index by_name;    /* "name\x1flabel" -> slot index */
    djz_index by_child;   /* "kind\x1flabel" -> child index */
    djz_index kind_count; /* kind -> how many children of that kind */
    djz_index kind_last;  /* kind -> index of the last child of it */
} pblock;

typedef struct resolver {
    djz_program *p;
    const djz_model *m;
    djz_arena *a; /* the program's: the IR and everything it points to */
    djz_arena *s; /* one environment's scratch: pending blocks, slots */
    djz_diag_sink *sink;
    const djz_obj *env;  /* the env block being resolved */
    pblock *env_block;   /* its own attributes */
    pblock *root;        /* every other top-level block, as its children */
    struct slot **stack; /* slots being evaluated, for cycle chains */
    size_t depth, stack_cap;
} resolver;

/* ---- pending blocks -------------------------------------------------- */

static pblock *new_pblock(resolver *r, const djz_block_schema *s,
                          const char *label, const pblock *parent)
{
    pblock *b = DJZ_NEW(r->s, pblock);
    b->schema = s;
    b->label = label ? label : "";
    const char *base =
        parent ? djz_arena_printf(r->s, "%s.%s", parent->path, s->kind)
               : s->kind;
    b->path =
        *b->label ? djz_arena_printf(r->s, "%s.%s", base, b->label) : base;
    return b;
}

/* The key of an attribute in a block's index: its name and label. */

static slot *find_slot(pblock *b, const char *name, const char *label)
{
    size_t *i = djz_index_find_pair(&b->by_name, name, label);
    return i ? &b->slots[*i] : NULL;
}

/* The slot of name and label in b, new if b has none yet. */
static slot *slot_for(resolver *r, pblock *b, const char *name,
                      const char *label)
{
    size_t *i = djz_index_find_pair(&b->by_name, name, label);
    if (i)
        return &b->slots[*i];
    b->slots =
        djz_arena_grow(r->s, b->slots, b->nslots, &b->cap, sizeof *b->slots);
    djz_index_put_pair(&b->by_name, r->s, name, label, b->nslots);
    return &b->slots[b->nslots++];
}

/* Sets name (and label) in b from a binding; a later set replaces. */
static void set_slot(resolver *r, pblock *b, const djz_binding *bd,
                     const char *name, djz_origin origin)
{
    const char *label = bd->label ? bd->label : "";
    slot *s = slot_for(r, b, name, label);
    const djz_attr_schema *as = djz_schema_attr(b->schema, name);
    s->owner = b;
    s->schema = as;
    s->type = as ? as->type : b->schema->open_type;
    s->name = name;
    s->label = label;
    s->node = bd->value;
    s->src = bd->src;
    s->origin = origin;
    s->state = UNSEEN;
    s->value = NULL;
}

/* The label in a child's key: single kinds ignore labels. */
static const char *child_label(const djz_block_schema *s, const char *label)
{
    return (s->flags & DJZ_BLOCK_SINGLE) ? "" : label;
}

static pblock *find_child(pblock *b, const djz_block_schema *s,
                          const char *label)
{
    size_t *i =
        djz_index_find_pair(&b->by_child, s->kind, child_label(s, label));
    return i ? b->children[*i] : NULL;
}

static void add_child(resolver *r, pblock *parent, pblock *c)
{
    size_t *count = djz_index_find(&parent->kind_count, c->schema->kind);
    if (count)
        ++*count;
    else
        djz_index_put(&parent->kind_count, r->s, c->schema->kind, 1);
    djz_index_put(&parent->kind_last, r->s, c->schema->kind, parent->nchildren);
    djz_index_put_pair(&parent->by_child, r->s, c->schema->kind,
                       child_label(c->schema, c->label), parent->nchildren);
    parent->children = djz_arena_grow(r->s, parent->children, parent->nchildren,
                                      &parent->ccap, sizeof *parent->children);
    parent->children[parent->nchildren++] = c;
}

/* ---- merging ---------------------------------------------------------- */

static void merge_obj(resolver *r, pblock *b, const djz_obj *o,
                      djz_origin origin);

static void apply_defaults(resolver *r, pblock *b)
{
    for (const djz_obj *d = r->m->defaults.head; d; d = d->next)
        if (d->schema == b->schema)
            merge_obj(r, b, d, DJZ_FROM_DEFAULT);
}

static pblock *child_for(resolver *r, pblock *b, const djz_block_schema *s,
                         const char *label)
{
    pblock *c = find_child(b, s, label);
    if (!c) {
        c = new_pblock(r, s, label, b);
        apply_defaults(r, c);
        if (!c->src) {
            c->src = b->src;
            c->span = b->span;
        }
        add_child(r, b, c);
    }
    return c;
}

static void merge_obj(resolver *r, pblock *b, const djz_obj *o,
                      djz_origin origin)
{
    if (!b->src || (origin == DJZ_FROM_SPEC && !b->from_spec)) {
        b->src = o->src;
        b->span = o->node->span;
        b->from_spec = origin == DJZ_FROM_SPEC;
    }
    for (const djz_binding *bd = o->attrs; bd; bd = bd->next)
        if (!bd->path)
            set_slot(r, b, bd, bd->name, origin);
    for (const djz_obj *c = o->children; c; c = c->next)
        merge_obj(r, child_for(r, b, c->schema, c->label), c, origin);
}

/* Unlabelled nested kinds that presets give defaults for (site, server)
 * exist even when the spec does not write them. */
static void implicit_children(resolver *r, pblock *b)
{
    for (const char *const *k = b->schema->children; k && *k; k++) {
        const djz_block_schema *s = djz_schema_block(*k);
        if (s->flags & DJZ_BLOCK_LABEL)
            continue;
        for (const djz_obj *d = r->m->defaults.head; d; d = d->next)
            if (d->schema == s) {
                child_for(r, b, s, "");
                break;
            }
    }
    for (size_t i = 0; i < b->nchildren; i++)
        implicit_children(r, b->children[i]);
}

/* ---- paths: references and dotted overrides ---------------------------- */

static bool seen_before(resolver *r, djz_source *src, djz_span at, int code)
{
    return !djz_diag_first(r->sink, (djz_code)code, src, at);
}

/* The child of b that the names at n designate, through b's indexes:
 * `kind label` when such a child exists (and a name follows), else the
 * only child of that kind.  *next is the first name after it. */
static pblock *pick_child(pblock *b, const djz_name *n, const djz_name **next)
{
    size_t *i;
    if (n->next && n->next->next &&
        (i = djz_index_find_pair(&b->by_child, n->text, n->next->text))) {
        *next = n->next->next;
        return b->children[*i];
    }
    *next = n->next;
    size_t *count = djz_index_find(&b->kind_count, n->text);
    if (!count || *count != 1)
        return NULL;
    pblock *only = b->children[*djz_index_find(&b->kind_last, n->text)];
    if (n->next && n->next->next && strcmp(only->label, n->next->text) == 0)
        *next = n->next->next; /* `database.main.name`: main is its label */
    return only;
}

/* Follows a path down to the block holding its last name, which is
 * returned in *attr.  `env` is the environment being resolved. */
static pblock *walk(resolver *r, const djz_path *path, const djz_name **attr)
{
    const djz_name *n = path->head;
    pblock *b;
    if (strcmp(n->text, "env") == 0) {
        b = r->env_block;
        n = n->next;
    } else {
        b = pick_child(r->root, n, &n);
    }
    while (b && n && n->next)
        b = pick_child(b, n, &n);
    *attr = n;
    return b;
}

static const char *path_text(resolver *r, const djz_path *p)
{
    const char *s = p->head->text;
    for (const djz_name *n = p->head->next; n; n = n->next)
        s = djz_arena_printf(r->s, "%s.%s", s, n->text);
    return s;
}

static djz_span path_span(const djz_path *p)
{
    return djz_span_join(p->head->span, p->tail->span);
}

/* ---- evaluation -------------------------------------------------------- */

static djz_value *eval_node(resolver *r, const djz_type *t, const djz_node *v,
                            djz_source *src);
static djz_value *eval_slot(resolver *r, slot *s, djz_source *src, djz_span at);

static djz_value *new_value(resolver *r, djz_val_kind k, const djz_node *v,
                            djz_source *src)
{
    djz_value *x = DJZ_NEW(r->a, djz_value);
    x->kind = k;
    x->src = src;
    x->span = v->span;
    return x;
}

static const char *slot_path(resolver *r, const slot *s)
{
    return djz_arena_printf(r->s, "%s.%s", s->owner->path, s->name);
}

static void push(resolver *r, slot *s)
{
    r->stack = djz_arena_grow(r->s, r->stack, r->depth, &r->stack_cap,
                              sizeof *r->stack);
    r->stack[r->depth++] = s;
}

static void report_cycle(resolver *r, slot *s, djz_source *src, djz_span at)
{
    if (seen_before(r, src, at, DJZ_REFERENCE_CYCLE))
        return;
    const char *chain = slot_path(r, s);
    size_t from = r->depth;
    while (from > 0 && r->stack[from - 1] != s)
        from--;
    for (size_t i = from; i < r->depth; i++)
        chain = djz_arena_printf(r->s, "%s -> %s", chain,
                                 slot_path(r, r->stack[i]));
    chain = djz_arena_printf(r->s, "%s -> %s", chain, slot_path(r, s));
    djz_diag *d =
        djz_report(r->sink, DJZ_REFERENCE_CYCLE, src, at,
                   "`%s` depends on itself: %s", slot_path(r, s), chain);
    djz_diag_help(r->sink, d,
                  "write one of these values out instead of "
                  "referring to another");
}

/* The label of a block, as `kind.label.name` reads it where the kind has
 * no attribute `name` (env.name is the environment's name). */
static djz_value *label_value(resolver *r, const pblock *b, djz_source *src,
                              djz_span at)
{
    djz_value *x = DJZ_NEW(r->a, djz_value);
    x->kind = DJZ_VAL_STRING;
    x->text = b->label;
    x->src = src;
    x->span = at;
    return x;
}

/* Names a reference could have meant at the place it went wrong: the
 * attributes of the block it reached, or the top-level kinds. */
static const char *guess(resolver *r, const pblock *b, const char *word)
{
    size_t n;
    const char **names;
    if (b) {
        names = djz_schema_members(r->a, b->schema, &n);
        names[n++] = "name"; /* the room it leaves */
    } else {
        names = djz_schema_kinds(r->a, true, &n);
    }
    return djz_suggest(word, names, n);
}

static void unknown_reference(resolver *r, const djz_path *path,
                              djz_source *src, const pblock *b,
                              const djz_name *bad, const char *why)
{
    if (seen_before(r, src, path_span(path), DJZ_UNKNOWN_REFERENCE))
        return;
    djz_diag *d =
        djz_report(r->sink, DJZ_UNKNOWN_REFERENCE, src, path_span(path),
                   "`%s` %s", path_text(r, path), why);
    const char *best = bad ? guess(r, b, bad->text) : NULL;
    if (best)
        djz_diag_help(r->sink, d, "did you mean `%s`?", best);
    else if (b && bad && djz_schema_attr(b->schema, bad->text))
        djz_diag_help(r->sink, d,
                      "set `%s` in `%s`, or in the `env` "
                      "blocks",
                      bad->text, b->path);
    else
        djz_diag_help(r->sink, d,
                      "a reference is `kind.attribute` or "
                      "`kind.label.attribute`, such as "
                      "`env.name` or `database.main.name`");
}

/* What a failed reference evaluates to: marked, so that nothing built
 * from it is reported again. */
static djz_value *empty_string(resolver *r, djz_source *src, djz_span at)
{
    djz_value *x = DJZ_NEW(r->a, djz_value);
    x->kind = DJZ_VAL_STRING;
    x->text = "";
    x->src = src;
    x->span = at;
    x->broken = true;
    return x;
}

static djz_value *eval_ref(resolver *r, const djz_path *path, djz_source *src)
{
    const djz_name *attr;
    pblock *b = walk(r, path, &attr);
    djz_span at = path_span(path);
    if (!b || !attr) {
        unknown_reference(r, path, src, NULL, b ? NULL : path->head,
                          "refers to no block of this spec");
        return empty_string(r, src, at);
    }
    slot *s = find_slot(b, attr->text, "");
    if (s)
        return eval_slot(r, s, src, at);
    if (strcmp(attr->text, "name") == 0 && !djz_schema_attr(b->schema, "name"))
        return label_value(r, b, src, at);
    unknown_reference(r, path, src, b, attr,
                      djz_schema_attr(b->schema, attr->text)
                          ? "has no value in this environment"
                          : "names no attribute of that block");
    return empty_string(r, src, at);
}

static djz_value *eval_slot(resolver *r, slot *s, djz_source *src, djz_span at)
{
    if (s->state == DONE)
        return s->value;
    if (s->state == VISITING) {
        report_cycle(r, s, src, at);
        return empty_string(r, src, at);
    }
    s->state = VISITING;
    push(r, s);
    s->value = eval_node(r, s->type, s->node, s->src);
    r->depth--;
    s->state = DONE;
    return s->value;
}

static const char *scalar_text(resolver *r, const djz_value *v)
{
    switch (v->kind) {
    case DJZ_VAL_STRING:
    case DJZ_VAL_NAME:
    case DJZ_VAL_NUMBER:
        return v->text;
    case DJZ_VAL_BOOL:
        return v->boolean ? "true" : "false";
    default:
        (void)r;
        return NULL;
    }
}

/* The text one part of a string contributes ("" for a bad one). */
static const char *part_text(resolver *r, const djz_strpart *p, djz_source *src,
                             bool *broken)
{
    const djz_value *x = eval_ref(r, &p->path, src);
    *broken |= x->broken;
    const char *text = scalar_text(r, x);
    if (!text && !seen_before(r, src, p->span, DJZ_BAD_INTERPOLATION))
        djz_report(r->sink, DJZ_BAD_INTERPOLATION, src, p->span,
                   "`%s` is a %s; only strings, names, numbers and on/off "
                   "can be interpolated",
                   path_text(r, &p->path),
                   x->kind == DJZ_VAL_LIST ? "list" : "map");
    return text ? text : "";
}

/* A literal string is its one text part; an interpolated one is built
 * with one allocation once every part is known. */
static djz_value *eval_string(resolver *r, const djz_node *v, djz_source *src)
{
    djz_value *x = new_value(r, DJZ_VAL_STRING, v, src);
    const char *literal = djz_string_literal(v);
    if (literal) {
        x->text = literal;
        return x;
    }
    size_t n = 0, len = 0;
    for (const djz_strpart *p = v->u.string.parts.head; p; p = p->next)
        n++;
    const char **texts = djz_arena_alloc(r->s, sizeof *texts * n);
    size_t *lens = djz_arena_alloc(r->s, sizeof *lens * n);
    size_t i = 0;
    for (const djz_strpart *p = v->u.string.parts.head; p; p = p->next, i++) {
        texts[i] = p->kind == DJZ_PART_TEXT ? p->text
                                            : part_text(r, p, src, &x->broken);
        lens[i] = p->kind == DJZ_PART_TEXT ? p->len : strlen(texts[i]);
        len += lens[i];
    }
    char *buf = djz_arena_alloc(r->a, len + 1), *w = buf;
    for (i = 0; i < n; i++) {
        memcpy(w, texts[i], lens[i]);
        w += lens[i];
    }
    *w = '\0';
    x->text = buf;
    x->interpolated = true;
    return x;
}

static djz_value *eval_items(resolver *r, const djz_type *t, const djz_node *v,
                             djz_source *src)
{
    bool map = v->kind == DJZ_NODE_MAP;
    djz_value *x = new_value(r, map ? DJZ_VAL_MAP : DJZ_VAL_LIST, v, src);
    size_t n = v->u.list.items.len;
    x->items = djz_arena_alloc(r->a, sizeof *x->items * (n ? n : 1));
    x->keys = map ? djz_arena_alloc(r->a, sizeof *x->keys * (n ? n : 1)) : NULL;
    const djz_type *elem =
        t && (t->kind == DJZ_TY_LIST || t->kind == DJZ_TY_MAP) ? t->elem : NULL;
    for (const djz_node *i = v->u.list.items.head; i; i = i->next) {
        if (map)
            x->keys[x->n] = djz_value_key(i->u.entry.key);
        x->items[x->n++] = eval_node(r, elem, map ? i->u.entry.value : i, src);
    }
    return x;
}

/* A name: an enum value, or a table entry in its canonical spelling. */
static djz_value *eval_name(resolver *r, const djz_type *t, const djz_node *v,
                            djz_source *src)
{
    djz_value *x = new_value(r, DJZ_VAL_NAME, v, src);
    x->text = v->u.ref.path.head->text;
    if (t && t->kind == DJZ_TY_TABLE) {
        const djz_obj *entry = djz_model_data(r->m, t->table, x->text);
        if (entry)
            x->text = entry->label;
    }
    return x;
}

/* Whether a value of kind k can stand where type t is expected. */
static bool fits(const djz_type *t, djz_val_kind k)
{
    switch (t->kind) {
    case DJZ_TY_BOOL:
        return k == DJZ_VAL_BOOL;
    case DJZ_TY_INT:
    case DJZ_TY_NUMBER:
        return k == DJZ_VAL_NUMBER;
    case DJZ_TY_LIST:
        return k == DJZ_VAL_LIST;
    case DJZ_TY_MAP:
        return k == DJZ_VAL_MAP;
    case DJZ_TY_ANY:
        return true;
    default: /* strings, names, table entries, dates */
        return k == DJZ_VAL_STRING || k == DJZ_VAL_NAME || k == DJZ_VAL_NUMBER;
    }
}

static const char *kind_what(djz_val_kind k)
{
    switch (k) {
    case DJZ_VAL_BOOL:
        return "on/off";
    case DJZ_VAL_NUMBER:
        return "a number";
    case DJZ_VAL_LIST:
        return "a list";
    case DJZ_VAL_MAP:
        return "a map";
    default:
        return "a string";
    }
}

/* A reference takes the type of what it refers to; it must fit. */
/* A string taken by reference follows the rules of the attribute it is
 * written in (a branch, a package...): the value was checked only against
 * those of the attribute it comes from. */
static void check_ref_rule(resolver *r, const djz_type *t, const djz_value *x,
                           const djz_node *v, djz_source *src)
{
    if (t->kind != DJZ_TY_STRING || x->kind != DJZ_VAL_STRING ||
        t->rule == DJZ_RULE_TEXT)
        return;
    size_t at;
    uint32_t cp = djz_text_control(x->text, &at);
    if (!cp && t->rule == DJZ_RULE_TOX_COMMAND) {
        if (!seen_before(r, src, v->span, DJZ_TOX_COMMAND))
            djz_tox_command_report(r->sink, src, v->span, x->text, NULL);
        return;
    }
    const char *why = cp ? NULL : djz_name_check(t->rule, x->text);
    if ((!cp && !why) || seen_before(r, src, v->span, DJZ_INVALID_NAME))
        return;
    if (cp) {
        djz_report(r->sink, DJZ_CONTROL_CHARACTER, src, v->span,
                   "`%s` holds %s (U+%04X), which no generated file holds "
                   "safely",
                   path_text(r, &v->u.ref.path), djz_text_control_name(cp),
                   (unsigned)cp);
        return;
    }
    djz_diag *d = djz_report(
        r->sink, DJZ_INVALID_NAME, src, v->span, "`%s` is `%s`, not a valid %s",
        path_text(r, &v->u.ref.path), x->text, djz_name_rule_what(t->rule));
    djz_diag_help(r->sink, d, "%s", djz_name_rule_help(r->a, t->rule, why));
}

static djz_value *check_ref_type(resolver *r, const djz_type *t, djz_value *x,
                                 const djz_node *v, djz_source *src)
{
    if (t && !x->broken && fits(t, x->kind))
        check_ref_rule(r, t, x, v, src);
    if (!t || x->broken || fits(t, x->kind))
        return x;
    if (!seen_before(r, src, v->span, DJZ_TYPE_MISMATCH)) {
        djz_report(r->sink, DJZ_TYPE_MISMATCH, src, v->span,
                   "expected %s, but `%s` is %s", djz_type_describe(r->a, t),
                   path_text(r, &v->u.ref.path), kind_what(x->kind));
    }
    return empty_string(r, src, v->span);
}

static djz_value *eval_node(resolver *r, const djz_type *t, const djz_node *v,
                            djz_source *src)
{
    djz_value *x;
    switch (v->kind) {
    case DJZ_NODE_STRING:
        x = eval_string(r, v, src);
        if (t && t->kind == DJZ_TY_TABLE) {
            const djz_obj *entry = djz_model_data(r->m, t->table, x->text);
            if (entry)
                x->text = entry->label;
        }
        return x;
    case DJZ_NODE_NUMBER:
        x = new_value(r, DJZ_VAL_NUMBER, v, src);
        x->text = v->u.number.text;
        if (t && t->kind == DJZ_TY_TABLE) { /* version = 17: entry "17" */
            const djz_obj *entry = djz_model_data(r->m, t->table, x->text);
            x->kind = DJZ_VAL_STRING;
            x->text = entry ? entry->label : x->text;
        }
        return x;
    case DJZ_NODE_BOOL:
        x = new_value(r, DJZ_VAL_BOOL, v, src);
        x->boolean = v->u.boolean.value;
        return x;
    case DJZ_NODE_REF:
        if (v->u.ref.path.len > 1)
            return check_ref_type(r, t, eval_ref(r, &v->u.ref.path, src), v,
                                  src);
        return eval_name(r, t, v, src);
    case DJZ_NODE_LIST:
    case DJZ_NODE_MAP:
        return eval_items(r, t, v, src);
    default:
        return empty_string(r, src, v->span);
    }
}

/* ---- one environment ---------------------------------------------------- */

static pblock *top_for(resolver *r, const djz_obj *c)
{
    for (size_t i = 0; i < r->root->nchildren; i++) {
        pblock *b = r->root->children[i];
        if (b->schema == c->schema && strcmp(b->label, c->label) == 0)
            return b;
    }
    return NULL;
}

static void override_block(resolver *r, const djz_obj *c)
{
    pblock *target = top_for(r, c);
    if (target) {
        merge_obj(r, target, c, DJZ_FROM_ENV);
        return;
    }
    djz_span at = c->node->u.stmt.head.name.head->span;
    if (seen_before(r, c->src, at, DJZ_UNKNOWN_REFERENCE))
        return;
    djz_diag *d = djz_report(r->sink, DJZ_UNKNOWN_REFERENCE, c->src, at,
                             "`env %s` overrides `%s%s%s`, which the spec "
                             "does not have",
                             r->env->label, c->schema->kind,
                             *c->label ? " " : "", c->label);
    djz_diag_help(r->sink, d,
                  "overrides change blocks written outside the "
                  "`env` block");
}

static void override_path(resolver *r, const djz_binding *bd)
{
    const djz_name *attr;
    pblock *b = walk(r, bd->path, &attr);
    if (!b || !attr) {
        unknown_reference(r, bd->path, bd->src, NULL, b ? NULL : bd->path->head,
                          "refers to no block of this spec");
        return;
    }
    const djz_attr_schema *as = djz_schema_attr(b->schema, attr->text);
    if (!as && !(b->schema->flags & DJZ_BLOCK_OPEN)) {
        unknown_reference(r, bd->path, bd->src, b, attr,
                          "names no attribute of that block");
        return;
    }
    if (!seen_before(r, bd->src, bd->value->span, DJZ_TYPE_MISMATCH))
        djz_check_value(r->p, r->m, bd->src,
                        as ? as->type : b->schema->open_type, bd->value);
    set_slot(r, b, bd, attr->text, DJZ_FROM_ENV);
}

static void build_env(resolver *r)
{
    r->env_block = new_pblock(r, r->env->schema, r->env->label, NULL);
    r->env_block->path = "env";
    apply_defaults(r, r->env_block);
    r->env_block->src = r->env->src;
    r->env_block->span = r->env->node->span;
    for (const djz_binding *bd = r->env->attrs; bd; bd = bd->next)
        if (!bd->path)
            set_slot(r, r->env_block, bd, bd->name, DJZ_FROM_SPEC);
    /* the top-level blocks are the children of a root, so that paths
     * find them through the same indexes as nested blocks */
    r->root = DJZ_NEW(r->s, pblock);
    r->root->path = "";
    for (const djz_obj *o = r->m->blocks.head; o; o = o->next) {
        if (strcmp(o->schema->kind, "env") == 0)
            continue;
        pblock *b = new_pblock(r, o->schema, o->label, NULL);
        apply_defaults(r, b);
        merge_obj(r, b, o, DJZ_FROM_SPEC);
        add_child(r, r->root, b);
    }
    /* implicit blocks first, so that `app.site.https_only = off` in an
     * env reaches a `site` the spec does not write */
    for (size_t i = 0; i < r->root->nchildren; i++)
        implicit_children(r, r->root->children[i]);
    for (const djz_obj *c = r->env->children; c; c = c->next)
        override_block(r, c);
    for (const djz_binding *bd = r->env->attrs; bd; bd = bd->next)
        if (bd->path)
            override_path(r, bd);
}

/* ---- checks that need final values --------------------------------------- */

/* A name that follows a rule, now that interpolations are expanded. */
static void check_final_name(resolver *r, const djz_type *t, const djz_value *v)
{
    if (!t || !v)
        return;
    if ((t->kind == DJZ_TY_LIST || t->kind == DJZ_TY_MAP) &&
        (v->kind == DJZ_VAL_LIST || v->kind == DJZ_VAL_MAP)) {
        for (size_t i = 0; i < v->n; i++)
            check_final_name(r, t->elem, v->items[i]);
        return;
    }
    if (t->kind != DJZ_TY_STRING || v->kind != DJZ_VAL_STRING || v->broken ||
        !v->interpolated)
        return; /* literal names were checked where they are written */
    size_t at;
    uint32_t cp = t->rule == DJZ_RULE_TEXT ? 0 : djz_text_control(v->text, &at);
    if (cp) {
        djz_diag *d =
            djz_report(r->sink, DJZ_CONTROL_CHARACTER, v->src, v->span,
                       "in `env %s`, %s (U+%04X) in a string djaz "
                       "writes into generated files",
                       r->env->label, djz_text_control_name(cp), (unsigned)cp);
        djz_diag_help(r->sink, d,
                      "no generated file (tox.ini, Python, YAML, shell, "
                      "requirements) holds it safely on one line: remove "
                      "it (character %zu of the string)",
                      at + 1);
        return;
    }
    if (t->rule == DJZ_RULE_TOX_COMMAND) {
        djz_tox_command_report(r->sink, v->src, v->span, v->text,
                               r->env->label);
        return;
    }
    const char *why = djz_name_check(t->rule, v->text);
    if (!why)
        return;
    djz_diag *d =
        djz_report(r->sink, DJZ_INVALID_NAME, v->src, v->span,
                   "in `env %s`, `%s` is not a valid %s", r->env->label,
                   v->text, djz_name_rule_what(t->rule));
    djz_diag_help(r->sink, d, "%s", djz_name_rule_help(r->a, t->rule, why));
}

/* ---- to the IR ------------------------------------------------------------
 */

static void ir_attr(resolver *r, djz_ir_block *out, slot *s)
{
    djz_ir_attr *a = &out->attrs[out->nattrs++];
    a->schema = s->schema;
    a->name = s->name;
    a->label = s->label;
    a->origin = s->origin;
    a->value = eval_slot(r, s, s->src, s->node->span);
    check_final_name(r, s->type, a->value);
}

static djz_ir_block *to_ir(resolver *r, pblock *b)
{
    djz_ir_block *out = DJZ_NEW(r->a, djz_ir_block);
    out->schema = b->schema;
    out->label = b->label;
    out->src = b->src;
    out->span = b->span;
    out->attrs =
        djz_arena_alloc(r->a, sizeof *out->attrs * (b->nslots ? b->nslots : 1));
    for (size_t i = 0; i < b->schema->nattrs; i++)
        for (size_t k = 0; k < b->nslots; k++)
            if (b->slots[k].schema == &b->schema->attrs[i])
                ir_attr(r, out, &b->slots[k]);
    for (size_t k = 0; k < b->nslots; k++)
        if (!b->slots[k].schema) /* open blocks: in the order written */
            ir_attr(r, out, &b->slots[k]);
    out->children = djz_arena_alloc(
        r->a, sizeof *out->children * (b->nchildren ? b->nchildren : 1));
    for (const char *const *k = b->schema->children; k && *k; k++)
        for (size_t i = 0; i < b->nchildren; i++)
            if (strcmp(b->children[i]->schema->kind, *k) == 0)
                out->children[out->nchildren++] = to_ir(r, b->children[i]);
    return out;
}

/* storage.public names keys of storage.containers. */
static void check_public(resolver *r, const djz_ir_block *st)
{
    const djz_value *pub = djz_ir_get(st, "public");
    const djz_value *cs = djz_ir_get(st, "containers");
    for (size_t i = 0; pub && cs && i < pub->n; i++) {
        const djz_value *k = pub->items[i];
        bool found = false;
        for (size_t j = 0; j < cs->n && !found; j++)
            found = cs->keys[j] && strcmp(cs->keys[j], k->text) == 0;
        if (found || seen_before(r, k->src, k->span, DJZ_UNKNOWN_REFERENCE))
            continue;
        djz_diag *d =
            djz_report(r->sink, DJZ_UNKNOWN_REFERENCE, k->src, k->span,
                       "`%s` is not a key of `containers`", k->text);
        djz_diag_help(r->sink, d,
                      "`public` lists container keys, such as "
                      "`static` in `containers = { static = "
                      "\"...\" }`");
    }
}

/* A secret's value comes from exactly one place, once presets and the
 * environment are merged.  From Key Vault, the vault's secret is named
 * by keyvault_secret, or after the secret itself. */
static void check_secret(resolver *r, const djz_ir_block *s)
{
    const djz_value *from = djz_ir_get(s, "from");
    const djz_value *gen = djz_ir_get(s, "generate");
    const djz_value *kv = djz_ir_get(s, "keyvault_secret");
    const char *src = from ? from->text : gen ? "generate" : NULL;
    const char *why = NULL;
    if (!src)
        why = "says neither `generate = LENGTH` nor `from = keyvault` or "
              "`from = ci`";
    else if (!strcmp(src, "generate") && !gen)
        why = "is generated but says no length";
    else if (strcmp(src, "generate") && gen)
        why = "has a `generate` length but comes from elsewhere";
    else if (strcmp(src, "keyvault") && kv)
        why = "names a `keyvault_secret` but does not come from Key Vault";
    if (!why || seen_before(r, s->src, s->span, DJZ_SECRET_SOURCE))
        return;
    djz_diag *d = djz_report(r->sink, DJZ_SECRET_SOURCE, s->src, s->span,
                             "secret `%s` %s", s->label, why);
    djz_diag_help(r->sink, d,
                  "give it one source: `generate = 50`, `from = "
                  "keyvault` or `from = ci`");
}

/* instances and max_instances within what the plan's SKU scales to. */
static void check_instances(resolver *r, const djz_ir_block *env)
{
    const djz_value *plan = djz_ir_get(env, "plan");
    const djz_obj *sku =
        plan ? djz_model_data(r->m, "plan_sku", plan->text) : NULL;
    const djz_binding *max = sku ? djz_obj_attr(sku, "max_instances") : NULL;
    const char *limit = max ? djz_value_key(max->value) : NULL;
    static const char *const attrs[] = {"instances", "max_instances"};
    for (size_t i = 0; limit && i < 2; i++) {
        const djz_value *v = djz_ir_get(env, attrs[i]);
        const djz_type *t = djz_schema_attr(env->schema, attrs[i])->type;
        if (!v || v->kind != DJZ_VAL_NUMBER || atol(v->text) <= atol(limit) ||
            atol(v->text) > t->max || /* out of any range: said already */
            seen_before(r, v->src, v->span, DJZ_OUT_OF_RANGE))
            continue;
        djz_diag *d = djz_report(r->sink, DJZ_OUT_OF_RANGE, v->src, v->span,
                                 "`%s` is %s, but a %s plan scales to %s "
                                 "instances",
                                 attrs[i], v->text, plan->text, limit);
        djz_diag_help(r->sink, d, "choose a larger plan, or fewer instances");
    }
}

static void resolve_env(resolver *r, const djz_obj *env, djz_ir_env *out)
{
    r->env = env;
    build_env(r);
    out->name = env->label;
    out->env = to_ir(r, r->env_block);
    out->blocks = djz_arena_alloc(
        r->a,
        sizeof *out->blocks * (r->root->nchildren ? r->root->nchildren : 1));
    size_t nk;
    const char **kinds = djz_schema_kinds(r->a, true, &nk);
    for (size_t k = 0; k < nk; k++)
        for (size_t i = 0; i < r->root->nchildren; i++)
            if (strcmp(r->root->children[i]->schema->kind, kinds[k]) == 0)
                out->blocks[out->nblocks++] = to_ir(r, r->root->children[i]);
    check_instances(r, out->env);
    const djz_ir_block *st = djz_ir_block_of(out, "storage");
    if (st)
        check_public(r, st);
    const djz_ir_block *app = djz_ir_block_of(out, "app");
    for (size_t i = 0; app && i < app->nchildren; i++)
        if (!strcmp(app->children[i]->schema->kind, "secret"))
            check_secret(r, app->children[i]);
    djz_ir_lower(r->a, out);
}

/* ---- between environments --------------------------------------------------
 */

static const djz_ir_block *same_top(const djz_ir_env *e, const djz_ir_block *b)
{
    for (size_t i = 0; i < e->nblocks; i++)
        if (e->blocks[i]->schema == b->schema &&
            strcmp(e->blocks[i]->label, b->label) == 0)
            return e->blocks[i];
    return NULL;
}

static void compare_globals(resolver *r, const djz_ir_env *a,
                            const djz_ir_env *b)
{
    for (size_t i = 0; i < a->nblocks; i++) {
        const djz_ir_block *x = a->blocks[i], *y = same_top(b, x);
        for (size_t k = 0; y && k < x->nattrs; k++) {
            const djz_ir_attr *ax = &x->attrs[k];
            const djz_value *vy =
                ax->schema && (ax->schema->flags & DJZ_ATTR_GLOBAL)
                    ? djz_ir_get(y, ax->name)
                    : NULL;
            const djz_value *vx = ax->value;
            if (!vy || vx->kind != DJZ_VAL_STRING || vx->broken ||
                strcasecmp(vx->text, vy->text) ||
                seen_before(r, vx->src, vx->span, DJZ_NAME_COLLISION))
                continue;
            djz_diag *d =
                djz_report(r->sink, DJZ_NAME_COLLISION, vx->src, vx->span,
                           "`%s` is `%s` in both `env %s` and `env %s`",
                           ax->name, vx->text, a->name, b->name);
            djz_diag_help(r->sink, d,
                          "this name must be unique across all "
                          "of Azure; include `${env.name}` in it");
        }
    }
}

bool djz_resolve(djz_program *p, const djz_model *m, const char *only_env,
                 djz_ir *out)
{
    resolver r = {.p = p, .m = m, .a = p->arena, .sink = p->sink};
    size_t n = 0;
    for (const djz_obj *o = m->blocks.head; o; o = o->next)
        n += strcmp(o->schema->kind, "env") == 0 &&
             (!only_env || strcmp(o->label, only_env) == 0);
    memset(out, 0, sizeof *out);
    if (n == 0)
        return false;
    out->envs = djz_arena_alloc(p->arena, sizeof *out->envs * n);
    for (const djz_obj *o = m->blocks.head; o; o = o->next) {
        if (strcmp(o->schema->kind, "env") != 0 ||
            (only_env && strcmp(o->label, only_env) != 0))
            continue;
        djz_arena scratch; /* what merging needs, gone with the env */
        djz_arena_init(&scratch);
        r.s = &scratch;
        resolve_env(&r, o, &out->envs[out->nenvs++]);
        djz_arena_free(&scratch);
        r.stack = NULL;
        r.stack_cap = r.depth = 0;
    }
    for (size_t i = 0; i < out->nenvs; i++)
        for (size_t j = i + 1; j < out->nenvs; j++)
            compare_globals(&r, &out->envs[i], &out->envs[j]);
    djz_ir_facts_build(p->arena, m, out);
    return true;
}

/* bind.c - checking statements against the schema, building the model.
 *
 * Modules are bound in dependency order, so the stdlib's knowledge (data
 * blocks) is known before a spec names a SKU or a version.  Each problem
 * is reported where it is written, with "did you mean" for names; a
 * statement that fails is left out and binding goes on. */
#include "model.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "names.h"
#include "toxcmd.h"
#include "support/dates.h"

typedef struct binder {
    djz_program *p;
    djz_model *m;
    djz_arena *a;
    djz_diag_sink *sink;
    const djz_module *mod;
    djz_source *src;
} binder;

/* ---- small helpers -------------------------------------------------- */

const char *djz_value_key(const djz_node *v)
{
    switch (v->kind) {
    case DJZ_NODE_REF:
        return v->u.ref.path.len == 1 ? v->u.ref.path.head->text : NULL;
    case DJZ_NODE_STRING:
        return djz_string_literal(v);
    case DJZ_NODE_NUMBER:
        return v->u.number.text;
    default:
        return NULL;
    }
}

static void obj_append(djz_objs *list, djz_obj *o)
{
    if (list->tail)
        list->tail->next = o;
    else
        list->head = o;
    list->tail = o;
}

static void child_append(djz_obj *parent, djz_obj *o)
{
    if (parent->children_tail)
        parent->children_tail->next = o;
    else
        parent->children = o;
    parent->children_tail = o;
}

static void attr_append(djz_obj *o, djz_binding *bd)
{
    if (o->attrs_tail)
        o->attrs_tail->next = bd;
    else
        o->attrs = bd;
    o->attrs_tail = bd;
}

const djz_binding *djz_obj_attr(const djz_obj *o, const char *name)
{
    for (const djz_binding *bd = o->attrs; bd; bd = bd->next)
        if (!bd->path && strcmp(bd->name, name) == 0)
            return bd;
    return NULL;
}

const char *djz_obj_text(const djz_obj *o, const char *attr)
{
    const djz_binding *bd = djz_obj_attr(o, attr);
    if (bd && bd->value->kind == DJZ_NODE_BOOL)
        return bd->value->u.boolean.value ? "on" : "off";
    const char *key = bd ? djz_value_key(bd->value) : NULL;
    return key ? key : "";
}

const djz_obj *djz_model_data(const djz_model *m, const char *kind,
                              const char *label)
{
    if (!label)
        return NULL;
    size_t *o = djz_index_find_pair(&m->data_index, kind, label);
    return o ? (const djz_obj *)(uintptr_t)*o : NULL;
}

/* Registers a data entry under its label and every spelling in `names`. */
static void index_data(binder *b, const djz_obj *o)
{
    size_t v = (size_t)(uintptr_t)o;
    djz_index_put_pair(&b->m->data_index, b->a, o->schema->kind, o->label, v);
    const djz_binding *names = djz_obj_attr(o, "names");
    if (!names || names->value->kind != DJZ_NODE_LIST)
        return;
    for (const djz_node *i = names->value->u.list.items.head; i; i = i->next)
        if (djz_value_key(i))
            djz_index_put_pair(&b->m->data_index, b->a, o->schema->kind,
                               djz_value_key(i), v);
}

static bool has_data(const djz_model *m, const char *kind)
{
    for (const djz_obj *o = m->data.head; o; o = o->next)
        if (strcmp(o->schema->kind, kind) == 0)
            return true;
    return false;
}

/* For a short list of choices (versions), all of them beat one guess. */
enum { LIST_CHOICES_UP_TO = 12 };

static void choices(binder *b, djz_diag *d, const char *word,
                    const char *const *names, size_t n)
{
    if (n > LIST_CHOICES_UP_TO) {
        djz_diag_did_you_mean(b->sink, d, word, names, n);
        return;
    }
    const char *list = n ? names[0] : "";
    for (size_t i = 1; i < n; i++)
        list = djz_arena_printf(b->a, "%s, %s", list, names[i]);
    djz_diag_help(b->sink, d, "choose one of %s", list);
}

/* Labels of a data kind, for "did you mean": all of them, in a. */
static const char **data_labels(djz_arena *a, const djz_model *m,
                                const char *kind, size_t *n)
{
    const char **out = NULL;
    size_t k = 0, cap = 0;
    for (const djz_obj *o = m->data.head; o; o = o->next)
        if (strcmp(o->schema->kind, kind) == 0 && o->label) {
            out = djz_arena_grow(a, out, k, &cap, sizeof *out);
            out[k++] = o->label;
        }
    *n = k;
    return out;
}

static const char *kind_text(const djz_node *stmt)
{
    return stmt->u.stmt.head.name.head->text;
}

static djz_span name_span(const djz_node *stmt)
{
    const djz_path *p = &stmt->u.stmt.head.name;
    return djz_span_join(p->head->span, p->tail->span);
}

/* ---- values --------------------------------------------------------- */

static const char *node_what(const djz_node *v)
{
    switch (v->kind) {
    case DJZ_NODE_STRING:
        return "a string";
    case DJZ_NODE_NUMBER:
        return "a number";
    case DJZ_NODE_BOOL:
        return "on/off";
    case DJZ_NODE_REF:
        return v->u.ref.path.len == 1 ? "a name" : "a reference";
    case DJZ_NODE_LIST:
        return "a list";
    case DJZ_NODE_MAP:
        return "a map";
    default:
        return "something else";
    }
}

static djz_diag *mismatch(binder *b, const djz_type *t, const djz_node *v)
{
    return djz_report(b->sink, DJZ_TYPE_MISMATCH, b->src, v->span,
                      "expected %s, found %s", djz_type_describe(b->a, t),
                      node_what(v));
}

static bool is_integer(const char *text)
{
    return !strchr(text, '.');
}

/* A dotted reference stands for another attribute's value; it is
 * checked once resolved. */
static bool is_reference(const djz_node *v)
{
    return v->kind == DJZ_NODE_REF && v->u.ref.path.len > 1;
}

static void check_names_list(binder *b, const djz_type *t, const djz_node *v,
                             const char *key)
{
    size_t n = 0;
    for (const char *const *p = t->names; *p; p++, n++)
        if (strcmp(*p, key) == 0)
            return;
    const char *const *names = t->names;
    djz_diag *d = djz_report(b->sink, DJZ_UNKNOWN_VALUE, b->src, v->span,
                             "`%s` is not %s", key, djz_type_describe(b->a, t));
    if (t->what)
        choices(b, d, key, names, n);
    else
        djz_diag_did_you_mean(b->sink, d, key, names,
                              n); /* the message lists them */
}

static void check_table(binder *b, const djz_type *t, const djz_node *v,
                        const char *key)
{
    if (djz_model_data(b->m, t->table, key))
        return;
    djz_diag *d;
    if (!has_data(b->m, t->table)) {
        d = djz_report(b->sink, DJZ_UNKNOWN_VALUE, b->src, v->span,
                       "the stdlib has no `%s` data to check `%s` against",
                       t->table, key);
        djz_diag_help(b->sink, d, "is --stdlib pointing at a whole stdlib?");
        return;
    }
    d = djz_report(b->sink, DJZ_UNKNOWN_VALUE, b->src, v->span,
                   "`%s` is not %s", key, t->what ? t->what : t->table);
    size_t n;
    const char **labels = data_labels(b->a, b->m, t->table, &n);
    choices(b, d, key, labels, n);
}

static void check_rule(binder *b, djz_name_rule rule, const djz_node *v,
                       const char *text)
{
    if (rule == DJZ_RULE_TOX_COMMAND) /* its own rules; a blank one below */
        djz_tox_command_report(b->sink, b->src, v->span, text, NULL);
    const char *why = djz_name_check(rule, text);
    if (!why)
        return;
    djz_diag *d =
        djz_report(b->sink, DJZ_INVALID_NAME, b->src, v->span,
                   "`%s` is not a valid %s", text, djz_name_rule_what(rule));
    djz_diag_help(b->sink, d, "%s", djz_name_rule_help(b->a, rule, why));
}

static void check_value(binder *b, const djz_type *t, const djz_node *v);

/* DJZ3020: a string a back end writes holds a control character.  True
 * when it does (the name rules are then not checked: their message would
 * print it). */
static bool check_control(binder *b, const djz_type *t, const djz_node *v,
                          const char *text)
{
    size_t at;
    uint32_t cp = t->rule == DJZ_RULE_TEXT ? 0 : djz_text_control(text, &at);
    if (!cp)
        return false;
    djz_diag *d = djz_report(b->sink, DJZ_CONTROL_CHARACTER, b->src, v->span,
                             "%s (U+%04X) in a string djaz writes into "
                             "generated files",
                             djz_text_control_name(cp), (unsigned)cp);
    djz_diag_help(b->sink, d,
                  "no generated file (tox.ini, Python, YAML, shell, "
                  "requirements) holds it safely on one line: remove it "
                  "(character %zu of the string)",
                  at + 1);
    return true;
}

static void check_string(binder *b, const djz_type *t, const djz_node *v)
{
    if (v->kind != DJZ_NODE_STRING) {
        djz_diag *d = mismatch(b, t, v);
        if (v->kind == DJZ_NODE_REF || v->kind == DJZ_NODE_NUMBER)
            djz_diag_help(b->sink, d, "write it in double quotes");
        return;
    }
    const char *text = djz_string_literal(v);
    if (!text)
        return; /* interpolated: checked per environment */
    if (check_control(b, t, v, text))
        return;
    if (t->names)
        check_names_list(b, t, v, text);
    else
        check_rule(b, t->rule, v, text);
}

static void check_int(binder *b, const djz_type *t, const djz_node *v)
{
    if (v->kind != DJZ_NODE_NUMBER || !is_integer(v->u.number.text)) {
        mismatch(b, t, v);
        return;
    }
    long n = strtol(v->u.number.text, NULL, 10);
    if (t->min <= t->max && (n < t->min || n > t->max))
        djz_report(b->sink, DJZ_OUT_OF_RANGE, b->src, v->span,
                   "%ld is out of range: expected %ld to %ld", n, t->min,
                   t->max);
}

/* A number within its type's range; min excluded when above_min. */
static void check_number(binder *b, const djz_type *t, const djz_node *v)
{
    if (v->kind != DJZ_NODE_NUMBER) {
        mismatch(b, t, v);
        return;
    }
    double n = strtod(v->u.number.text, NULL);
    if (t->min > t->max ||
        ((t->above_min ? n > (double)t->min : n >= (double)t->min) &&
         n <= (double)t->max))
        return;
    djz_report(b->sink, DJZ_OUT_OF_RANGE, b->src, v->span,
               "%s is out of range: expected %s", v->u.number.text,
               djz_type_describe(b->a, t));
}

/* An ascending list of numbers: [min, max], not [max, min]. */
static void check_ascending(binder *b, const djz_type *t, const djz_node *v)
{
    const djz_node *prev = NULL;
    for (const djz_node *i = v->u.list.items.head; i; prev = i, i = i->next) {
        if (!prev || prev->kind != DJZ_NODE_NUMBER ||
            i->kind != DJZ_NODE_NUMBER ||
            strtod(prev->u.number.text, NULL) <= strtod(i->u.number.text, NULL))
            continue;
        djz_diag *d = djz_report(b->sink, DJZ_OUT_OF_RANGE, b->src, i->span,
                                 "%s is below %s before it: expected %s",
                                 i->u.number.text, prev->u.number.text,
                                 djz_type_describe(b->a, t));
        djz_diag_help(b->sink, d, "write the smaller number first");
    }
}

static void check_date(binder *b, const djz_type *t, const djz_node *v)
{
    const char *s = v->kind == DJZ_NODE_STRING ? djz_string_literal(v) : NULL;
    int64_t day;
    if (!s || !djz_date_parse(s, &day))
        mismatch(b, t, v);
}

static void check_list(binder *b, const djz_type *t, const djz_node *v)
{
    if (v->kind != DJZ_NODE_LIST) {
        mismatch(b, t, v);
        return;
    }
    unsigned n = v->u.list.items.len;
    if (t->min <= t->max &&
        (n < (unsigned long)t->min || n > (unsigned long)t->max)) {
        djz_report(b->sink, DJZ_OUT_OF_RANGE, b->src, v->span,
                   "a list of %u item%s: expected %s", n, n == 1 ? "" : "s",
                   djz_type_describe(b->a, t));
    }
    for (const djz_node *i = v->u.list.items.head; i; i = i->next)
        check_value(b, t->elem, i);
    if (t->ascending)
        check_ascending(b, t, v);
}

/* A map key that lands in a generated file (AZURE_KEY_CONTAINER): one
 * line, following the type's key rule; the key it is unique as (upper
 * case: the setting's name), or NULL when it is wrong (reported). */
static const char *map_key(binder *b, const djz_type *t, const djz_node *k,
                           const char *key)
{
    static const djz_type any = {DJZ_TY_STRING, .min = 1, .max = 0};
    if (!t->rule)
        return key;
    if (check_control(b, &any, k, key))
        return NULL;
    const char *why = djz_name_check(t->rule, key);
    if (why) {
        djz_diag *d = djz_report(b->sink, DJZ_INVALID_NAME, b->src, k->span,
                                 "`%s` is not a valid key here", key);
        djz_diag_help(b->sink, d,
                      "a key is %s: it becomes part of an app "
                      "setting's name",
                      why);
        return NULL;
    }
    char *upper = djz_arena_printf(b->a, "%s", key);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return upper;
}

static void check_map(binder *b, const djz_type *t, const djz_node *v)
{
    if (v->kind != DJZ_NODE_MAP) {
        mismatch(b, t, v);
        return;
    }
    djz_index keys = {0}; /* key -> its entry */
    for (const djz_node *e = v->u.list.items.head; e; e = e->next) {
        const char *key = djz_value_key(e->u.entry.key);
        if (!key)
            djz_report(b->sink, DJZ_TYPE_MISMATCH, b->src, e->u.entry.key->span,
                       "a map key is a plain name or a string without "
                       "`${...}`");
        else
            key = map_key(b, t, e->u.entry.key, key);
        size_t *first = key ? djz_index_find(&keys, key) : NULL;
        if (first) {
            const djz_node *f = (const djz_node *)(uintptr_t)*first;
            djz_diag *d = djz_report(
                b->sink, DJZ_DUPLICATE_ATTRIBUTE, b->src, e->u.entry.key->span,
                "`%s` appears twice in this map%s",
                djz_value_key(e->u.entry.key),
                strcmp(djz_value_key(e->u.entry.key),
                       djz_value_key(f->u.entry.key))
                    ? " (its keys are app setting names: case is ignored)"
                    : "");
            djz_diag_note(b->sink, d, b->src, f->u.entry.key->span,
                          "first here");
        } else if (key) {
            djz_index_put(&keys, b->a, key, (size_t)(uintptr_t)e);
        }
        check_value(b, t->elem, e->u.entry.value);
    }
}

static void check_value(binder *b, const djz_type *t, const djz_node *v)
{
    if (is_reference(v) && t->kind != DJZ_TY_LIST && t->kind != DJZ_TY_MAP)
        return;
    const char *key = djz_value_key(v);
    switch (t->kind) {
    case DJZ_TY_STRING:
        check_string(b, t, v);
        break;
    case DJZ_TY_INT:
        check_int(b, t, v);
        break;
    case DJZ_TY_NUMBER:
        check_number(b, t, v);
        break;
    case DJZ_TY_BOOL:
        if (v->kind != DJZ_NODE_BOOL) {
            djz_diag *d = mismatch(b, t, v);
            if (key && (!strcmp(key, "true") || !strcmp(key, "false") ||
                        !strcmp(key, "on") || !strcmp(key, "off")))
                djz_diag_help(b->sink, d, "write %s without quotes", key);
        }
        break;
    case DJZ_TY_ENUM:
        if (v->kind != DJZ_NODE_REF)
            mismatch(b, t, v);
        else
            check_names_list(b, t, v, key);
        break;
    case DJZ_TY_TABLE:
        if (!key || v->kind == DJZ_NODE_BOOL)
            mismatch(b, t, v);
        else
            check_table(b, t, v, key);
        break;
    case DJZ_TY_DATE:
        check_date(b, t, v);
        break;
    case DJZ_TY_LIST:
        check_list(b, t, v);
        break;
    case DJZ_TY_MAP:
        check_map(b, t, v);
        break;
    case DJZ_TY_ANY:
        break;
    }
}

void djz_check_value(djz_program *p, const djz_model *m, djz_source *src,
                     const djz_type *t, const djz_node *v)
{
    binder b = {p, (djz_model *)m, p->arena, p->sink, NULL, src};
    check_value(&b, t, v);
}

/* ---- attributes ---------------------------------------------------- */

static djz_binding *new_binding(binder *b, const djz_node *stmt,
                                const djz_attr_schema *as)
{
    djz_binding *bd = DJZ_NEW(b->a, djz_binding);
    bd->schema = as;
    bd->name = kind_text(stmt);
    bd->stmt = stmt;
    bd->value = stmt->u.stmt.value;
    bd->src = b->src;
    return bd;
}

/* The one label of a labelled attribute, checked; NULL if wrong. */
static const char *attr_label(binder *b, const djz_node *stmt,
                              const djz_attr_schema *as)
{
    const djz_nodes *labels = &stmt->u.stmt.head.labels;
    bool wants = as && (as->flags & DJZ_ATTR_LABELLED);
    if ((unsigned)wants == labels->len) {
        if (!wants)
            return "";
        const char *label = djz_value_key(labels->head);
        if (!label) {
            djz_report(b->sink, DJZ_WRONG_LABELS, b->src, labels->head->span,
                       "the name after `%s` is a plain name or a string "
                       "without `${...}`",
                       kind_text(stmt));
            return NULL;
        }
        check_rule(b, as->label_rule, labels->head, label);
        return label;
    }
    djz_span at = labels->len
                      ? djz_span_join(labels->head->span, labels->tail->span)
                      : name_span(stmt);
    djz_diag *d = djz_report(b->sink, DJZ_WRONG_LABELS, b->src, at,
                             wants ? "`%s` needs one name after it"
                                   : "`%s` takes no label",
                             kind_text(stmt));
    djz_diag_help(b->sink, d,
                  wants ? "write `%s NAME = value`" : "write `%s = value`",
                  kind_text(stmt));
    return NULL;
}

/* Whether o sets bd's attribute (and label) already; registers it if
 * not.  The index keeps this linear for blocks with many settings. */
static bool duplicate_attr(binder *b, djz_obj *o, const djz_binding *bd)
{
    size_t *first = djz_index_find_pair(&o->attr_index, bd->name, bd->label);
    if (!first) {
        djz_index_put_pair(&o->attr_index, b->a, bd->name, bd->label,
                           (size_t)(uintptr_t)bd);
        return false;
    }
    const djz_binding *x = (const djz_binding *)(uintptr_t)*first;
    djz_diag *d = djz_report(b->sink, DJZ_DUPLICATE_ATTRIBUTE, b->src,
                             name_span(bd->stmt), "`%s%s%s` is set twice",
                             bd->name, *bd->label ? " " : "", bd->label);
    djz_diag_note(b->sink, d, x->src, name_span(x->stmt), "first set here");
    return true;
}

/* `allow RULE = "reason"`: acknowledges one warning, with a reason. */
static void bind_allow(binder *b, const djz_node *stmt, djz_binding **list)
{
    const djz_nodes *labels = &stmt->u.stmt.head.labels;
    const djz_node *v = stmt->u.stmt.value;
    const char *reason =
        v->kind == DJZ_NODE_STRING ? djz_string_literal(v) : NULL;
    if (labels->len != 1 || !djz_value_key(labels->head)) {
        djz_diag *d =
            djz_report(b->sink, DJZ_WRONG_LABELS, b->src, name_span(stmt),
                       "`allow` needs the name of one warning");
        djz_diag_help(b->sink, d, "write `allow ftp-enabled = \"why\"`");
        return;
    }
    if (!reason || !*reason) {
        djz_diag *d = djz_report(b->sink, DJZ_TYPE_MISMATCH, b->src, v->span,
                                 "an `allow` needs a written reason");
        djz_diag_help(b->sink, d,
                      "say why in a string: what makes the "
                      "risk acceptable here");
        return;
    }
    djz_binding *bd = new_binding(b, stmt, NULL);
    bd->label = djz_value_key(labels->head);
    bd->next = *list;
    *list = bd;
}

static void unknown_attr(binder *b, const djz_obj *o, const djz_node *stmt)
{
    const char *name = kind_text(stmt);
    const djz_removed_attr *gone = djz_schema_removed(o->schema->kind, name);
    if (gone) {
        djz_diag *d =
            djz_report(b->sink, DJZ_UNKNOWN_ATTRIBUTE, b->src, name_span(stmt),
                       "`%s` has no attribute `%s` any more; %s",
                       o->schema->kind, name, gone->why);
        djz_diag_help(b->sink, d, "%s", gone->hint);
        return;
    }
    djz_diag *d =
        djz_report(b->sink, DJZ_UNKNOWN_ATTRIBUTE, b->src, name_span(stmt),
                   "`%s` has no attribute `%s`", o->schema->kind, name);
    size_t n;
    const char **names = djz_schema_members(b->a, o->schema, &n);
    djz_diag_did_you_mean(b->sink, d, name, names, n);
}

static void bind_attr(binder *b, djz_obj *o, const djz_node *stmt)
{
    const djz_path *path = &stmt->u.stmt.head.name;
    if (path->len == 1 && strcmp(path->head->text, "allow") == 0) {
        bind_allow(b, stmt, &o->allows);
        return;
    }
    if (path->len > 1 && strcmp(o->schema->kind, "env") == 0 && !o->parent) {
        djz_binding *bd = new_binding(b, stmt, NULL);
        bd->path = path; /* an override, checked when resolved */
        attr_append(o, bd);
        return;
    }
    bool open = o->schema->flags & DJZ_BLOCK_OPEN;
    const djz_attr_schema *as =
        path->len == 1 && !open ? djz_schema_attr(o->schema, path->head->text)
                                : NULL;
    if (path->len > 1 || (!as && !open)) {
        unknown_attr(b, o, stmt);
        return;
    }
    djz_binding *bd = new_binding(b, stmt, as);
    bd->label = attr_label(b, stmt, as);
    if (!bd->label || duplicate_attr(b, o, bd))
        return;
    check_value(b, as ? as->type : o->schema->open_type, bd->value);
    attr_append(o, bd);
}

/* ---- blocks -------------------------------------------------------- */

static void bind_body(binder *b, djz_obj *o, const djz_node *stmt);

/* The label of a block, checked against its schema; "" when it takes
 * none, NULL when wrong (reported). */
static const char *block_label(binder *b, const djz_block_schema *s,
                               const djz_node *stmt)
{
    const djz_nodes *labels = &stmt->u.stmt.head.labels;
    bool wants = s->flags & DJZ_BLOCK_LABEL;
    if ((unsigned)wants != labels->len) {
        djz_diag *d = djz_report(
            b->sink, DJZ_WRONG_LABELS, b->src,
            labels->len ? djz_span_join(labels->head->span, labels->tail->span)
                        : name_span(stmt),
            wants ? "`%s` needs a name" : "`%s` takes no name", s->kind);
        djz_diag_help(b->sink, d,
                      wants ? "write `%s NAME { ... }`" : "write `%s { ... }`",
                      s->kind);
        return NULL;
    }
    if (!wants)
        return "";
    const char *label = djz_value_key(labels->head);
    if (!label) {
        djz_report(b->sink, DJZ_WRONG_LABELS, b->src, labels->head->span,
                   "the name of a `%s` is a plain name or a string", s->kind);
        return NULL;
    }
    if (s->labels) {
        djz_type t = {DJZ_TY_ENUM, .names = s->labels, .min = 1, .max = 0};
        check_names_list(b, &t, labels->head, label);
    }
    /* A name lands in files too: a test's in its module's name. */
    static const djz_type any_name = {DJZ_TY_STRING, .min = 1, .max = 0};
    if (!check_control(b, &any_name, labels->head, label))
        check_rule(b, s->label_rule, labels->head, label);
    return label;
}

/* The label in a block's key among its siblings: single kinds ignore
 * labels. */
static const char *block_label_key(const djz_block_schema *s, const char *label)
{
    return (s->flags & DJZ_BLOCK_SINGLE) ? "" : label;
}

static bool duplicate_block(binder *b, const djz_index *siblings,
                            const djz_block_schema *s, const char *label,
                            const djz_node *stmt)
{
    size_t *seen =
        (s->flags & DJZ_BLOCK_UNIQUE)
            ? djz_index_find_pair(siblings, s->kind, block_label_key(s, label))
            : NULL;
    if (!seen)
        return false;
    const djz_obj *first = (const djz_obj *)(uintptr_t)*seen;
    djz_diag *d = djz_report(b->sink, DJZ_DUPLICATE_BLOCK, b->src,
                             name_span(stmt), "a second `%s%s%s` block",
                             s->kind, *label ? " " : "", label);
    djz_diag_note(b->sink, d, first->src, name_span(first->node),
                  "the first is here");
    djz_diag_help(b->sink, d, "a spec has one; put everything in the first");
    return true;
}

/* Binds a block; NULL when its head is wrong (its body is still checked,
 * so that its own errors are reported too). */
static djz_obj *bind_block(binder *b, const djz_node *stmt, djz_obj *parent,
                           const djz_block_schema *s, djz_index *siblings)
{
    const char *label = block_label(b, s, stmt);
    bool usable = label && !duplicate_block(b, siblings, s, label, stmt);
    djz_obj *o = DJZ_NEW(b->a, djz_obj);
    o->schema = s;
    o->label = label ? label : "";
    o->node = stmt;
    o->src = b->src;
    o->module = b->mod;
    o->parent = parent;
    if (stmt->kind == DJZ_NODE_BLOCK)
        bind_body(b, o, stmt);
    if (!usable)
        return NULL;
    djz_index_put_pair(siblings, b->a, s->kind, block_label_key(s, o->label),
                       (size_t)(uintptr_t)o);
    return o;
}

/* Where a kind may stand, for a message: "inside `app`". */
static const char *home_of(djz_arena *a, const char *kind)
{
    size_t n;
    const char **kinds = djz_schema_kinds(a, false, &n);
    for (size_t i = 0; i < n; i++) {
        const djz_block_schema *s = djz_schema_block(kinds[i]);
        if (strcmp(s->kind, "env") != 0 && djz_schema_allows_child(s, kind))
            return s->kind;
    }
    return NULL;
}

static void bind_child(binder *b, djz_obj *o, const djz_node *stmt)
{
    const char *kind = kind_text(stmt);
    const djz_block_schema *s = djz_schema_block(kind);
    if (stmt->u.stmt.head.name.len == 1 && s &&
        djz_schema_allows_child(o->schema, kind)) {
        djz_obj *c = bind_block(b, stmt, o, s, &o->child_index);
        if (c)
            child_append(o, c);
        return;
    }
    djz_diag *d;
    if (s && stmt->u.stmt.head.name.len == 1) {
        d = djz_report(b->sink, DJZ_MISPLACED_BLOCK, b->src, name_span(stmt),
                       "`%s` cannot stand inside `%s`", kind, o->schema->kind);
        const char *home = home_of(b->a, kind);
        djz_diag_help(b->sink, d,
                      home ? "it belongs inside `%s`"
                           : "it belongs at the top level",
                      home);
        return;
    }
    d = djz_report(b->sink, DJZ_UNKNOWN_BLOCK, b->src, name_span(stmt),
                   "`%s` has no block `%s`", o->schema->kind, kind);
    size_t n;
    const char **names = djz_schema_members(b->a, o->schema, &n);
    djz_diag_did_you_mean(b->sink, d, kind, names, n);
}

static void bind_body(binder *b, djz_obj *o, const djz_node *stmt)
{
    for (const djz_node *s = stmt->u.stmt.body.head; s; s = s->next) {
        if (s->kind == DJZ_NODE_ATTR)
            bind_attr(b, o, s);
        else if (s->kind == DJZ_NODE_BLOCK || s->kind == DJZ_NODE_DECL)
            bind_child(b, o, s);
    }
}

/* ---- the top level -------------------------------------------------- */

static void unknown_kind(binder *b, const djz_node *stmt, bool data)
{
    const char *kind = kind_text(stmt);
    djz_diag *d = djz_report(b->sink, DJZ_UNKNOWN_BLOCK, b->src,
                             name_span(stmt), "unknown block `%s`", kind);
    if (data) {
        djz_diag_help(b->sink, d,
                      "`%s` is stdlib knowledge; it is written "
                      "in the stdlib, not in a spec",
                      kind);
        return;
    }
    size_t n;
    const char **names = djz_schema_kinds(b->a, true, &n);
    djz_diag_did_you_mean(b->sink, d, kind, names, n);
}

/* `defaults KIND { ... }`: attributes for every KIND block, checked
 * against KIND's schema. */
static void bind_defaults(binder *b, const djz_node *stmt)
{
    const djz_nodes *labels = &stmt->u.stmt.head.labels;
    const char *kind = labels->len == 1 ? djz_value_key(labels->head) : NULL;
    const djz_block_schema *s = kind ? djz_schema_block(kind) : NULL;
    if (!s || (s->flags & DJZ_BLOCK_DATA) || !strcmp(kind, "defaults")) {
        djz_diag *d =
            djz_report(b->sink, DJZ_UNKNOWN_BLOCK, b->src,
                       labels->len ? labels->head->span : name_span(stmt),
                       "`defaults` needs the kind of block it "
                       "sets defaults for");
        size_t n;
        const char **names = djz_schema_kinds(b->a, false, &n);
        if (kind)
            djz_diag_did_you_mean(b->sink, d, kind, names, n);
        return;
    }
    djz_obj *o = DJZ_NEW(b->a, djz_obj);
    o->schema = s;
    o->label = "";
    o->node = stmt;
    o->src = b->src;
    o->module = b->mod;
    if (stmt->kind == DJZ_NODE_BLOCK)
        bind_body(b, o, stmt);
    obj_append(&b->m->defaults, o);
}

static void bind_top_block(binder *b, const djz_node *stmt)
{
    const djz_block_schema *s = djz_schema_block(kind_text(stmt));
    bool data = s && (s->flags & DJZ_BLOCK_DATA);
    if (stmt->u.stmt.head.name.len != 1 || !s || (data && !b->mod->is_stdlib)) {
        unknown_kind(b, stmt, data);
        return;
    }
    if (!(s->flags & DJZ_BLOCK_TOP) && !data) {
        djz_diag *d =
            djz_report(b->sink, DJZ_MISPLACED_BLOCK, b->src, name_span(stmt),
                       "`%s` cannot stand at the top level", s->kind);
        djz_diag_help(b->sink, d, "it belongs inside `%s`",
                      home_of(b->a, s->kind));
        return;
    }
    if (strcmp(s->kind, "defaults") == 0) {
        bind_defaults(b, stmt);
        return;
    }
    djz_objs *list = data ? &b->m->data : &b->m->blocks;
    djz_obj *o = bind_block(b, stmt, NULL, s,
                            data ? &b->m->data_index : &b->m->block_index);
    if (!o)
        return;
    obj_append(list, o);
    if (data)
        index_data(b, o);
}

static void bind_top(binder *b, const djz_node *stmt)
{
    if (stmt->kind == DJZ_NODE_BLOCK || stmt->kind == DJZ_NODE_DECL) {
        bind_top_block(b, stmt);
    } else if (stmt->kind == DJZ_NODE_ATTR) {
        if (strcmp(kind_text(stmt), "allow") == 0) {
            bind_allow(b, stmt, &b->m->allows);
            return;
        }
        djz_diag *d =
            djz_report(b->sink, DJZ_UNKNOWN_ATTRIBUTE, b->src, name_span(stmt),
                       "`%s` is set outside any block", kind_text(stmt));
        djz_diag_help(b->sink, d,
                      "attributes belong inside a block, such "
                      "as `app NAME { ... }`");
    }
}

/* ---- what must be there ---------------------------------------------- */

static bool defaulted(const djz_model *m, const djz_block_schema *s,
                      const char *name)
{
    for (const djz_obj *d = m->defaults.head; d; d = d->next)
        if (d->schema == s && djz_obj_attr(d, name))
            return true;
    return false;
}

/* Nested kinds a block must have, such as `requirements` in `app`. */
static void check_required_children(binder *b, const djz_obj *o)
{
    for (const char *const *k = o->schema->children; k && *k; k++) {
        const djz_block_schema *s = djz_schema_block(*k);
        bool found = false;
        for (const djz_obj *c = o->children; c && !found; c = c->next)
            found = c->schema == s;
        if (found || !(s->flags & DJZ_BLOCK_REQUIRED))
            continue;
        djz_diag *d = djz_report(b->sink, DJZ_MISSING_REQUIRED, o->src,
                                 name_span(o->node),
                                 "`%s%s%s` needs a `%s` block", o->schema->kind,
                                 *o->label ? " " : "", o->label, s->kind);
        djz_diag_help(b->sink, d, "add `%s { ... }`: %s", s->kind, s->doc);
    }
}

static void check_required_attrs(binder *b, const djz_obj *o)
{
    for (size_t i = 0; i < o->schema->nattrs; i++) {
        const djz_attr_schema *as = &o->schema->attrs[i];
        if (!(as->flags & DJZ_ATTR_REQUIRED) || djz_obj_attr(o, as->name) ||
            defaulted(b->m, o->schema, as->name))
            continue;
        djz_diag *d = djz_report(b->sink, DJZ_MISSING_REQUIRED, o->src,
                                 name_span(o->node), "`%s%s%s` needs `%s`",
                                 o->schema->kind, *o->label ? " " : "",
                                 o->label, as->name);
        djz_diag_help(b->sink, d, "add `%s = ...`: %s", as->name, as->doc);
    }
    if (strcmp(o->schema->kind, "env") == 0)
        return; /* its nested blocks override; they need nothing */
    check_required_children(b, o);
    for (const djz_obj *c = o->children; c; c = c->next)
        check_required_attrs(b, c);
}

static void check_required_blocks(binder *b, djz_source *main_src)
{
    size_t n;
    const char **kinds = djz_schema_kinds(b->a, true, &n);
    for (size_t i = 0; i < n; i++) {
        const djz_block_schema *s = djz_schema_block(kinds[i]);
        if (!(s->flags & DJZ_BLOCK_REQUIRED))
            continue;
        bool found = false;
        for (const djz_obj *o = b->m->blocks.head; o && !found; o = o->next)
            found = o->schema == s;
        const djz_node *file = b->p->main->parsed.file;
        for (const djz_node *st = file->u.file.stmts.head; st && !found;
             st = st->next)
            found = (st->kind == DJZ_NODE_BLOCK || st->kind == DJZ_NODE_DECL) &&
                    strcmp(kind_text(st), s->kind) == 0;
        if (found)
            continue; /* written, but wrong: that error says enough */
        djz_diag *d = djz_report(b->sink, DJZ_MISSING_REQUIRED, main_src,
                                 djz_span_make(0, 0),
                                 "the spec has no `%s` block", s->kind);
        djz_diag_help(b->sink, d, "add `%s NAME { ... }`: %s", s->kind, s->doc);
    }
}

/* ---- names the CI files derive ---------------------------------------- */

/* o's attribute as text, else its kind's preset's; "" when neither. */
static const char *text_or_default(const djz_model *m, const djz_obj *o,
                                   const char *name)
{
    if (djz_obj_attr(o, name))
        return djz_obj_text(o, name);
    const char *text = "";
    for (const djz_obj *d = m->defaults.head; d; d = d->next)
        if (d->schema == o->schema && djz_obj_attr(d, name))
            text = djz_obj_text(d, name); /* a later preset wins */
    return text;
}

static const djz_obj *ci_block(const djz_model *m, const char *label)
{
    for (const djz_obj *o = m->blocks.head; o; o = o->next)
        if (!strcmp(o->schema->kind, "ci") && !strcmp(o->label, label))
            return o;
    return NULL;
}

static djz_span label_span(const djz_obj *o)
{
    const djz_nodes *labels = &o->node->u.stmt.head.labels;
    return labels->len ? labels->head->span : name_span(o->node);
}

/* The GitHub secret an environment's publish profile is read from:
 * ENV_PUBLISH_PROFILE, `-` as `_`, as github.c writes it.  GitHub's rules
 * for secret names: letters, digits and `_`, not starting with a digit
 * nor with GITHUB_ (in any case). */
static void check_profile_secret(binder *b, const djz_obj *env)
{
    char *name = djz_arena_printf(b->a, "%s_PUBLISH_PROFILE", env->label);
    for (char *p = name; *p; p++)
        *p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    bool digit = isdigit((unsigned char)name[0]);
    if (!digit && strncmp(name, "GITHUB_", 7))
        return;
    djz_diag *d = djz_report(
        b->sink, DJZ_INVALID_NAME, env->src, label_span(env),
        "`env %s` would read its publish profile from the GitHub secret "
        "`%s`, which GitHub does not allow",
        env->label, name);
    djz_diag_help(b->sink, d,
                  "a GitHub secret's name does not start with %s: rename the "
                  "environment, or sign in with `auth = oidc`",
                  digit ? "a digit" : "GITHUB_");
}

/* GitHub reads no secret whose name starts with GITHUB_ (in any case):
 * `${{ secrets.GITHUB_X }}` would always be empty. */
static void check_ci_secrets(binder *b, const djz_obj *o)
{
    for (const djz_obj *c = o->children; c; c = c->next) {
        check_ci_secrets(b, c);
        if (strcmp(c->schema->kind, "secret") ||
            strcmp(text_or_default(b->m, c, "from"), "ci") ||
            strncasecmp(c->label, "GITHUB_", 7))
            continue;
        djz_diag *d = djz_report(
            b->sink, DJZ_INVALID_NAME, c->src, label_span(c),
            "secret `%s` comes from CI, but GitHub allows no secret named "
            "GITHUB_...",
            c->label);
        djz_diag_help(b->sink, d,
                      "GitHub's secret names do not start with GITHUB_: "
                      "rename the secret (the app setting) or take it from "
                      "Key Vault");
    }
}

/* Environment names become identifiers in the CI files: GitHub
 * environments (names are the same ignoring case), Azure Pipelines stage
 * ids deploy_ENV (`-` as `_`; the same ignoring case) and, with
 * publish profiles, GitHub secret names.  Two environments the same
 * ignoring case would be one there (DJZ3025). */
static void check_ci_names(binder *b)
{
    const djz_obj *gh = ci_block(b->m, "github");
    bool profile =
        gh && !strcmp(text_or_default(b->m, gh, "auth"), "publish_profile");
    if (!gh && !ci_block(b->m, "azure_pipelines"))
        return;
    djz_index seen = {0};
    for (const djz_obj *o = b->m->blocks.head; o; o = o->next) {
        if (gh)
            check_ci_secrets(b, o);
        if (strcmp(o->schema->kind, "env"))
            continue;
        if (profile)
            check_profile_secret(b, o);
        char *folded = djz_arena_printf(b->a, "%s", o->label);
        for (char *p = folded; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        size_t *first = djz_index_find(&seen, folded);
        if (!first) {
            djz_index_put(&seen, b->a, folded, (size_t)(uintptr_t)o);
            continue;
        }
        const djz_obj *f = (const djz_obj *)(uintptr_t)*first;
        djz_diag *d = djz_report(
            b->sink, DJZ_CI_NAME_CLASH, o->src, label_span(o),
            "`env %s` and `env %s` are one environment to the CI system",
            o->label, f->label);
        djz_diag_note(b->sink, d, f->src, label_span(f), "the other is here");
        djz_diag_help(b->sink, d,
                      "GitHub's and Azure DevOps' environments ignore "
                      "case: give the environments names that differ in "
                      "more than case");
    }
}

void djz_bind(djz_program *p, djz_model *m)
{
    memset(m, 0, sizeof *m);
    binder b = {p, m, p->arena, p->sink, NULL, NULL};
    for (const djz_module *mod = p->modules; mod; mod = mod->next) {
        if (!mod->parsed.file)
            continue;
        b.mod = mod;
        b.src = mod->parsed.src;
        for (const djz_node *s = mod->parsed.file->u.file.stmts.head; s;
             s = s->next)
            bind_top(&b, s);
    }
    for (const djz_obj *o = m->blocks.head; o; o = o->next)
        check_required_attrs(&b, o);
    for (const djz_obj *o = m->data.head; o; o = o->next)
        check_required_attrs(&b, o);
    if (p->main && p->main->parsed.file)
        check_required_blocks(&b, p->main->parsed.src);
    check_ci_names(&b);
}

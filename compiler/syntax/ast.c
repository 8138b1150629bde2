/* ast.c - constructors for syntax tree nodes; every node in the arena. */
#include "ast.h"

#include <string.h>

#define MEMBER_SIZE(m) (offsetof(djz_node, u) + sizeof(((djz_node *)0)->u.m))

/* Bytes a node of each kind needs: its header and its own union member,
 * so that a number does not carry the layout of a block. */
static size_t node_size(djz_node_kind kind)
{
    switch (kind) {
    case DJZ_NODE_STRING:
        return MEMBER_SIZE(string);
    case DJZ_NODE_NUMBER:
        return MEMBER_SIZE(number);
    case DJZ_NODE_BOOL:
        return MEMBER_SIZE(boolean);
    case DJZ_NODE_REF:
        return MEMBER_SIZE(ref);
    case DJZ_NODE_LIST:
    case DJZ_NODE_MAP:
        return MEMBER_SIZE(list);
    case DJZ_NODE_ENTRY:
        return MEMBER_SIZE(entry);
    default:
        return sizeof(djz_node);
    }
}

djz_node *djz_ast_node(djz_arena *a, djz_node_kind kind, djz_span span)
{
    djz_node *n = djz_arena_alloc(a, node_size(kind));
    n->kind = kind;
    n->span = span;
    return n;
}

void djz_nodes_append(djz_nodes *list, djz_node *n)
{
    if (!n)
        return;
    n->next = NULL;
    if (list->tail)
        list->tail->next = n;
    else
        list->head = n;
    list->tail = n;
    list->len++;
}

void djz_path_append(djz_arena *a, djz_path *p, const char *text, djz_span span)
{
    djz_name *n = DJZ_NEW(a, djz_name);
    n->span = span;
    n->text = text;
    if (p->tail)
        p->tail->next = n;
    else
        p->head = n;
    p->tail = n;
    p->len++;
}

djz_path djz_path_of(djz_arena *a, const char *text, djz_span span)
{
    djz_path p = {0};
    djz_path_append(a, &p, text, span);
    return p;
}

djz_node *djz_ast_header(djz_arena *a, djz_span span, djz_node *version)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_HEADER, span);
    n->u.header.version = version;
    return n;
}

djz_node *djz_ast_import(djz_arena *a, djz_span span, djz_node *path)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_IMPORT, span);
    n->u.import.path = path;
    return n;
}

djz_node *djz_ast_attr(djz_arena *a, djz_span span, djz_head head, djz_span eq,
                       djz_node *value)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_ATTR, span);
    n->u.stmt.head = head;
    n->u.stmt.open = eq;
    n->u.stmt.value = value;
    return n;
}

djz_node *djz_ast_block(djz_arena *a, djz_span span, djz_head head,
                        djz_span open, djz_nodes body, djz_span close)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_BLOCK, span);
    n->u.stmt.head = head;
    n->u.stmt.open = open;
    n->u.stmt.body = body;
    n->u.stmt.close = close;
    return n;
}

djz_node *djz_ast_decl(djz_arena *a, djz_span span, djz_head head)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_DECL, span);
    n->u.stmt.head = head;
    return n;
}

static djz_strpart *parts_push(djz_arena *a, djz_parts *p, djz_part_kind k,
                               djz_span span)
{
    djz_strpart *part = DJZ_NEW(a, djz_strpart);
    part->kind = k;
    part->span = span;
    if (p->tail)
        p->tail->next = part;
    else
        p->head = part;
    p->tail = part;
    return part;
}

void djz_parts_add_text(djz_arena *a, djz_parts *p, const char *text,
                        size_t len, djz_span span)
{
    djz_strpart *part = parts_push(a, p, DJZ_PART_TEXT, span);
    part->text = text;
    part->len = len;
}

/* Joins the run of text pieces starting at first into first; returns the
 * part after the run.  One copy per run keeps long strings linear. */
static djz_strpart *merge_run(djz_arena *a, djz_strpart *first)
{
    size_t total = 0;
    djz_strpart *end = first;
    for (; end && end->kind == DJZ_PART_TEXT; end = end->next)
        total += end->len;
    if (first->next == end)
        return end;
    char *buf = djz_arena_alloc(a, total + 1), *w = buf;
    for (djz_strpart *q = first; q != end; q = q->next) {
        memcpy(w, q->text, q->len);
        w += q->len;
        first->span = djz_span_join(first->span, q->span);
    }
    first->text = buf;
    first->len = total;
    first->next = end;
    return end;
}

djz_node *djz_ast_string(djz_arena *a, djz_span span, djz_parts parts)
{
    djz_strpart *p = parts.head;
    parts.tail = NULL;
    while (p) {
        parts.tail = p;
        p = p->kind == DJZ_PART_TEXT ? merge_run(a, p) : p->next;
    }
    djz_node *n = djz_ast_node(a, DJZ_NODE_STRING, span);
    n->u.string.parts = parts;
    return n;
}

void djz_parts_add_interp(djz_arena *a, djz_parts *p, djz_path path,
                          djz_span span)
{
    djz_strpart *part = parts_push(a, p, DJZ_PART_INTERP, span);
    part->path = path;
}

djz_node *djz_ast_number(djz_arena *a, djz_span span, const char *text)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_NUMBER, span);
    n->u.number.text = text;
    return n;
}

djz_node *djz_ast_bool(djz_arena *a, djz_span span, djz_bool_spelling sp)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_BOOL, span);
    n->u.boolean.spelling = sp;
    n->u.boolean.value = sp == DJZ_BOOL_TRUE || sp == DJZ_BOOL_ON;
    return n;
}

djz_node *djz_ast_ref(djz_arena *a, djz_span span, djz_path path)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_REF, span);
    n->u.ref.path = path;
    return n;
}

djz_node *djz_ast_list(djz_arena *a, djz_node_kind kind, djz_span span,
                       djz_nodes items)
{
    djz_node *n = djz_ast_node(a, kind, span);
    n->u.list.items = items;
    return n;
}

djz_node *djz_ast_entry(djz_arena *a, djz_span span, djz_node *key,
                        djz_node *value)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_ENTRY, span);
    n->u.entry.key = key;
    n->u.entry.value = value;
    return n;
}

djz_node *djz_ast_file(djz_arena *a, djz_span span, djz_nodes stmts)
{
    djz_node *n = djz_ast_node(a, DJZ_NODE_FILE, span);
    n->u.file.stmts = stmts;
    return n;
}

const char *djz_string_literal(const djz_node *s)
{
    const djz_strpart *p = s->u.string.parts.head;
    if (!p)
        return "";
    if (p->kind != DJZ_PART_TEXT || p->next)
        return NULL;
    return p->text;
}

const char *djz_bool_text(djz_bool_spelling sp)
{
    static const char *const names[] = {"true", "false", "on", "off"};
    return names[sp];
}

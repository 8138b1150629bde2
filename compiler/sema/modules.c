/* modules.c - finding, reading and ordering the modules of a program. */
#include "modules.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib.h"

void djz_program_init(djz_program *p, djz_arena *a, djz_diag_sink *sink)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
    p->sink = sink;
}

const djz_stdlib_file *djz_stdlib_find(const char *path)
{
    for (size_t i = 0; i < djz_stdlib_count; i++)
        if (strcmp(djz_stdlib_files[i].path, path) == 0)
            return &djz_stdlib_files[i];
    return NULL;
}

static djz_module *find_module(djz_program *p, const char *key)
{
    for (djz_module *m = p->modules; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

/* Modules being loaded are not on p->modules yet; they hang off the chain
 * of parents from the one that imports. */
static djz_module *find_loading(djz_module *from, const char *key)
{
    for (djz_module *m = from; m; m = m->parent)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

static void append(djz_program *p, djz_module *m)
{
    if (p->tail)
        p->tail->next = m;
    else
        p->modules = m;
    p->tail = m;
}

/* ---- where an import points ---------------------------------------- */

static const char *with_suffix(djz_arena *a, const char *path)
{
    size_t n = strlen(path);
    if (n >= 5 && strcmp(path + n - 5, ".djaz") == 0)
        return path;
    return djz_arena_printf(a, "%s.djaz", path);
}

static bool portable(const char *path)
{
    return path[0] && path[0] != '/' && !strchr(path, '\\');
}

static bool is_std(const char *path)
{
    return strncmp(path, "std/", 4) == 0;
}

/* The directory part of a source name ("." for a bare file name). */
static const char *dir_of(djz_arena *a, const char *name)
{
    char *copy = djz_arena_strdup(a, name);
    return djz_arena_strdup(a, dirname(copy));
}

/* dir/path with "." and "name/.." segments removed, lexically, as
 * Go's path.Clean does: what diagnostics call the module. */
static const char *join_clean(djz_arena *a, const char *dir, const char *path)
{
    const char *joined =
        strcmp(dir, ".") == 0 ? path : djz_arena_printf(a, "%s/%s", dir, path);
    size_t n = strlen(joined);
    char *out = djz_arena_alloc(a, n + 1);
    size_t len = 0;
    bool rooted = joined[0] == '/';
    for (const char *p = joined; *p;) {
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t sl = (size_t)(p - seg);
        if (*p == '/')
            p++;
        if (sl == 0 || (sl == 1 && seg[0] == '.'))
            continue;
        char *last = len ? memrchr(out, '/', len) : NULL;
        const char *prev = last ? last + 1 : out;
        size_t pl = len - (size_t)(prev - out);
        bool can_pop = pl && !(pl == 2 && prev[0] == '.' && prev[1] == '.');
        if (sl == 2 && seg[0] == '.' && seg[1] == '.' && can_pop) {
            len = last ? (size_t)(last - out) : 0;
            continue;
        }
        if (len || rooted)
            out[len++] = '/';
        memcpy(out + len, seg, sl);
        len += sl;
    }
    out[len] = '\0';
    return len ? out : ".";
}

/* ---- reading ------------------------------------------------------- */

static djz_source *read_stdlib(djz_program *p, const char *file)
{
    if (p->stdlib_dir) {
        const char *path =
            djz_arena_printf(p->arena, "%s/%s", p->stdlib_dir, file);
        djz_source *src = djz_source_read(p->arena, path);
        if (src)
            src->name = djz_arena_printf(p->arena, "<stdlib>/%s", file);
        return src;
    }
    const djz_stdlib_file *f = djz_stdlib_find(file);
    if (!f)
        return NULL;
    return djz_source_new(p->arena,
                          djz_arena_printf(p->arena, "<stdlib>/%s", file),
                          f->text, f->len);
}

/* Stdlib module names, for "did you mean". */
static const char **stdlib_names(djz_program *p, size_t *n)
{
    const char **names =
        djz_arena_alloc(p->arena, sizeof *names * (djz_stdlib_count + 1));
    for (size_t i = 0; i < djz_stdlib_count; i++) {
        const char *path = djz_stdlib_files[i].path;
        names[i] = djz_arena_strndup(p->arena, path, strlen(path) - 5);
    }
    *n = djz_stdlib_count;
    return names;
}

static void unknown_module(djz_program *p, const djz_module *from,
                           const djz_node *stmt, const char *path)
{
    const djz_node *str = stmt->u.import.path;
    djz_diag *d = djz_report(p->sink, DJZ_UNKNOWN_MODULE, from->parsed.src,
                             str->span, "no module `%s`", path);
    if (is_std(path) && p->stdlib_dir) {
        djz_diag_help(p->sink, d, "looked for `%s/%s.djaz` (--stdlib)",
                      p->stdlib_dir, path);
    } else if (is_std(path)) {
        size_t n;
        const char **names = stdlib_names(p, &n);
        if (!djz_diag_did_you_mean(p->sink, d, path, names, n))
            djz_diag_help(p->sink, d,
                          "`djaz explain DJZ2003` says where "
                          "modules are looked for");
    } else {
        djz_diag_help(p->sink, d,
                      "looked for `%s`, relative to the "
                      "importing file",
                      join_clean(p->arena,
                                 dir_of(p->arena, from->parsed.src->name),
                                 with_suffix(p->arena, path)));
    }
}

/* A module that exists but could not be read (a directory, no
 * permission, an I/O error): an I/O error, which makes djaz exit 2, not a
 * mistake in the spec.  errno says why; stmt is NULL for the prelude. */
static void unreadable(djz_program *p, const djz_module *from,
                       const djz_node *stmt, const char *file)
{
    int err = errno;
    djz_source *src = from ? from->parsed.src : NULL;
    djz_span span = stmt ? stmt->u.import.path->span : djz_span_make(0, 0);
    if (err == EFBIG) { /* as for the spec itself */
        djz_diag *d = djz_report(p->sink, DJZ_FILE_TOO_LARGE, src, span,
                                 "'%s' is larger than %u MiB", file,
                                 DJZ_MAX_SOURCE >> 20);
        djz_diag_help(p->sink, d, "split the spec into modules");
        return;
    }
    djz_report(p->sink, DJZ_FILE_UNREADABLE, src, span, "cannot read '%s': %s",
               file, strerror(err));
    p->io_error = true;
}

/* Whether errno, after a failed open, says the file is not there. */
static bool missing(int err)
{
    return err == ENOENT || err == ENOTDIR;
}

/* ---- loading ------------------------------------------------------- */

static void load_imports(djz_program *p, djz_module *m);

static djz_module *new_module(djz_program *p, const char *key, bool is_std,
                              djz_module *parent, const djz_node *stmt)
{
    djz_module *m = DJZ_NEW(p->arena, djz_module);
    m->key = key;
    m->is_stdlib = is_std;
    m->parent = parent;
    m->import_stmt = stmt;
    m->state = DJZ_MODULE_LOADING;
    return m;
}

/* Parses src as module m, loads what it imports, and lists it. */
static void finish_module(djz_program *p, djz_module *m, djz_source *src)
{
    m->parsed = djz_parse(p->arena, p->sink, src);
    load_imports(p, m);
    m->state = DJZ_MODULE_LOADED;
    append(p, m);
}

static const char *module_name(const djz_module *m)
{
    return m->is_stdlib ? m->key : m->parsed.src->name;
}

/* `loading` imports, through the chain of parents, `from`, which now
 * imports `loading` again. */
static void report_cycle(djz_program *p, djz_module *from, const djz_node *stmt,
                         djz_module *loading)
{
    const char *chain = module_name(loading);
    size_t n = 0;
    for (djz_module *m = from; m != loading; m = m->parent)
        n++;
    const djz_module **path = djz_arena_alloc(p->arena, sizeof *path * (n + 1));
    size_t k = n;
    for (djz_module *m = from; m != loading; m = m->parent)
        path[--k] = m;
    for (size_t i = 0; i < n; i++)
        chain =
            djz_arena_printf(p->arena, "%s -> %s", chain, module_name(path[i]));
    chain = djz_arena_printf(p->arena, "%s -> %s", chain, module_name(loading));
    djz_diag *d =
        djz_report(p->sink, DJZ_IMPORT_CYCLE, from->parsed.src,
                   stmt->u.import.path->span, "import cycle: %s", chain);
    for (size_t i = 0; i < n; i++)
        djz_diag_note(p->sink, d, path[i]->parent->parsed.src,
                      path[i]->import_stmt->u.import.path->span,
                      "`%s` is imported here", module_name(path[i]));
    djz_diag_help(p->sink, d,
                  "move what the modules share into one that "
                  "imports neither");
}

/* Whether key is loaded or being loaded; reports a cycle when it is being
 * loaded by an ancestor of from. */
static bool already_seen(djz_program *p, djz_module *from, const djz_node *stmt,
                         const char *key)
{
    if (find_module(p, key))
        return true;
    djz_module *loading = from ? find_loading(from, key) : NULL;
    if (loading)
        report_cycle(p, from, stmt, loading);
    return loading != NULL;
}

static void import_std(djz_program *p, djz_module *from, const djz_node *stmt,
                       const char *path)
{
    const char *file = with_suffix(p->arena, path);
    const char *key = djz_arena_strndup(p->arena, file, strlen(file) - 5);
    if (already_seen(p, from, stmt, key))
        return;
    djz_source *src = read_stdlib(p, file);
    if (!src && p->stdlib_dir && !missing(errno)) {
        unreadable(p, from, stmt,
                   djz_arena_printf(p->arena, "%s/%s", p->stdlib_dir, file));
        return;
    }
    if (!src) {
        if (stmt)
            unknown_module(p, from, stmt, key);
        else
            djz_report(p->sink, DJZ_UNKNOWN_MODULE, NULL, djz_span_make(0, 0),
                       "the stdlib has no `%s`", key);
        return;
    }
    finish_module(p, new_module(p, key, true, from, stmt), src);
}

static void import_file(djz_program *p, djz_module *from, const djz_node *stmt,
                        const char *path)
{
    if (from->is_stdlib) {
        djz_diag *d = djz_report(p->sink, DJZ_BAD_IMPORT_PATH, from->parsed.src,
                                 stmt->u.import.path->span,
                                 "a stdlib module imports `%s`", path);
        djz_diag_help(p->sink, d, "stdlib modules import only `std/...`");
        return;
    }
    const char *file =
        join_clean(p->arena, dir_of(p->arena, from->parsed.src->name),
                   with_suffix(p->arena, path));
    errno = ENOENT;
    const char *key = p->hermetic ? NULL : djz_realpath(p->arena, file);
    if (!key) {
        if (missing(errno))
            unknown_module(p, from, stmt, path);
        else
            unreadable(p, from, stmt, file);
        return;
    }
    if (already_seen(p, from, stmt, key))
        return;
    djz_source *src = djz_source_read(p->arena, file);
    if (!src) {
        unreadable(p, from, stmt, file);
        return;
    }
    finish_module(p, new_module(p, key, false, from, stmt), src);
}

static void import_one(djz_program *p, djz_module *from, const djz_node *stmt)
{
    const djz_node *str = stmt->u.import.path;
    const char *path = djz_string_literal(str);
    if (!path || !portable(path)) {
        djz_diag *d = djz_report(p->sink, DJZ_BAD_IMPORT_PATH, from->parsed.src,
                                 str->span,
                                 "import path must be a relative path "
                                 "written with `/`");
        djz_diag_help(p->sink, d,
                      "write it relative to this file, like "
                      "`import \"modules/database\"`");
        return;
    }
    if (is_std(path))
        import_std(p, from, stmt, path);
    else
        import_file(p, from, stmt, path);
}

static void load_imports(djz_program *p, djz_module *m)
{
    if (!m->parsed.file)
        return;
    for (const djz_node *s = m->parsed.file->u.file.stmts.head; s; s = s->next)
        if (s->kind == DJZ_NODE_IMPORT)
            import_one(p, m, s);
}

static const char *main_key(djz_program *p, const djz_source *src)
{
    const char *real =
        strcmp(src->name, "<stdin>") ? djz_realpath(p->arena, src->name) : NULL;
    return real ? real : djz_arena_strdup(p->arena, src->name);
}

djz_module *djz_program_load(djz_program *p, djz_source *main_src)
{
    if (!p->no_prelude)
        import_std(p, NULL, NULL, "std/prelude");
    djz_module *m = new_module(p, main_key(p, main_src), false, NULL, NULL);
    finish_module(p, m, main_src);
    p->main = m;
    return m;
}

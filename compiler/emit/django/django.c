/* django.c - djaz_settings.py and djaz_storage.py (see django.h). */
#include "django.h"

#include <stdlib.h>
#include <string.h>

#include "emit/pyliteral.h"
#include "support/versions.h"

const char *const djz_django_files[2] = {"djaz_settings.py", "djaz_storage.py"};
const char *const djz_read_rules[4] = {"required", "with", "default", "local"};

static const char *find_template(const char *name)
{
    for (size_t i = 0; i < djz_django_template_count; i++)
        if (!strcmp(djz_django_templates[i].name, name))
            return djz_django_templates[i].text;
    abort(); /* the build embeds every template */
}

static bool flag_value(const char *name, size_t len, const char *const *names,
                       const bool *flags, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(names[i]) == len && !strncmp(names[i], name, len))
            return flags[i];
    abort(); /* a template asks for a flag the caller does not give */
}

/* One line with @NAME@ replaced.  The templates use values inside
 * string literals and docstrings only, so each is written as the body of
 * a literal (pyliteral.h): no value can close its quotes. */
static void substitute(const char *line, size_t len, const char *const *vars,
                       size_t nvars, djz_buf *out)
{
    const char *end = line + len;
    while (line < end) {
        const char *at = memchr(line, '@', (size_t)(end - line));
        const char *close =
            at ? memchr(at + 1, '@', (size_t)(end - at - 1)) : NULL;
        const char *value = NULL;
        for (size_t i = 0; close && i + 1 < 2 * nvars; i += 2)
            if (strlen(vars[i]) == (size_t)(close - at - 1) &&
                !strncmp(vars[i], at + 1, (size_t)(close - at - 1)))
                value = vars[i + 1];
        if (!value) {
            size_t n = at ? (size_t)(at - line) + 1 : (size_t)(end - line);
            djz_buf_put(out, line, n);
            line += n;
            continue;
        }
        djz_buf_put(out, line, (size_t)(at - line));
        djz_py_str_body(out, value);
        line = close + 1;
    }
}

/* The text of [p, end) up to the next " | " (or end), trimmed; p moves
 * past the separator. */
static const char *field(djz_arena *a, const char **p, const char *end)
{
    const char *s = *p;
    while (s < end && *s == ' ')
        s++;
    const char *bar = s;
    while (bar < end && !(bar[0] == '|' && bar > s && bar[-1] == ' '))
        bar++;
    const char *e = bar;
    while (e > s && (e[-1] == ' ' || e[-1] == '\n'))
        e--;
    *p = bar < end ? bar + 1 : end;
    return djz_arena_strndup(a, s, (size_t)(e - s));
}

/* `#@ reads NAME RULE [ARG] | BLOCK | HINT` (after "#@ reads "). */
static void read_directive(djz_arena *a, const char *p, const char *end,
                           djz_env_reads *reads)
{
    const char *head = field(a, &p, end);
    djz_env_read r = {0};
    r.block = field(a, &p, end);
    r.hint = field(a, &p, end);
    size_t n = strcspn(head, " ");
    r.name = djz_arena_strndup(a, head, n);
    const char *rule = head + n + (head[n] == ' ');
    size_t rn = strcspn(rule, " ");
    size_t i = 0;
    while (i < 4 && !(strlen(djz_read_rules[i]) == rn &&
                      !strncmp(djz_read_rules[i], rule, rn)))
        i++;
    if (i == 4 || !*r.block || !*r.hint)
        abort(); /* the template's directive is malformed */
    r.rule = (djz_read_rule)i;
    r.arg = rule[rn] ? rule + rn + 1 : NULL;
    if ((r.rule == DJZ_READ_WITH || r.rule == DJZ_READ_DEFAULT) != !!r.arg)
        abort();
    for (size_t k = 0; k < reads->n; k++)
        if (!strcmp(reads->items[k].name, r.name))
            return; /* read twice: the first directive holds */
    reads->items = djz_arena_grow(a, reads->items, reads->n, &reads->cap,
                                  sizeof *reads->items);
    reads->items[reads->n++] = r;
}

void djz_template_render(djz_arena *a, const char *text,
                         const char *const *flag_names, const bool *flags,
                         size_t nflags, const char *const *vars, size_t nvars,
                         djz_buf *out, djz_env_reads *reads)
{
    enum { DEPTH = 16 }; /* the embedded templates nest 2 deep */
    bool keep[DEPTH] = {true};
    bool taken[DEPTH] = {true};
    size_t depth = 0;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
        const char *dir = line;
        while (*dir == ' ')
            dir++;
        if (!strncmp(dir, "#@ if ", 6)) {
            if (depth + 1 == DEPTH)
                abort(); /* a template of djaz's own nests too deep */
            const char *name = dir + 6;
            size_t n = strcspn(name, " \n");
            bool v = flag_value(name, n, flag_names, flags, nflags);
            depth++;
            taken[depth] = v;
            keep[depth] = keep[depth - 1] && v;
        } else if (!strncmp(dir, "#@ else", 7) && depth) {
            keep[depth] = keep[depth - 1] && !taken[depth];
        } else if (!strncmp(dir, "#@ end", 6) && depth) {
            depth--;
        } else if (!strncmp(dir, "#@ reads ", 9)) {
            if (keep[depth] && reads)
                read_directive(a, dir + 9, line + len, reads);
        } else if (keep[depth]) {
            substitute(line, len, vars, nvars, out);
        }
        line += len;
    }
}

djz_json *djz_env_reads_json(djz_arena *a, const djz_env_reads *reads)
{
    djz_json *list = djz_json_array(a);
    for (size_t i = 0; i < reads->n; i++) {
        const djz_env_read *r = &reads->items[i];
        djz_json *o = djz_json_push(a, list, djz_json_object(a));
        djz_json_set_str(a, o, "name", r->name);
        djz_json_set_str(a, o, "rule", djz_read_rules[r->rule]);
        if (r->rule == DJZ_READ_WITH)
            djz_json_set_str(a, o, "with", r->arg);
        else if (r->rule == DJZ_READ_DEFAULT)
            djz_json_set_str(a, o, "default", r->arg);
    }
    return list;
}

/* Application Insights in any environment, as the template deploys it:
 * one build serves them all, and the connection string, set only where
 * it exists, decides at run time (requirements.c decides
 * azure-monitor-opentelemetry the same way). */
static bool has_insights(const djz_ir *ir)
{
    for (size_t k = 0; k < ir->nenvs; k++)
        for (size_t i = 0; i < ir->envs[k].nresources; i++)
            if (!strcmp(ir->envs[k].resources[i].type,
                        "Microsoft.Insights/components"))
                return true;
    return false;
}

const char *djz_django_dir(djz_arena *a, const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *pkg = app ? djz_ir_get(app, "package") : NULL;
    char *dir =
        djz_arena_printf(a, "%s/", pkg && pkg->text ? pkg->text : "app");
    for (char *p = dir; *p; p++)
        if (*p == '.')
            *p = '/';
    return dir;
}

bool djz_django_file(djz_arena *a, const djz_ir *ir, const djz_ir_env *e,
                     int which, djz_buf *out, djz_env_reads *reads)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_ir_block *db = djz_ir_block_of(e, "database");
    const djz_ir_block *st = djz_ir_block_of(e, "storage");
    if (which == 1 && !st)
        return false;
    const djz_value *django = app ? djz_ir_get(app, "django") : NULL;
    const char *version = django && django->text ? django->text : "5.2";
    const djz_value *cache = db ? djz_ir_get(db, "cache") : NULL;
    static const char *const names[] = {"CSRF_SCHEME", "STORAGES", "CACHE",
                                        "STORAGE",     "DATABASE", "INSIGHTS"};
    const bool flags[] = {
        djz_version_compare(version, "4.0") >= 0,
        djz_version_compare(version, "4.2") >= 0,
        db && (!cache || !strcmp(cache->text, "database")),
        st != NULL,
        db != NULL,
        has_insights(ir),
    };
    const djz_value *pkg = app ? djz_ir_get(app, "package") : NULL;
    const char *vars[] = {
        "APP",     app ? app->label : "app",
        "DJANGO",  version,
        "PACKAGE", pkg && pkg->text ? pkg->text : "app",
    };
    char name[64];
    strcpy(name, djz_django_files[which]);
    strcat(name, ".in");
    djz_template_render(a, find_template(name), names, flags, 6, vars, 3, out,
                        reads);
    return true;
}

/* ci.c - what the GitHub and Azure Pipelines back ends share (ci.h). */
#include "ci.h"

#include "emit/shell.h"

#include <stdlib.h>
#include <string.h>

const djz_ir_block *djz_ci_block(const djz_ir *ir, const char *name)
{
    if (!ir->nenvs)
        return NULL;
    const djz_ir_env *e = &ir->envs[0];
    for (size_t i = 0; i < e->nblocks; i++)
        if (!strcmp(e->blocks[i]->schema->kind, "ci") &&
            !strcmp(e->blocks[i]->label, name))
            return e->blocks[i];
    return NULL;
}

const char **djz_ci_pythons(djz_arena *a, const djz_ir *ir,
                            const djz_ir_block *ci, size_t *n)
{
    const djz_value *pys = ci ? djz_ir_get(ci, "python") : NULL;
    if (!pys || !pys->n) {
        const djz_ir_block *tox = djz_ir_block_of(&ir->envs[0], "tox");
        pys = tox ? djz_ir_get(tox, "python") : NULL;
    }
    /* Every environment's own Python is tested, whatever the list. */
    return djz_python_versions(a, ir, pys, true, n);
}

const char *djz_ci_webapp(const djz_ir_env *e)
{
    for (size_t i = 0; i < e->nresources; i++)
        if (!strcmp(e->resources[i].type, "Microsoft.Web/sites"))
            return e->resources[i].leaf;
    abort(); /* every environment with an app has its web app */
}

const char *djz_ci_package(const djz_ir *ir)
{
    const djz_ir_block *app = djz_ir_block_of(&ir->envs[0], "app");
    const djz_value *pkg = app ? djz_ir_get(app, "package") : NULL;
    return pkg && pkg->text ? pkg->text : "app";
}

bool djz_ci_has_coverage(const djz_ir *ir)
{
    return djz_python_ci_coverage(ir);
}

const char *djz_ci_pytest(djz_arena *a, const djz_ir *ir)
{
    if (!djz_ci_has_coverage(ir))
        return "python -m pytest --junitxml=test-results.xml\n";
    return djz_arena_printf(
        a,
        "python -m pytest --junitxml=test-results.xml "
        "\\\n  %s --cov-report=xml\n",
        djz_sh_quote(a, djz_arena_printf(a, "--cov=%s", djz_ci_package(ir))));
}

/* name as a GitHub branch filter that matches only it: `*`, `?`, `+`
 * and `[]` are pattern characters, as is `!` in front. */
static const char *filter(djz_arena *a, const char *name)
{
    char *out = djz_arena_alloc(a, 2 * strlen(name) + 1), *w = out;
    for (const char *p = name; *p; p++) {
        if (strchr("*?+[]\\", *p) || (*p == '!' && p == name))
            *w++ = '\\';
        *w++ = *p;
    }
    *w = '\0';
    return out;
}

djz_json *djz_ci_branches(djz_arena *a, const djz_ir *ir,
                          const djz_ir_env *only, bool glob)
{
    djz_json *list = djz_json_array(a);
    for (size_t i = 0; i < ir->nenvs; i++) {
        const djz_ir_env *e = &ir->envs[i];
        const djz_value *b = djz_ir_get(e->env, "branch");
        if ((only && e != only) || !b || !b->text)
            continue;
        const char *text = glob ? filter(a, b->text) : b->text;
        bool seen = false;
        for (size_t k = 0; k < list->n; k++)
            seen |= !strcmp(list->items[k]->text, text);
        if (!seen)
            djz_json_push(a, list, djz_json_str(a, text));
    }
    return list;
}

/* NAME@MAJOR from the stdlib's data block of that kind. */
static const char *versioned(const djz_ci_input *in, const djz_ir_block *ci,
                             const char *kind, const char *name)
{
    const char *major = djz_ir_fact(in->ir->facts, kind, name, "major");
    if (!*major && djz_seen_add(in->missing, in->a, name)) {
        djz_diag *d =
            djz_report(in->sink, DJZ_STDLIB_INCOMPLETE, ci->src, ci->span,
                       "the stdlib has no `%s \"%s\"` with a `major`, "
                       "which this CI back end uses",
                       kind, name);
        djz_diag_help(in->sink, d,
                      "add it to the stdlib given with --stdlib, or leave "
                      "--stdlib out to use djaz's own");
    }
    return djz_arena_printf(in->a, "%s@%s", name, *major ? major : "?");
}

const char *djz_ci_uses(const djz_ci_input *in, const djz_ir_block *ci,
                        const char *action)
{
    return versioned(in, ci, "action", action);
}

const char *djz_ci_task(const djz_ci_input *in, const djz_ir_block *ci,
                        const char *task)
{
    return versioned(in, ci, "task", task);
}

const char *djz_ci_install_djaz(djz_arena *a, const char *tmp,
                                const char *path_line)
{
    return djz_arena_printf(
        a,
        ": \"${DJAZ_REPOSITORY:?set it to the git URL of djaz}\"\n"
        "sudo apt-get update -q\n"
        "sudo apt-get install -y -q --no-install-recommends \\\n"
        "  cmake gcc make pkg-config flex bison libcjson-dev \\\n"
        "  libcurl4-openssl-dev libssl-dev libpq-dev\n"
        "src=\"%s/djaz\"\n"
        "git clone -q --depth 1 --branch \"v$DJAZ_VERSION\" \\\n"
        "  \"$DJAZ_REPOSITORY\" \"$src\"\n"
        "cmake -S \"$src\" -B \"$src/build\" \\\n"
        "  -DCMAKE_BUILD_TYPE=Release\n"
        "cmake --build \"$src/build\" -j \"$(nproc)\"\n"
        "%s\n",
        tmp, path_line);
}

bool djz_ci_spec_ok(const djz_ci_input *in)
{
    const char *s = in->spec;
    const char *bad = strstr(s, "${{")  ? "`${{`"
                      : strstr(s, "$(") ? "`$(`"
                      : strstr(s, "$[") ? "`$[`"
                                        : NULL;
    for (const unsigned char *p = (const unsigned char *)s; !bad && *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            bad = "a control character";
    if (!bad)
        return true;
    if (djz_seen_add(in->missing, in->a, "\x01spec-path")) {
        djz_diag *d = djz_report(
            in->sink, DJZ_UNSAFE_SPEC_PATH, NULL, djz_span_make(0, 0),
            "the spec's path holds %s, which GitHub Actions "
            "and Azure Pipelines evaluate in DJAZ_SPEC",
            bad);
        djz_diag_help(in->sink, d,
                      "rename the spec, or the directories on its path, "
                      "without `$` sequences or control characters");
    }
    return false;
}

const char *djz_ci_comment(djz_arena *a, const char *spec, const char *what)
{
    /* The path alone on its line: yamllint lets one word be long. */
    return djz_arena_printf(
        a,
        "%s\n"
        "Written by djaz from the spec below: change it, not this file.\n"
        "%s",
        what, spec);
}

void djz_ci_add(djz_arena *a, djz_ci_files *out, const char *path,
                const char *comment, djz_json *doc)
{
    out->items =
        djz_arena_grow(a, out->items, out->n, &out->cap, sizeof *out->items);
    out->items[out->n++] = (djz_ci_file){path, doc, comment};
}

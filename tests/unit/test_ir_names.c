/* test_ir_names.c - the IR's lookups by name: a name the schema defines
 * and the spec leaves out is NULL (or "" for a fact), but a name the
 * schema does not define is a bug in djaz and stops it (DJZ9010 for
 * kinds, children and attributes, DJZ9011 for stdlib facts), exit 2.
 *
 * Without arguments, runs every check; each misspelt name is looked up in
 * a child process whose exit status and message are checked.  With one
 * argument (attr, child, kind, fact-kind, fact-attr) it looks up that
 * misspelt name itself: tests/diagnostics/cases/90*.sh show the message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "driver/compile.h"

static const char spec[] =
    "djaz 1\n"
    "app solo {\n"
    "  python = \"3.13\"\n  django = \"5.2\"\n  package = \"solo\"\n"
    "  region = \"northeurope\"\n  resource_group = \"solo\"\n"
    "  name = \"solo-web\"\n"
    "  requirements { runtime = [\"django==5.2.18\"] }\n"
    "  secret SECRET_KEY { generate = 50 }\n"
    "}\n"
    "env production {\n  plan = P1v2\n  branch = \"main\"\n}\n";

static int failures;
static djz_arena arena;
static djz_compilation comp;

static void expect(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

static const djz_ir_env *compile_spec(void)
{
    djz_arena_init(&arena);
    djz_diag_sink sink;
    djz_sink_init(&sink, &arena, 0);
    djz_source *src = djz_source_new(&arena, "t.djaz", spec, strlen(spec));
    djz_compile_opts o = {.hermetic = true};
    if (!djz_compile(&arena, &sink, src, &o, &comp) || sink.errors ||
        comp.ir.nenvs != 1) {
        printf("FAIL: the test spec does not compile\n");
        exit(1);
    }
    return &comp.ir.envs[0];
}

/* The misspelt lookup named by what; returns only if it was not caught. */
static void misspell(const djz_ir_env *e, const char *what)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    if (!strcmp(what, "attr"))
        djz_ir_get(app, "pyton");
    else if (!strcmp(what, "child"))
        djz_ir_child(app, "requirement");
    else if (!strcmp(what, "kind"))
        djz_ir_block_of(e, "ap");
    else if (!strcmp(what, "fact-kind"))
        djz_ir_fact(e->facts, "plan_skus", "P1v2", "tier");
    else if (!strcmp(what, "fact-attr"))
        djz_ir_fact(e->facts, "plan_sku", "P1v2", "teir");
}

/* Runs misspell(what) in a child: it must exit 2 saying code. */
static void caught(const djz_ir_env *e, const char *what, const char *code)
{
    int fds[2];
    if (pipe(fds))
        exit(1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        misspell(e, what);
        _exit(0);
    }
    close(fds[1]);
    char out[1024] = "";
    ssize_t n = read(fds[0], out, sizeof out - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 2 || !strstr(out, code)) {
        printf("FAIL misspelt %s: want exit 2 with %s, got %d: %s\n", what,
               code, WIFEXITED(status) ? WEXITSTATUS(status) : -1, out);
        failures++;
    }
}

static void known_names(const djz_ir_env *e)
{
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    expect(app != NULL, "app block");
    const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
    expect(py && !strcmp(py->text, "3.13"), "app.python");
    expect(djz_ir_block_of(e, "database") == NULL, "no database: NULL");
    djz_ir_child(app, "server"); /* a known child: returns */
    expect(
        !strcmp(djz_ir_fact(e->facts, "plan_sku", "P1v2", "tier"), "PremiumV2"),
        "plan_sku P1v2 tier");
    expect(
        !strcmp(djz_ir_fact(e->facts, "plan_sku", "P1v2", "always_on"), "on"),
        "plan_sku P1v2 always_on (a boolean as on)");
    expect(!strcmp(djz_ir_fact(e->facts, "plan_sku", "nonesuch", "tier"), ""),
           "an absent entry is \"\"");
    expect(*djz_ir_fact(e->facts, "action", "actions/checkout", "major") != 0,
           "the major of actions/checkout");
}

int main(int argc, char **argv)
{
    const djz_ir_env *e = compile_spec();
    if (argc > 1) {
        misspell(e, argv[1]);
        printf("not caught: %s\n", argv[1]);
        return 1;
    }
    known_names(e);
    caught(e, "attr", "[DJZ9010]");
    caught(e, "child", "[DJZ9010]");
    caught(e, "kind", "[DJZ9010]");
    caught(e, "fact-kind", "[DJZ9011]");
    caught(e, "fact-attr", "[DJZ9011]");
    djz_arena_free(&arena);
    if (!failures)
        printf("ok ir names\n");
    return failures != 0;
}

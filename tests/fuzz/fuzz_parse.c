/* fuzz_parse.c - libFuzzer target for the compiler.
 *
 * Feeds arbitrary bytes to the scanner and parser, renders whatever was
 * reported in all three formats, and for input that parses cleanly checks
 * the formatter's promises (its output parses cleanly, has the same
 * syntax tree, and formats to itself) and then compiles it through
 * binding, resolution and lint against the embedded stdlib, dumping the
 * IR, and through the back ends (the ARM template and its parameters, in
 * memory) when it has no errors.  Nothing but the stdlib is read:
 * relative imports fail.  A broken
 * promise aborts, which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "driver/build.h"
#include "syntax/fmt.h"
#include "syntax/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
void djz_fuzz_writers(djz_arena *a, const char *text);

static char *dump(const djz_node *file)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    djz_ast_dump(out, file, false);
    fclose(out);
    return buf;
}

static void render_all(djz_diag_sink *sink)
{
    FILE *null = fopen("/dev/null", "w");
    djz_render_opts o = {.color = true, .tool_version = "fuzz"};
    djz_render_text(null, sink, &o);
    djz_render_json(null, sink, &o);
    djz_render_sarif(null, sink, &o);
    fclose(null);
}

/* Formats p, reparses the result and checks the three promises. */
static void check_format(djz_arena *a, const djz_parsed *p)
{
    size_t len;
    char *text = djz_format(p, &len);
    djz_diag_sink sink2;
    djz_sink_init(&sink2, a, 0);
    djz_source *src2 = djz_source_new(a, "formatted", text, len);
    djz_parsed p2 = djz_parse(a, &sink2, src2);
    if (sink2.errors || !p2.file)
        abort(); /* the formatter wrote something that does not parse */
    char *before = dump(p->file), *after = dump(p2.file);
    if (strcmp(before, after) != 0)
        abort(); /* the formatter changed the tree */
    size_t len2;
    char *again = djz_format(&p2, &len2);
    if (len2 != len || memcmp(again, text, len) != 0)
        abort(); /* not idempotent */
    free(again);
    free(before);
    free(after);
    free(text);
}

/* Binding, resolution and lint, with their own sink; the IR dumped. */
static void compile_all(djz_arena *a, const char *text, size_t size)
{
    djz_diag_sink sink;
    djz_sink_init(&sink, a, 0);
    djz_source *src = djz_source_new(a, "fuzz.djaz", text, size);
    djz_compile_opts o = {.hermetic = true};
    djz_compilation c;
    size_t errors = sink.errors;
    if (djz_compile(a, &sink, src, &o, &c)) {
        FILE *null = fopen("/dev/null", "w");
        djz_ir_dump_json(null, &c.ir, NULL);
        fclose(null);
        /* The back ends, on every spec that compiles without errors. */
        if (sink.errors == errors) {
            djz_build b;
            djz_build_artifacts(a, &sink, &c, "fuzz.djaz",
                                DJZ_ARTIFACTS_ALL | DJZ_ARTIFACTS_MANIFEST, &b);
            djz_build_free(&b);
        }
    }
    render_all(&sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    djz_arena a;
    djz_arena_init(&a);
    djz_diag_sink sink;
    djz_sink_init(&sink, &a, 0);
    char *text = djz_arena_strndup(&a, (const char *)data, size);
    djz_fuzz_writers(&a, text);
    djz_source *src = djz_source_new(&a, "fuzz.djaz", text, size);
    djz_parsed p = djz_parse(&a, &sink, src);
    render_all(&sink);
    if (p.file && sink.errors == 0) {
        check_format(&a, &p);
        compile_all(&a, text, size);
    }
    djz_arena_free(&a);
    return 0;
}

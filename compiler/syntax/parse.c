/* parse.c - driving the scanner and parser over one source. */
#include "parse.h"

#include <string.h>

#include "../support/utf8.h"
#include "parse_state.h"
#include "djaz.tab.h"
#include "djaz.yy.h"

static bool readable(djz_diag_sink *sink, djz_source *src)
{
    if (src->len > DJZ_MAX_SOURCE) {
        djz_report(sink, DJZ_FILE_TOO_LARGE, src, djz_span_make(0, 0),
                   "`%s` is %u bytes; the limit is %u", src->name, src->len,
                   (unsigned)DJZ_MAX_SOURCE);
        return false;
    }
    size_t bad = 0;
    if (!djz_utf8_validate(src->text, src->len, &bad)) {
        djz_diag *d = djz_report(
            sink, DJZ_INVALID_UTF8, src,
            djz_span_make((uint32_t)bad, (uint32_t)bad + 1),
            "invalid UTF-8 byte 0x%02X", (unsigned char)src->text[bad]);
        djz_diag_help(sink, d, "save the file as UTF-8");
        return false;
    }
    return true;
}

djz_parsed djz_parse(djz_arena *a, djz_diag_sink *sink, djz_source *src)
{
    djz_parsed out = {.src = src};
    size_t errors_before = sink->errors;
    if (!readable(sink, src)) {
        out.errors = sink->errors - errors_before;
        return out;
    }
    djz_parse_state st;
    memset(&st, 0, sizeof st);
    st.arena = a;
    st.sink = sink;
    st.src = src;
    uint32_t start = 0;
    if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
        start = 3; /* a UTF-8 byte order mark says nothing */
    st.offset = start;

    yyscan_t scanner;
    if (djz_yylex_init_extra(&st, &scanner) != 0)
        djz_out_of_memory();
    /* flex scans in place a buffer that ends in two NULs */
    size_t n = src->len - start;
    char *text = djz_xmalloc(n + 2);
    memcpy(text, src->text + start, n);
    text[n] = text[n + 1] = '\0';
    YY_BUFFER_STATE buf = djz_yy_scan_buffer(text, n + 2, scanner);
    djz_yyparse(scanner, &st);
    djz_yy_delete_buffer(buf, scanner);
    djz_yylex_destroy(scanner);
    free(text);

    out.file = st.result;
    out.comments = st.comments;
    if (out.file && !st.aborted)
        djz_validate_syntax(sink, src, out.file);
    out.errors = sink->errors - errors_before;
    return out;
}

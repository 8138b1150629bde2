/* toxcmd.c - the rule of a tox lint command (see toxcmd.h). */
#include "toxcmd.h"

#include <string.h>

#include "support/utf8.h"

typedef enum { FINE, HASH, BACKSLASH, UNCLOSED, DASH, BANG, BIDI } finding;

/* The first finding in cmd, at character *at (counted from 0); *cp is
 * the bidi control found. */
static finding scan(const char *cmd, size_t *at, uint32_t *cp)
{
    size_t n = strlen(cmd), chars = 0;
    char quote = 0;
    for (size_t i = 0; i < n; chars++) {
        size_t len = djz_utf8_decode(cmd + i, n - i, cp);
        *at = chars;
        if (len && djz_utf8_bidi_control(*cp))
            return BIDI;
        char c = cmd[i];
        if (c == '#')
            return HASH;
        if (c == '\\' && quote != '\'')
            return BACKSLASH;
        if (quote && c == quote)
            quote = 0;
        else if (!quote && (c == '\'' || c == '"'))
            quote = c;
        i += len ? len : 1;
    }
    return quote ? UNCLOSED : FINE;
}

/* What the first word, unquoted, starts with: DASH, BANG or FINE. */
static finding first_word(const char *cmd)
{
    cmd += strspn(cmd, " ");
    const char *end = cmd + strcspn(cmd, " ");
    char word[2] = {0};
    size_t k = 0;
    for (const char *p = cmd; p < end && k < 2; p++)
        if (*p != '\'' && *p != '"')
            word[k++] = *p;
    if (word[0] == '-')
        return DASH;
    return word[0] == '!' && k == 1 ? BANG : FINE;
}

static const char *const message[] = {
    [HASH] = "`#` in a lint command: tox 4 takes it for the start of a "
             "comment, even in quotes, and tox 3 does not",
    [BACKSLASH] = "a backslash outside single quotes in a lint command: tox "
                  "4 reads it as an escape, tox 3 keeps it",
    [UNCLOSED] = "a quote that is not closed in a lint command: tox 3 "
                 "refuses it, tox 4 runs the rest of the line as one word",
    [DASH] = "the lint command starts with `-`, which makes tox ignore its "
             "exit status",
    [BANG] = "the lint command starts with `!`: tox 4 inverts its exit "
             "status, tox 3 runs a program called `!`",
};

static const char *const help[] = {
    [HASH] = "no line of tox.ini runs it alike under tox 3 and 4: move the "
             "command into a script or the tool's own configuration, and "
             "run that",
    [BACKSLASH] = "put the word in single quotes ('a\\b'), where both keep "
                  "the backslash as it is",
    [UNCLOSED] = "close the quote",
    [DASH] = "a lint that cannot fail checks nothing: remove the `-`",
    [BANG] = "make the command fail by itself instead, e.g. `sh -c '! grep "
             "-r pdb shop'`",
};

bool djz_tox_command_report(djz_diag_sink *sink, djz_source *src, djz_span at,
                            const char *cmd, const char *env)
{
    size_t where = 0;
    uint32_t cp = 0;
    finding f = scan(cmd, &where, &cp);
    if (f == FINE)
        f = first_word(cmd);
    if (f == FINE)
        return false;
    const char *in = env ? " (in `env " : "", *in_end = env ? "`)" : "";
    if (f == BIDI) {
        djz_diag *d = djz_report(sink, DJZ_BIDI_CONTROL, src, at,
                                 "a bidirectional control character (U+%04X) "
                                 "in a lint command%s%s%s",
                                 (unsigned)cp, in, env ? env : "", in_end);
        djz_diag_help(sink, d,
                      "tox.ini has no escape that would show it, and it "
                      "shows the line in another order than tox runs it: "
                      "remove it (character %zu of the string)",
                      where + 1);
        return true;
    }
    djz_diag *d = djz_report(sink, DJZ_TOX_COMMAND, src, at, "%s%s%s%s",
                             message[f], in, env ? env : "", in_end);
    if (f == DASH || f == BANG)
        djz_diag_help(sink, d, "%s", help[f]);
    else
        djz_diag_help(sink, d, "%s (character %zu of the string)", help[f],
                      where + 1);
    return true;
}

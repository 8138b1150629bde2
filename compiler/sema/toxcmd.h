/* toxcmd.h - the rule of a tox lint command (`tox { lint = [...] }`):
 * what tox 3 and tox 4 run alike once the INI writer has written it
 * (compiler/emit/ini.h says how it writes one).
 *
 * djaz reads a lint command as tox 3 splits it: words at spaces, single
 * and double quotes group, nothing is substituted, a backslash is itself.
 * Refused (DJZ3021), because tox 4 would run another command than tox 3
 * and no writing makes them agree:
 *
 *   - `#` anywhere: tox 4 cuts the line there, in quotes too, unless it
 *     is written `\#`, which tox 3 keeps as it is;
 *   - a backslash outside single quotes: tox 4 takes it for an escape
 *     (`a\b` is `ab`, `"a\"b"` one word), tox 3 does not;
 *   - an unclosed quote: tox 3 refuses the command, tox 4 runs the rest
 *     of the line as one argument;
 *   - a first word starting with `-` (tox ignores the exit status: a
 *     lint that cannot fail) or equal to `!` (tox 4 inverts the status,
 *     tox 3 runs a program called `!`).
 *
 * And DJZ3022: a bidirectional control character, which INI cannot
 * escape, would show the line on screen in another order than tox runs
 * it. */
#ifndef DJZ_TOXCMD_H
#define DJZ_TOXCMD_H

#include <stdbool.h>

#include "diag/diag.h"

/* Reports what the rule refuses in cmd, written at `at` in src (env: the
 * environment whose interpolation made cmd, or NULL for a literal);
 * true when it reported. */
bool djz_tox_command_report(djz_diag_sink *sink, djz_source *src, djz_span at,
                            const char *cmd, const char *env);

#endif

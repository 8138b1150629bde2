/* ini.h - the one INI writer: tox.ini (read by tox 3's iniconfig, tox 4's
 * configparser without interpolation, and pytest's iniconfig for its
 * [pytest] section).
 *
 * What an INI reader would misread, and how each function keeps a value
 * from being taken for something else:
 *
 *   - a line break ends the value: the next line would be a new key, a
 *     new `[section]` or a continuation.  No value here holds one (the
 *     spec's strings are one line, DJZ3020); should one come anyway, each
 *     control character, NEL, U+2028 and U+2029 is written as U+FFFD, so
 *     no line break survives, whatever the reader takes for one;
 *   - leading and trailing spaces are stripped by every reader: values
 *     keep their inner spaces only;
 *   - a line whose first character is `#` or `;` is a comment, `]` ends
 *     a section name, `=` and `:` end a key;
 *   - `%`: tox and pytest read without interpolation, so `%` is written
 *     as it is (Python's ConfigParser() with its default interpolation is
 *     not a reader of these files);
 *   - a bidirectional control (U+202A-U+202E, U+2066-U+2069, U+200E,
 *     U+200F, U+061C) would show the line in another order than tox
 *     reads it, and INI has no escape: it is written as U+FFFD too (sema
 *     refuses it in a lint command, DJZ3022).
 *
 * tox commands (djz_ini_tox_command) are a language of their own on top,
 * read differently by tox 3 (3.28: iniconfig, then factor lines, `{...}`
 * substitutions and the word `[]`, then shlex without an escape
 * character) and tox 4 (4.x: configparser, `#` starts a comment anywhere
 * unless written `\#`, factor lines, then `{...}` and `[]` anywhere with
 * `\` escaping `: { } [ ]`, then shlex with `\` as its escape, a first
 * word `-` or `!` changing how the exit status counts).
 * tests/writers/tox4.py models tox 4's reading.  The spec's command is
 * split as tox 3 splits it (words at spaces, quotes group, a backslash is
 * itself), and each word written so that both read it back as it is:
 *
 *   - a word of printable ASCII but space, quotes, `\` and `;` stays bare;
 *     another is single-quoted, or double-quoted when it holds a `'` and
 *     no `"`; one holding a backslash, or both quotes, is single-quoted
 *     with `'` written `'"'"'` and each `\` closing its quote at once
 *     (`\''`), so that tox 4 never takes it for an escape;
 *   - braces are written `\{` and `\}` (both tox versions unescape them
 *     and neither substitutes), `[]` as `['']` (tox 4 takes `[]` anywhere
 *     for its positional arguments);
 *   - a line that tox 3 or 4 could read as a factor condition (before its
 *     first `: ` or final `:`, nothing but factor characters) gets an
 *     empty quoted word `''` glued to its start, which the splitting
 *     removes again; so does an empty command;
 *   - no line ends in `\` (a continuation) or starts with `#` or `;`.
 *
 * What cannot be written so is refused by sema (DJZ3021): `#`, which tox
 * 4 takes for a comment even in quotes while tox 3 keeps it there; a
 * backslash outside single quotes (tox 4 reads it as an escape, tox 3
 * does not); an unclosed quote; a first word starting with `-` or equal
 * to `!` (the exit status would be ignored or inverted).  Should such a
 * command reach the writer anyway, `#` is written as U+FFFD and the
 * rest as the rules above say. */
#ifndef DJZ_INI_H
#define DJZ_INI_H

#include "emit/json.h"

/* "[name]\n", preceded by an empty line unless out is empty.  Characters
 * a section name cannot hold (`]`, line breaks and other controls,
 * `#`, `;`) become `_`. */
void djz_ini_section(djz_buf *out, const char *name);
/* "key = value\n".  key is one of the writer's callers' own (a plain
 * word); value is written with each character that could end the line,
 * each bidi control and each byte that is not UTF-8 as U+FFFD (see above),
 * and without the spaces around it. */
void djz_ini_pair(djz_buf *out, const char *key, const char *value);
/* "key =\n": a value of several lines follows (djz_ini_line). */
void djz_ini_key(djz_buf *out, const char *key);
/* One continuation line of a value: "    text\n". */
void djz_ini_line(djz_buf *out, const char *text);
/* One continuation line of a tox `commands` value that tox 3 and tox 4
 * both run as the command line cmd (see above). */
void djz_ini_tox_command(djz_buf *out, const char *cmd);

#endif

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
 *     not a reader of these files).
 *
 * tox commands (djz_ini_tox_command) are a language of their own on top:
 * `{...}` is a substitution, the word `[]` its positional arguments, a
 * line ending in `\` continues on the next one, a line starting `word: `
 * runs only in environments with the factor `word`.  The command is
 * written so that tox runs it as written: braces are escaped (`\{`,
 * `\}`), and a command that would be taken for a comment, a factor
 * condition or a continuation, and a word `[]`, get an empty quoted word
 * (`''`) glued to them, which tox's shell-like splitting removes again.
 * Quotes and `#` keep their meaning in tox's command language: the
 * command is a tox command line, written by the spec's author. */
#ifndef DJZ_INI_H
#define DJZ_INI_H

#include "emit/json.h"

/* "[name]\n", preceded by an empty line unless out is empty.  Characters
 * a section name cannot hold (`]`, line breaks and other controls,
 * `#`, `;`) become `_`. */
void djz_ini_section(djz_buf *out, const char *name);
/* "key = value\n".  key is one of the writer's callers' own (a plain
 * word); value is written as djz_ini_text writes it. */
void djz_ini_pair(djz_buf *out, const char *key, const char *value);
/* "key =\n": a value of several lines follows (djz_ini_line). */
void djz_ini_key(djz_buf *out, const char *key);
/* One continuation line of a value: "    text\n". */
void djz_ini_line(djz_buf *out, const char *text);
/* s, with every character that could end the line replaced (see
 * above): what the other functions write as a value. */
void djz_ini_text(djz_buf *out, const char *s);
/* One continuation line of a tox `commands` value that tox runs as the
 * command line cmd. */
void djz_ini_tox_command(djz_buf *out, const char *cmd);

#endif

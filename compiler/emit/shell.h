/* shell.h - the one writer of values into generated shell (startup.sh and
 * the CI workflows' scripts): a value becomes one word that bash reads
 * back as exactly that value, never a second word, a command, an
 * expansion or a comment.
 *
 * A word of ASCII letters, digits and `_ - . / : = @ + , %` is written as
 * it is (`shop.asgi:application` stays readable); any other is
 * single-quoted, a quote written `'\''`.  Inside single quotes nothing expands,
 * and a line break is kept as it is, part of the word; no value of a spec holds
 * one (DJZ3020). */
#ifndef DJZ_SHELL_H
#define DJZ_SHELL_H

#include "emit/json.h"

/* s as one shell word. */
void djz_sh_word(djz_buf *out, const char *s);
/* The same, in the arena. */
const char *djz_sh_quote(djz_arena *a, const char *s);
/* s inside a `#` comment: each control character, which could end the
 * comment (bash ends it at a line feed), is written as U+FFFD. */
void djz_sh_comment_text(djz_buf *out, const char *s);

#endif

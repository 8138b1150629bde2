/* diff.h - line-based unified diff, as printed by `djaz fmt --diff`.
 *
 * The output is the format of GNU `diff -u` with labels: "--- A" and
 * "+++ B" headers, 3 lines of context, "@@ -l,s +l,s @@" hunk headers (",s"
 * left out when s == 1, "l,0" with l the line before an empty range) and
 * "\ No newline at end of file" after an unterminated last line.  A line is
 * everything up to and including '\n', so "x" at end of file differs from
 * "x\n" and "x\r\n" differs from "x\n".  The edit script is computed the
 * way GNU diff computes it, so the text is byte-identical to `diff -u` on
 * the same inputs except where GNU's discard heuristic (lines occurring
 * more than 5 times, in large runs of unmatched lines) makes GNU's script
 * longer than ours.  Output depends only on the inputs. */
#ifndef DJZ_DIFF_H
#define DJZ_DIFF_H

#include <stddef.h>
#include <stdio.h>

/* Writes a unified diff of a -> b to out.  Returns the number of hunks;
 * 0 when a and b are equal, and then nothing is written.  a and b may hold
 * any bytes; they need not be NUL-terminated and may be NULL when empty.
 * Out of memory is a clean fatal exit (djz_out_of_memory). */
size_t djz_diff_unified(FILE *out, const char *a_name, const char *a,
                        size_t a_len, const char *b_name, const char *b,
                        size_t b_len);

#endif

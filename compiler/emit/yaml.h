/* yaml.h - the one YAML writer: workflows and pipelines are built as JSON
 * trees (json.h, plain values only) and written here.
 *
 * The output is a single block-style document that yamllint's default
 * rules accept: a `---` start, two-space indentation, sequences indented
 * under their key, no trailing spaces.  A string is written plain only
 * when every YAML reader (1.1 and 1.2, GitHub's and Azure DevOps' among
 * them) reads it back as that same string: `on`, `yes`, `3.10`, `*x`,
 * `a: b` and `a #b` are quoted; `${{ secrets.X }}` stays plain.  A string
 * of several lines is a literal block (`|`, `|-`) when that keeps it
 * exactly, else a double-quoted string with escapes.  What YAML 1.2
 * forbids raw (characters outside its printable set: C0 and C1 controls,
 * U+FFFE, U+FFFF; bytes that are not UTF-8, written \ufffd), what YAML
 * 1.1 reads as a line break (NEL, U+2028, U+2029) and the bidirectional
 * controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) are
 * always escaped in double quotes; in the header comment, which has no
 * escapes, they become U+FFFD.  The writer is linear in its input. */
#ifndef DJZ_YAML_H
#define DJZ_YAML_H

#include "emit/json.h"

/* Writes v (an OBJECT) as a YAML document.  comment, when not NULL, is
 * written first as `# ` lines (one per line of it). */
void djz_yaml_write(djz_buf *out, const char *comment, const djz_json *v);

/* How a string is written. */
typedef enum djz_yaml_style {
    DJZ_YAML_PLAIN,
    DJZ_YAML_SINGLE, /* 'it''s' */
    DJZ_YAML_DOUBLE, /* "a\tb" */
    DJZ_YAML_BLOCK,  /* | or |- (values only) */
} djz_yaml_style;

/* The style of s as a value (key = false) or a mapping key.  Exposed for
 * tests. */
djz_yaml_style djz_yaml_style_of(const char *s, bool key);

#endif

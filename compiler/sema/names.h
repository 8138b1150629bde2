/* names.h - Azure's naming rules and other name shapes. */
#ifndef DJZ_NAMES_H
#define DJZ_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

/* NULL when name follows the rule, else what the rule says, for a
 * message: "3 to 24 lowercase letters and digits". */
const char *djz_name_check(djz_name_rule rule, const char *name);
/* What a name following the rule is called: "storage account name". */
const char *djz_name_rule_what(djz_name_rule rule);
/* "a storage account name is 3 to 24 ..." for a help line, in a. */
const char *djz_name_rule_help(djz_arena *a, djz_name_rule rule,
                               const char *why);

/* The first character of s that no generated file can hold on one line
 * (a C0 or C1 control character, DEL, or the line separators U+2028 and
 * U+2029), or 0 when there is none; *offset is its index, counted in
 * characters from 0.  Every
 * string a back end writes passes this (DJZ3020), except the text of a
 * `setting` (DJZ_RULE_TEXT), which goes to JSON only. */
uint32_t djz_text_control(const char *s, size_t *offset);
/* "line feed" for a control character djz_text_control finds. */
const char *djz_text_control_name(uint32_t cp);

#endif

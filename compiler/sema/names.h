/* names.h - Azure's naming rules and other name shapes. */
#ifndef DJZ_NAMES_H
#define DJZ_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

/* NULL when name follows the rule, else what the rule says, for a
 * message: "3 to 24 lowercase letters and digits". */
const char *djz_name_check(djz_name_rule rule, const char *name);
/* What a name following the rule is called: "storage account name". */
const char *djz_name_rule_what(djz_name_rule rule);
/* "a storage account name is 3 to 24 ..." for a help line (static). */
const char *djz_name_rule_help(djz_name_rule rule, const char *why, char *buf,
                               size_t n);

#endif

/* test_catalogue.c - the diagnostics catalogue keeps its promises: codes
 * sorted and unique (lookups bisect it), names unique and kebab-case,
 * every lint a warning or an error in 6xxx, every entry explained. */
#include <ctype.h>

#include "check.h"
#include "diag/diag.h"

static void test_sorted_and_unique(void)
{
    for (size_t i = 1; i < djz_catalogue_len; i++)
        CHECK(djz_catalogue[i - 1].code < djz_catalogue[i].code);
}

static void test_lookup_finds_every_code(void)
{
    for (size_t i = 0; i < djz_catalogue_len; i++)
        CHECK(djz_diag_lookup(djz_catalogue[i].code) == &djz_catalogue[i]);
    CHECK(djz_diag_lookup((djz_code)9999) == NULL);
}

static void test_names(void)
{
    for (size_t i = 0; i < djz_catalogue_len; i++) {
        const char *n = djz_catalogue[i].name;
        CHECK(n[0] && islower((unsigned char)n[0]));
        for (const char *p = n; *p; p++)
            CHECK(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
                  *p == '-');
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(djz_catalogue[j].name, n) != 0);
    }
}

static void test_explained(void)
{
    for (size_t i = 0; i < djz_catalogue_len; i++) {
        CHECK(strlen(djz_catalogue[i].title) > 10);
        CHECK(strlen(djz_catalogue[i].explain) > 40);
        int code = (int)djz_catalogue[i].code;
        CHECK(code >= 1000 && code < 10000);
    }
}

DJZ_TESTS(test_sorted_and_unique, test_lookup_finds_every_code, test_names,
          test_explained)

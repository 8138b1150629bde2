/* test_versions.c - requirement lines, version order, specifiers, dates. */
#include <stdlib.h>

#include "check.h"
#include "support/dates.h"
#include "support/versions.h"

static void test_requirement_parse(void)
{
    djz_requirement r;
    CHECK(djz_requirement_parse("Django==5.2.18", &r));
    CHECK_EQ_STR(r.name, "django");
    CHECK_EQ_STR(r.pinned, "5.2.18");
    CHECK(djz_requirement_parse(
        "django-storages[azure] == 1.14.6 ; python_version>'3'", &r));
    CHECK_EQ_STR(r.name, "django-storages");
    CHECK_EQ_STR(r.pinned, "1.14.6");
    CHECK(djz_requirement_parse("Uvicorn_Worker>=0.3", &r));
    CHECK_EQ_STR(r.name, "uvicorn-worker");
    CHECK_EQ_STR(r.pinned, "");
    CHECK(djz_requirement_parse("django==5.2.*", &r));
    CHECK_EQ_STR(r.pinned, "");
    CHECK(djz_requirement_parse("django==5.2,!=5.2.1", &r));
    CHECK_EQ_STR(r.pinned, "");
    CHECK(!djz_requirement_parse("  ==1.0", &r));
}

static void test_compare(void)
{
    CHECK(djz_version_compare("5.2.18", "5.2.8") > 0);
    CHECK(djz_version_compare("5.2", "5.2.0") == 0);
    CHECK(djz_version_compare("4.2.26", "5.0") < 0);
    CHECK(djz_version_compare("6.0rc1", "6.0") < 0);
    CHECK(djz_version_compare("10.0", "9.9.9") > 0);
}

static void test_matches(void)
{
    CHECK(djz_version_matches("5.2.8", ">=5.2,<5.2.9"));
    CHECK(!djz_version_matches("5.2.18", ">=5.2,<5.2.9"));
    CHECK(djz_version_matches("5.2.8", ">= 5.2 , < 5.2.9"));
    CHECK(djz_version_matches("1.4.2", "~=1.4.0"));
    CHECK(!djz_version_matches("1.5.0", "~=1.4.0"));
    CHECK(djz_version_matches("23.0.0", "==23.0.0"));
    CHECK(!djz_version_matches("23.0.0", "!=23.0.0"));
    CHECK(djz_version_matches("0.29.0", "<0.30.0"));
}

static void test_dates(void)
{
    int64_t d;
    CHECK(djz_date_parse("1970-01-01", &d));
    CHECK_EQ_INT(d, 0);
    CHECK(djz_date_parse("2026-11-24", &d));
    CHECK_EQ_INT(d, 20781); /* 1795478400 / 86400 */
    CHECK(djz_date_parse("2000-02-29", &d));
    CHECK(!djz_date_parse("2100-02-29", &d));
    CHECK(djz_date_parse("2026-12", &d));
    int64_t first;
    CHECK(djz_date_parse("2026-12-01", &first));
    CHECK_EQ_INT(d, first);
    CHECK(!djz_date_parse("2026-13-01", &d));
    CHECK(!djz_date_parse("2026-1-1", &d));
    CHECK(!djz_date_parse("2026-11-24x", &d));
    setenv("SOURCE_DATE_EPOCH", "1795478400", 1); /* 2026-11-24 */
    CHECK(djz_today(&d));
    CHECK_EQ_INT(d, 20781);
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    CHECK(djz_today(&d));
    CHECK_EQ_INT(d, 0);
    setenv("SOURCE_DATE_EPOCH", "253402300799", 1); /* 9999-12-31 */
    CHECK(djz_today(&d));
    CHECK_EQ_INT(d, 2932896);
    /* Malformed values fail (the clock's date comes back), never pass. */
    static const char *const bad[] = {"garbage",
                                      " 17",
                                      "17 ",
                                      "+17",
                                      "-1",
                                      "1e9",
                                      "17.5",
                                      "0x11",
                                      "",
                                      "253402300800",
                                      "99999999999999999999999",
                                      "1795478400\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setenv("SOURCE_DATE_EPOCH", bad[i], 1);
        d = -1;
        CHECK(!djz_today(&d));
        CHECK(d > 20000);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    CHECK(djz_today(&d));
    CHECK(d > 20000);
}

/* A name or pin longer than the fields is refused (too_long), never cut:
 * two names sharing their first 127 characters were one project. */
static void test_requirement_limits(void)
{
    char line[512];
    djz_requirement r;
    memset(line, 'a', 127);
    strcpy(line + 127, "==1.0");
    CHECK(djz_requirement_parse(line, &r) && !r.too_long);
    CHECK_EQ_INT(strlen(r.name), 127);
    memset(line, 'a', 128);
    strcpy(line + 128, "==1.0");
    CHECK(!djz_requirement_parse(line, &r) && r.too_long);
    strcpy(line, "black==");
    memset(line + 7, '1', 63);
    line[70] = '\0';
    CHECK(djz_requirement_parse(line, &r) && !r.too_long);
    CHECK_EQ_INT(strlen(r.pinned), 63);
    strcat(line, "1");
    CHECK(!djz_requirement_parse(line, &r) && r.too_long);
    CHECK(!djz_requirement_parse("==1.0", &r) && !r.too_long);
}

DJZ_TESTS(test_requirement_parse, test_compare, test_matches, test_dates,
          test_requirement_limits)

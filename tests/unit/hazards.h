/* hazards.h - strings that would change what a generated file says if a
 * writer let them through as they are: the INI, Python-literal and Azure
 * Pipelines expression writers' tests write each of them (test_ini.c,
 * test_pyliteral.c, test_pipelines.c), and tests/writers/run.sh reads the
 * files back with the real readers (configparser, iniconfig, tox, Python's
 * compiler) and compares. */
#ifndef DJZ_TEST_HAZARDS_H
#define DJZ_TEST_HAZARDS_H

#include <stddef.h>

static const char *const djz_hazards[] = {
    "plain",
    "",
    "line\nfeed",
    "carriage\rreturn",
    "crlf\r\n[testenv:evil]\r\ncommands = rm -rf /",
    "\n[section]\nkey = value",
    "tab\there",
    "del\x7f",
    "bell\a",
    "nel\xc2\x85"
    "after", /* U+0085 */
    "line\xe2\x80\xa8"
    "separator", /* U+2028 */
    "para\xe2\x80\xa9"
    "separator", /* U+2029 */
    "c1\xc2\x9f",
    "bidi \xe2\x80\xae"
    "txt.exe \xe2\x81\xa6x\xe2\x81\xa9 \xe2\x80\x8f\xd8\x9c", /* Trojan Source
                                                               */
    "U+FFFF \xef\xbf\xbf",
    "it's",
    "say \"hi\"",
    "\"\"\"",
    "'''",
    "back\\slash",
    "trailing backslash\\",
    "\\",
    "\\n",
    "\\u0041 \\N{BULLET} \\x41",
    "# comment",
    "; comment",
    "a #inline",
    "a ;inline",
    "%",
    "%(here)s",
    "100%",
    "{posargs}",
    "{env:HOME}",
    "{[testenv]deps}",
    "}{",
    "[]",
    "[section]",
    "key = value",
    "key: value",
    "py313: rm -rf /",
    "${{ secrets.AZURE_CLIENT_SECRET }}",
    "$(System.AccessToken)",
    "  leading and trailing spaces  ",
    "\xc3\xa9t\xc3\xa9 \xe2\x80\xa6 \xf0\x9f\x90\x8d",
    "'quoted' \"words\"",
    "refs/heads/rel'ease",
    "''",
};
#define DJZ_NHAZARDS (sizeof djz_hazards / sizeof *djz_hazards)

/* Writes the hazards as a JSON list of strings (to compare with). */
#include "emit/json.h"
static inline void djz_hazards_json(djz_arena *a, djz_buf *out)
{
    djz_json *list = djz_json_array(a);
    for (size_t i = 0; i < DJZ_NHAZARDS; i++)
        djz_json_push(a, list, djz_json_str(a, djz_hazards[i]));
    djz_json_write_plain(out, list);
}

/* Writes buf to dir/name; 1 on error. */
#include <stdio.h>
static inline int djz_hazards_save(const char *dir, const char *name,
                                   const djz_buf *buf)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf->data, 1, buf->len, f) != buf->len || fclose(f)) {
        perror(path);
        return 1;
    }
    return 0;
}

#endif

/* names.c - Azure's naming rules, as its documentation states them.
 *
 * Storage accounts: 3-24 lowercase letters and digits.  Web apps: 2-60
 * letters, digits and hyphens, not starting or ending with a hyphen.
 * Resource groups: 1-90 letters, digits, underscores, hyphens, periods
 * and parentheses, not ending with a period.  PostgreSQL flexible
 * servers: 3-63 lowercase letters, digits and hyphens, not starting or
 * ending with a hyphen.  Blob containers: 3-63 lowercase letters, digits
 * and hyphens, starting with a letter or digit, no two hyphens in a row.
 * Besides Azure's: Python module paths (no keyword) and git branch names
 * (git check-ref-format --branch). */
#include "names.h"

#include "support/utf8.h"
#include "support/versions.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool all_of(const char *s, const char *extra, bool upper)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(islower(c) || isdigit(c) || (upper && isupper(c)) ||
              (c && strchr(extra, c))))
            return false;
    }
    return true;
}

static bool length_in(const char *s, size_t lo, size_t hi)
{
    size_t n = strlen(s);
    return n >= lo && n <= hi;
}

static bool edge_hyphen(const char *s)
{
    size_t n = strlen(s);
    return n && (s[0] == '-' || s[n - 1] == '-');
}

/* Python's keywords (3.13, `keyword.kwlist`) and __debug__, which no
 * import statement can name.  Soft keywords (match, case, type, _) are
 * names everywhere but in their own statements, so they are allowed. */
static bool python_reserved(const char *s, size_t n)
{
    static const char *const words[] = {
        "False",  "None",     "True",  "and",    "as",       "assert",
        "async",  "await",    "break", "class",  "continue", "def",
        "del",    "elif",     "else",  "except", "finally",  "for",
        "from",   "global",   "if",    "import", "in",       "is",
        "lambda", "nonlocal", "not",   "or",     "pass",     "raise",
        "return", "try",      "while", "with",   "yield",    "__debug__"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !strncmp(words[i], s, n))
            return true;
    return false;
}

/* A dotted module path: ASCII identifiers (each part is a directory or
 * a file name, which Python would NFKC-normalize and the file system
 * would not), none of them a keyword. */
static const char *check_module(const char *s)
{
    static const char why[] = "ASCII Python identifiers joined by dots";
    const char *part = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '.' || !c) {
            if (p == part)
                return why;
            if (python_reserved(part, (size_t)(p - part)))
                return "ASCII Python identifiers joined by dots, none of "
                       "them a Python keyword (the `import` of a keyword "
                       "is a syntax error)";
            if (!c)
                return NULL;
            part = p + 1;
            continue;
        }
        if (!(isalpha(c) || c == '_' || (p != part && isdigit(c))) || c > 0x7f)
            return why;
    }
}

/* Whether a package's first part s[0..n) would shadow a module the
 * application needs: Python puts the project's folder first on sys.path,
 * so a package `secrets` hides the standard library's, which the settings
 * module imports (`secrets.token_urlsafe`).  The names: Python's standard
 * library (sys.stdlib_module_names of 3.11, public names), the top-level
 * modules the generated files import or run (django, storages, azure,
 * pytest, pytest_django, locust, gunicorn, uvicorn, psycopg, psycopg2)
 * and djaz's own output folders (tests/, arm/). */
static bool shadows(const char *s, size_t n)
{
    /* clang-format off */
    static const char *const taken[] = {
        "django", "storages", "azure", "pytest", "pytest_django", "locust",
        "gunicorn", "uvicorn", "psycopg", "psycopg2", "tests", "arm",
        "abc", "aifc", "antigravity", "argparse", "array", "ast",
        "asynchat", "asyncio", "asyncore", "atexit", "audioop", "base64",
        "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile",
        "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd", "code",
        "codecs", "codeop", "collections", "colorsys", "compileall",
        "concurrent", "configparser", "contextlib", "contextvars", "copy",
        "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses",
        "datetime", "dbm", "decimal", "difflib", "dis", "distutils",
        "doctest", "email", "encodings", "ensurepip", "enum", "errno",
        "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch",
        "fractions", "ftplib", "functools", "gc", "genericpath", "getopt",
        "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib",
        "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr",
        "imp", "importlib", "inspect", "io", "ipaddress", "itertools",
        "json", "keyword", "lib2to3", "linecache", "locale", "logging",
        "lzma", "mailbox", "mailcap", "marshal", "math", "mimetypes",
        "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing",
        "netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path", "numbers",
        "opcode", "operator", "optparse", "os", "ossaudiodev", "pathlib",
        "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform",
        "plistlib", "poplib", "posix", "posixpath", "pprint", "profile",
        "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc",
        "pydoc_data", "pyexpat", "queue", "quopri", "random", "re",
        "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched",
        "secrets", "select", "selectors", "shelve", "shlex", "shutil",
        "signal", "site", "smtpd", "smtplib", "sndhdr", "socket",
        "socketserver", "spwd", "sqlite3", "sre_compile", "sre_constants",
        "sre_parse", "ssl", "stat", "statistics", "string", "stringprep",
        "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig",
        "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios",
        "textwrap", "this", "threading", "time", "timeit", "tkinter",
        "token", "tokenize", "tomllib", "trace", "traceback", "tracemalloc",
        "tty", "turtle", "turtledemo", "types", "typing", "unicodedata",
        "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave",
        "weakref", "webbrowser", "winreg", "winsound", "wsgiref", "xdrlib",
        "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
        "zoneinfo"};
    /* clang-format on */
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++)
        if (strlen(taken[i]) == n && !strncmp(taken[i], s, n))
            return true;
    return false;
}

/* The application's package: a module path whose first part is its own. */
static const char *check_package(const char *s)
{
    const char *why = check_module(s);
    if (why)
        return why;
    if (shadows(s, strcspn(s, ".")))
        return "the application's own: its first part names no module "
               "of Python's standard library nor one the generated files "
               "import (django, storages, azure, pytest, locust, gunicorn, "
               "uvicorn, psycopg), which it would hide, nor djaz's output "
               "folders tests and arm";
    return NULL;
}

/* One identifier: the name of a test module (tests/test_NAME.py). */
static const char *check_identifier(const char *s)
{
    if (strchr(s, '.') || check_module(s))
        return "an ASCII Python identifier, not a keyword";
    return NULL;
}

/* A value Azure Pipelines would not evaluate: its template expressions
 * `${{ }}` are evaluated anywhere in the file, its macros `$( )` and
 * runtime expressions `$[ ]` in many places. */
static const char *check_ci_value(const char *s)
{
    size_t n = strlen(s);
    if (!n || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
        return "not empty, and not starting or ending with a space";
    if (strstr(s, "${{") || strstr(s, "$(") || strstr(s, "$["))
        return "free of `${{`, `$(` and `$[`, which Azure Pipelines would "
               "evaluate";
    return NULL;
}

/* git's rules for a branch name (git check-ref-format --branch), and
 * what the CI systems would read as an expression.  Each failure says
 * which rule it breaks. */
static const char *check_branch(const char *s)
{
    size_t n = strlen(s);
    if (!n || !strcmp(s, "@") || !strcmp(s, "HEAD") || s[0] == '-')
        return "not empty, `@`, `HEAD` or starting with `-`";
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f)
            return "free of control characters";
        if (strchr(" ~^:?*[\\", c))
            return "free of spaces and of `~ ^ : ? * [ \\`";
    }
    if (strstr(s, "..") || strstr(s, "@{") || strstr(s, "//"))
        return "free of `..`, `@{` and `//`";
    if (s[0] == '/' || s[n - 1] == '/' || s[n - 1] == '.')
        return "not starting or ending with `/`, nor ending with `.`";
    for (const char *c = s; c; c = strchr(c, '/')) {
        c += *c == '/';
        size_t len = strcspn(c, "/");
        if (c[0] == '.' || (len >= 5 && !strncmp(c + len - 5, ".lock", 5)))
            return "made of parts that neither start with `.` nor end with "
                   "`.lock`";
    }
    return check_ci_value(s);
}

/* a.b.c.d with each part 0-255; *end is where it stopped. */
static bool ipv4(const char *s, const char **end, unsigned long *value)
{
    unsigned long v = 0;
    for (int part = 0; part < 4; part++) {
        if (part && *s++ != '.')
            return false;
        if (!isdigit((unsigned char)*s))
            return false;
        /* Python's ipaddress refuses leading zeros; inet_aton reads
         * them as octal (010 is 8). */
        if (s[0] == '0' && isdigit((unsigned char)s[1]))
            return false;
        char *stop;
        unsigned long n = strtoul(s, &stop, 10);
        if (n > 255 || stop - s > 3)
            return false;
        v = v << 8 | n;
        s = stop;
    }
    *end = s;
    *value = v;
    return true;
}

static const char *check_ipv4_range(const char *s)
{
    const char *end;
    unsigned long lo, hi;
    const char *why = "an IPv4 address, or a range a.b.c.d-e.f.g.h, each "
                      "part 0 to 255 without leading zeros";
    if (!ipv4(s, &end, &lo))
        return why;
    if (!*end)
        return NULL;
    if (*end != '-' || !ipv4(end + 1, &end, &hi) || *end || hi < lo)
        return why;
    return NULL;
}

/* Whether a word of s (after a space) starts with `-`: pip's
 * requirements file format reads every such word of a requirement line
 * as an option (`--index-url URL`, `--hash=...`). */
static bool option_word(const char *s)
{
    for (const char *p = s; *p; p++)
        if (*p == '-' && (p == s || isspace((unsigned char)p[-1])))
            return true;
    return false;
}

/* One line of a requirements file as pip reads a requirement: a project
 * name, then extras, versions or a marker.  Never a pip option (`-r`,
 * `--index-url`): that would let a spec point pip at another index; nor
 * a line ending in `\`, which pip joins with the next one, nor `${`,
 * where pip substitutes an environment variable. */
static const char *check_requirement(const char *s)
{
    static const char why[] =
        "one line of a requirements file such as `django==5.2.18`: a "
        "project name, extras, versions and a marker, not a pip option "
        "(no word starting with `-`), not ending in `\\` (pip joins the "
        "next line) and without `${` (pip substitutes a variable)";
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return why;
    djz_requirement r;
    size_t n = strlen(s);
    if (isspace((unsigned char)*s) || option_word(s) ||
        (n && s[n - 1] == '\\') || strstr(s, "${"))
        return why;
    if (!djz_requirement_parse(s, &r))
        return r.too_long ? "a project name of at most 127 characters and a "
                            "pinned version of at most 63"
                          : why;
    return NULL;
}

/* Text a generated file needs: not empty, not starting or ending with a
 * space (a fixture name, a tox command). */
static const char *check_line(const char *s)
{
    size_t n = strlen(s);
    if (!n || isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]))
        return "not empty, and not starting or ending with a space";
    return NULL;
}

/* A path of the site, as the test client and locust request it: locust
 * appends it to the host, so `about` would ask for
 * https://HOST.netabout. */
static const char *check_url_path(const char *s)
{
    if (s[0] != '/')
        return "a path starting with `/`, without spaces";
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p))
            return "a path starting with `/`, without spaces";
    return NULL;
}

/* locust's HttpUser refuses a host that does not match
 * ^https?://[^/]+ (locust/user/users.py). */
static const char *check_http_url(const char *s)
{
    static const char why[] = "an absolute URL such as "
                              "`https://shop.example.com`: http:// or "
                              "https:// and a host, without spaces";
    size_t skip = !strncasecmp(s, "https://", 8)  ? 8
                  : !strncasecmp(s, "http://", 7) ? 7
                                                  : 0;
    if (!skip || !s[skip] || s[skip] == '/')
        return why;
    for (const char *p = s; *p; p++)
        if (isspace((unsigned char)*p))
            return why;
    return NULL;
}

uint32_t djz_text_control(const char *s, size_t *offset)
{
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i < n; chars++) {
        uint32_t cp = (unsigned char)s[i];
        if (cp >= 0x20 && cp < 0x7f) { /* ASCII text: no decoding */
            i++;
            continue;
        }
        size_t len = djz_utf8_decode(s + i, n - i, &cp);
        if (!len)
            len = 1; /* not UTF-8: the scanner has reported it */
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
            cp == 0x2029) {
            *offset = chars;
            return cp;
        }
        i += len;
    }
    return 0;
}

const char *djz_text_control_name(uint32_t cp)
{
    switch (cp) {
    case '\t':
        return "a tab";
    case '\n':
        return "a line feed";
    case '\r':
        return "a carriage return";
    case 0x85:
        return "a next-line character (NEL)";
    case 0x2028:
        return "a line separator";
    case 0x2029:
        return "a paragraph separator";
    default:
        return "a control character";
    }
}

const char *djz_name_check(djz_name_rule rule, const char *s)
{
    switch (rule) {
    case DJZ_RULE_NONE:
    case DJZ_RULE_TEXT:
        return NULL;
    case DJZ_RULE_STORAGE_ACCOUNT:
        return length_in(s, 3, 24) && all_of(s, "", false)
                   ? NULL
                   : "3 to 24 lowercase letters and digits";
    case DJZ_RULE_WEB_APP:
        return length_in(s, 2, 60) && all_of(s, "-", true) && !edge_hyphen(s)
                   ? NULL
                   : "2 to 60 letters, digits and hyphens, not starting or "
                     "ending with a hyphen";
    case DJZ_RULE_RESOURCE_GROUP:
        return length_in(s, 1, 90) && all_of(s, "_-.()", true) &&
                       s[strlen(s) - 1] != '.'
                   ? NULL
                   : "1 to 90 letters, digits, underscores, hyphens, periods "
                     "and parentheses, not ending with a period";
    case DJZ_RULE_PG_SERVER:
        return length_in(s, 3, 63) && all_of(s, "-", false) && !edge_hyphen(s)
                   ? NULL
                   : "3 to 63 lowercase letters, digits and hyphens, not "
                     "starting or ending with a hyphen";
    case DJZ_RULE_CONTAINER:
        return length_in(s, 3, 63) && all_of(s, "-", false) && s[0] != '-' &&
                       !strstr(s, "--") && s[strlen(s) - 1] != '-'
                   ? NULL
                   : "3 to 63 lowercase letters, digits and single hyphens, "
                     "starting and ending with a letter or digit";
    case DJZ_RULE_PG_DATABASE:
        return length_in(s, 1, 63) && all_of(s, "_", false) &&
                       !isdigit((unsigned char)s[0])
                   ? NULL
                   : "1 to 63 lowercase letters, digits and underscores, not "
                     "starting with a digit";
    case DJZ_RULE_ENV_VAR:
        return *s && !isdigit((unsigned char)s[0]) && all_of(s, "_", true)
                   ? NULL
                   : "letters, digits and underscores, not starting with a "
                     "digit";
    case DJZ_RULE_PYTHON_MODULE:
        return check_module(s);
    case DJZ_RULE_IPV4_RANGE:
        return check_ipv4_range(s);
    case DJZ_RULE_REQUIREMENT:
        return check_requirement(s);
    case DJZ_RULE_GIT_BRANCH:
        return check_branch(s);
    case DJZ_RULE_PYTHON_NAME:
        return check_identifier(s);
    case DJZ_RULE_CI_VALUE:
        return check_ci_value(s);
    case DJZ_RULE_TOX_COMMAND: /* else DJZ3021, sema/toxcmd.c */
        return s[strspn(s, " ")] ? NULL
                                 : "not blank: tox would run an empty "
                                   "command, which fails";
    case DJZ_RULE_PACKAGE:
        return check_package(s);
    case DJZ_RULE_LINE:
        return check_line(s);
    case DJZ_RULE_URL_PATH:
        return check_url_path(s);
    case DJZ_RULE_HTTP_URL:
        return check_http_url(s);
    }
    return NULL;
}

const char *djz_name_rule_what(djz_name_rule rule)
{
    static const char *const what[] = {
        [DJZ_RULE_NONE] = "name",
        [DJZ_RULE_STORAGE_ACCOUNT] = "storage account name",
        [DJZ_RULE_WEB_APP] = "web app name",
        [DJZ_RULE_RESOURCE_GROUP] = "resource group name",
        [DJZ_RULE_PG_SERVER] = "PostgreSQL server name",
        [DJZ_RULE_CONTAINER] = "container name",
        [DJZ_RULE_PG_DATABASE] = "database name",
        [DJZ_RULE_ENV_VAR] = "environment variable name",
        [DJZ_RULE_PYTHON_MODULE] = "Python module name",
        [DJZ_RULE_IPV4_RANGE] = "firewall address",
        [DJZ_RULE_REQUIREMENT] = "requirement",
        [DJZ_RULE_GIT_BRANCH] = "git branch name",
        [DJZ_RULE_TEXT] = "text",
        [DJZ_RULE_PYTHON_NAME] = "Python name",
        [DJZ_RULE_CI_VALUE] = "value for Azure Pipelines",
        [DJZ_RULE_TOX_COMMAND] = "tox command",
        [DJZ_RULE_PACKAGE] = "Python module name",
        [DJZ_RULE_LINE] = "line of text",
        [DJZ_RULE_URL_PATH] = "path of the site",
        [DJZ_RULE_HTTP_URL] = "host URL",
    };
    return what[rule];
}

const char *djz_name_rule_help(djz_arena *a, djz_name_rule rule,
                               const char *why)
{
    const char *what = djz_name_rule_what(rule);
    bool vowel = strchr("aeiouAEIOU", what[0]) != NULL;
    return djz_arena_printf(a, "%s %s is %s", vowel ? "an" : "a", what, why);
}

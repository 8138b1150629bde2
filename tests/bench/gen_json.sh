#!/usr/bin/env bash
# The JSON twin of a spec: tests/bench/gen_json.sh IN.djaz OUT.json
#
# Writes the same document as JSON, so that JSON parsers can be timed on
# the same content as `djaz check`.  The mapping:
#
#   body of the file or of a block  object, one member per statement
#   djaz 1                          "djaz": 1
#   import "a" (all of them)        "import": ["a", ...]
#   head = value                    "head": value
#   head { body }                   "head": { body }
#   head (a declaration)            "head": null
#   list [a, b] / map { k = v }     [a, b] / {"k": v}
#   "text ${env.name}"              "text ${env.name}" (escapes re-encoded)
#   17, -0.5                        17, -0.5
#   true on / false off             true / false
#   a reference a.b.c               "a.b.c"
#
# where "head" is the statement's name and labels joined by spaces
# ("app django_on_azure", "setting DJANGO_HOST").  Comments are dropped
# (JSON has none).  Blocks are printed one member per line with two
# spaces of indentation per level, lists and maps on one line.  A head
# or map key that repeats within one body is an error: JSON parsers keep
# only one of them, so the documents would no longer be the same.
#
# The input must be a spec `djaz check` accepts; this is a small
# recursive-descent reader in POSIX awk, not a second djaz.
set -euo pipefail
(($# == 2)) || { echo "usage: gen_json.sh IN.djaz OUT.json" >&2; exit 2; }
[[ -r $1 ]] || { echo "gen_json.sh: cannot read $1" >&2; exit 2; }
export LC_ALL=C

awk -v src="$1" '
function fail(msg) {
    printf "gen_json.sh: %s:%d: %s\n", src, lno, msg > "/dev/stderr"
    failed = 1
    exit 1
}

# ---- scanner: one token in tt (kind) and tv (text) ---------------------
# Kinds: ID, NUM, STR (tv is the JSON-escaped text, without quotes), NL,
# EOF, or the punctuation character itself.
function advance(   c, p) {
    for (;;) {
        if (!have) {
            if ((getline buf < src) <= 0) { tt = "EOF"; tv = ""; return }
            lno++
            sub(/\r$/, "", buf)
            have = 1
        }
        if (match(buf, /^[ \t]+/)) buf = substr(buf, RLENGTH + 1)
        c = substr(buf, 1, 1)
        if (c == "" || c == "#" || substr(buf, 1, 2) == "//") {
            buf = ""; have = 0; tt = "NL"; tv = ""; return
        }
        if (c == "\"") { buf = substr(buf, 2); tt = "STR"; tv = str(); return }
        if (match(buf, /^[A-Za-z_][A-Za-z0-9_-]*/)) { tt = "ID"; break }
        if (match(buf, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?/)) { tt = "NUM"; break }
        if (index("=.,;:{}[]", c)) { tt = c; tv = c; buf = substr(buf, 2); return }
        fail("unexpected character `" c "`")
    }
    tv = substr(buf, 1, RLENGTH)
    buf = substr(buf, RLENGTH + 1)
}

function hexval(h,   i, v) {
    v = 0
    h = tolower(h)
    for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
    return v
}

function uesc(cp) {
    if (cp < 65536) return sprintf("\\u%04x", cp)
    cp -= 65536
    return sprintf("\\u%04x\\u%04x", 55296 + int(cp / 1024), 56320 + cp % 1024)
}

# The rest of a string whose opening quote is consumed.
function str(   r, c, e) {
    r = ""
    for (;;) {
        if (match(buf, /^[^"\\$]+/)) {
            r = r substr(buf, 1, RLENGTH)
            buf = substr(buf, RLENGTH + 1)
            continue
        }
        c = substr(buf, 1, 1)
        if (c == "") fail("unterminated string")
        if (c == "\"") { buf = substr(buf, 2); return r }
        if (c == "$") {
            if (substr(buf, 2, 1) != "{") { r = r "$"; buf = substr(buf, 2); continue }
            e = index(buf, "}")
            if (!e) fail("unterminated ${")
            c = substr(buf, 3, e - 3)
            gsub(/[ \t]/, "", c)
            r = r "${" c "}"
            buf = substr(buf, e + 1)
            continue
        }
        c = substr(buf, 2, 1)  # after a backslash
        if (c == "\"" || c == "\\" || c == "n" || c == "r" || c == "t") r = r "\\" c
        else if (c == "$") r = r "$"
        else if (c == "u" && match(buf, /^\\u\{[0-9A-Fa-f]+\}/)) {
            r = r uesc(hexval(substr(buf, 4, RLENGTH - 4)))
            buf = substr(buf, RLENGTH + 1)
            continue
        } else fail("unknown escape `\\" c "`")
        buf = substr(buf, 3)
    }
}

# ---- reader and writer -------------------------------------------------
function expect(t) { if (tt != t) fail("expected `" t "`, found " tt " `" tv "`"); advance() }
function skipnl() { while (tt == "NL") advance() }
function ind(d) { return sprintf("%" (2 * d) "s", "") }
function unique(body, key) {
    if ((body, key) in seen) fail("\"" key "\" twice in one body: the JSON would keep only one")
    seen[body, key] = 1
}

# Starts member "key" of the object at depth d (members at indent d).
function member(d, b, key) {
    unique(b, key)
    printf "%s\n%s\"%s\": ", (count[d]++ ? "," : ""), ind(d), key
}

function path(   p) {
    p = tv
    expect("ID")
    while (tt == ".") { advance(); p = p "." tv; expect("ID") }
    return p
}

function head(   h) {
    h = path()
    while (tt == "ID" || tt == "STR") { h = h " " tv; advance() }
    return h
}

function value(   v, r, b, k) {
    if (tt == "STR") { v = "\"" tv "\""; advance(); return v }
    if (tt == "NUM") { v = tv; advance(); return v }
    if (tt == "ID") {
        if (tv == "true" || tv == "on") { advance(); return "true" }
        if (tv == "false" || tv == "off") { advance(); return "false" }
        return "\"" path() "\""
    }
    if (tt == "[") {
        advance(); r = ""
        for (;;) {
            skipnl()
            if (tt == "]") break
            r = r (r == "" ? "" : ", ") value()
            skipnl()
            if (tt == ",") advance(); else if (tt != "]") fail("expected `,` or `]`, found `" tv "`")
        }
        advance()
        return "[" r "]"
    }
    if (tt == "{") {
        advance(); r = ""; b = ++bodies
        for (;;) {
            skipnl()
            if (tt == "}") break
            if (tt != "ID" && tt != "STR") fail("expected a map key, found `" tv "`")
            k = tv; advance()
            unique(b, k)
            skipnl(); expect("="); skipnl()
            r = r (r == "" ? "" : ", ") "\"" k "\": " value()
            skipnl()
            if (tt == ",") advance()
        }
        advance()
        return "{" r "}"
    }
    fail("expected a value, found " tt " `" tv "`")
}

function imports_out(d, b) {
    if (imports == "") return
    member(d, b, "import")
    printf "[%s]", imports
    imports = ""
}

# The statements of a body, as the members of an object at depth d.
function body(d,   b, key) {
    b = ++bodies
    count[d] = 0
    for (;;) {
        while (tt == "NL" || tt == ";") advance()
        if (tt == "EOF" || tt == "}") break
        if (tt == "ID" && tv == "djaz") {
            advance()
            member(d, b, "djaz")
            printf "%s", tv
            expect("NUM")
            continue
        }
        if (tt == "ID" && tv == "import") {
            advance()
            if (tt != "STR") fail("expected the path of the import")
            imports = imports (imports == "" ? "" : ", ") "\"" tv "\""
            advance()
            continue
        }
        imports_out(d, b)
        key = head()
        member(d, b, key)
        if (tt == "=") {
            advance()
            printf "%s", value()
        } else if (tt == "{") {
            advance()
            printf "{"
            body(d + 1)
            printf "%s}", count[d + 1] ? "\n" ind(d) : ""
            expect("}")
        } else {
            printf "null"
        }
        if (tt != "NL" && tt != ";" && tt != "}" && tt != "EOF")
            fail("expected the end of the statement, found `" tv "`")
    }
    imports_out(d, b)
}

BEGIN {
    advance()
    printf "{"
    body(1)
    if (tt != "EOF") fail("unexpected `}`")
    printf "%s}\n", count[1] ? "\n" : ""
}' >"$2"

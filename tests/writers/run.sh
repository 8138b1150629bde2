#!/usr/bin/env bash
# The INI, Python-literal and Azure Pipelines expression writers against
# their real readers:
#   tests/writers/run.sh path/to/test_ini path/to/test_pyliteral \
#                        path/to/test_pipelines path/to/test_shell
#
# Each test program writes every hazard of tests/unit/hazards.h through
# its writer, and the JSON list of the hazards.  Then:
#   * configparser (as tox 4 reads: no interpolation) and iniconfig (as
#     tox 3 and pytest read) find exactly the sections and keys written,
#     each value the hazard itself, but for what no INI line can hold
#     (spaces around it, control characters and line separators: U+FFFD);
#   * tox 3 (--showconfig) and the model of tox 4 (tox4.py, from tox
#     4's source) run one command per hazard, the same one, split as djaz
#     reads a lint command (compiler/emit/ini.h): no substitution, no
#     posargs, no factor condition, no comment, no continuation, no
#     escape, nothing lost;
#   * Python compiles the module, and its literals, list and docstring
#     hold every hazard exactly, no bidi control written raw;
#   * each Azure Pipelines string literal, read as the expression grammar
#     says ('' is a quote), is the hazard;
#   * bash prints each shell word back as the hazard, one word each, and
#     shellcheck finds nothing in the script but its notes that `$` and
#     `\` stay literal in single quotes.
set -uo pipefail
python=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$(dirname "$(realpath "$0")")/tox4.py" "$work/"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
command -v tox >/dev/null ||
  { echo "FAIL: tox is missing: run .ci/bootstrap test"; exit 1; }
"$python" -c 'import iniconfig' 2>/dev/null ||
  { echo "FAIL: python3-iniconfig is missing: run .ci/bootstrap test"; exit 1; }

for t in "$@"; do
  if "$t" "$work" >"$work/out" 2>&1; then ok
  else bad "$(basename "$t")"; cat "$work/out"; fi
done

check() { # NAME: runs the Python on stdin with the work directory
  if "$python" - "$work" >"$work/out" 2>&1; then ok
  else bad "$1"; cat "$work/out"; fi
}

check "INI values read back by configparser and iniconfig" <<'PY'
import configparser, json, sys
import iniconfig
work = sys.argv[1]
hazards = json.load(open(f"{work}/hazards.json", encoding="utf-8"))

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

def one_line(s):
    return "".join("\ufffd" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
                   or c in "\u2028\u2029" + BIDI else c for c in s).strip(" ")

def line(s):
    s = one_line(s)
    return "\ufffd" + s[1:] if s[:1] in ("#", ";") else s

want_values = {f"k{i}": one_line(h) for i, h in enumerate(hazards)}
want_lines = {f"k{i}": [v for v in ("first", line(h), "last") if v]
              for i, h in enumerate(hazards)}
path = f"{work}/hazards.ini"
cp = configparser.ConfigParser(interpolation=None)
cp.read(path, encoding="utf-8")
ini = iniconfig.IniConfig(path)
for name, sections in (
        ("configparser", {s: dict(cp[s]) for s in cp.sections()}),
        ("iniconfig", {s.name: dict(s.items()) for s in ini})):
    assert list(sections) == ["values", "lines"], (name, list(sections))
    assert sections["values"] == want_values, (name, [
        (k, v, want_values.get(k)) for k, v in sections["values"].items()
        if want_values.get(k) != v])
    got = {k: [x for x in v.split("\n") if x]
           for k, v in sections["lines"].items()}
    assert got == want_lines, (name, [(k, v, want_lines.get(k))
                                      for k, v in got.items()
                                      if want_lines.get(k) != v])
print("ok")
PY

(cd "$work" && tox -c tox.ini --showconfig -e lint >"$work/showconfig" 2>&1) ||
  { bad "tox --showconfig"; cat "$work/showconfig"; }
check "tox 3 and tox 4 run the same commands, as the spec says" <<'PY'
import ast, json, sys
work = sys.argv[1]
sys.path.insert(0, work)
import tox4
commands = json.load(open(f"{work}/commands.json", encoding="utf-8"))
lines = open(f"{work}/showconfig", encoding="utf-8").read().splitlines()
tox3 = ast.literal_eval(next(l for l in lines
                             if l.startswith("commands = "))[11:])
tox4_run, substitutions = tox4.commands(
    open(f"{work}/tox.ini", encoding="utf-8").read(), "testenv:lint", "lint",
    environ={"HOME": "/home/x"})
BAD = ("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068"
       "\u2069\u200e\u200f\u061c#")

def meaning(cmd):
    """The command as djaz reads a lint command (ini.h): what cannot be
    written as U+FFFD, then split as tox 3 splits: words at spaces,
    quotes group, a backslash is itself, an unclosed quote runs to the
    end."""
    s = "".join("\ufffd" if ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f
                or c in BAD else c for c in cmd)
    words, i = [], 0
    while True:
        while i < len(s) and s[i] == " ":
            i += 1
        if i == len(s):
            return words or [""]
        word, quote = [], None
        while i < len(s) and (quote or s[i] != " "):
            c = s[i]
            if quote and c == quote:
                quote = None
            elif not quote and c in "'\"":
                quote = c
            else:
                word.append(c)
            i += 1
        words.append("".join(word))

want = [meaning(c) for c in commands]
assert not substitutions, substitutions
assert len(tox3) == len(want), (len(tox3), len(want))
assert len(tox4_run) == len(want), (len(tox4_run), len(want))
for cmd, w, t3, (status, t4) in zip(commands, want, tox3, tox4_run):
    assert t3 == w, ("tox 3", cmd, t3, w)
    assert status == "" and t4 == w, ("tox 4", cmd, status, t4, w)
print("ok", len(want))
PY

check "Python literals and docstring" <<'PY'
import ast, json, sys
work = sys.argv[1]
hazards = json.load(open(f"{work}/hazards-py.json", encoding="utf-8"))
source = open(f"{work}/hazards.py", encoding="utf-8").read()
tree = ast.parse(source)
module = {}
exec(compile(tree, "hazards.py", "exec"), module)
assert module["VALUES"] == hazards
for i, h in enumerate(hazards):
    assert module[f"V{i}"] == h, (i, module[f"V{i}"], h)
    assert f"<{i}:{h}>\n" in module["__doc__"], (i, h)
for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
    assert c not in source, f"U+{ord(c):04X} written raw"
print("ok")
PY

check "Azure Pipelines expression strings" <<'PY'
import json, sys
work = sys.argv[1]
hazards = [h for h in json.load(open(f"{work}/hazards-expr.json",
                                     encoding="utf-8"))
           if "\r" not in h and "\n" not in h]
head = "eq(variables['Build.SourceBranch'], "

def literal(text, i):
    """The string literal at text[i] ('' is a quote) and where it ends."""
    assert text[i] == "'", text[i:]
    out, i = [], i + 1
    while True:
        j = text.index("'", i)
        out.append(text[i:j])
        if text[j + 1:j + 2] == "'":
            out.append("'")
            i = j + 2
        else:
            return "".join(out), j + 1

got = []
for line in open(f"{work}/expressions.txt", encoding="utf-8").read().split("\n")[:-1]:
    assert line.startswith(head), line
    value, end = literal(line, len(head))
    assert line[end:] == ")", line
    got.append(value)
assert got == hazards, [(g, h) for g, h in zip(got, hazards) if g != h]
print("ok")
PY

# SC1003 and SC2016 are notes that a backslash or a `$` inside single
# quotes stays literal: what the writer means them to do.
if shellcheck -e SC1003,SC2016 "$work/words.sh"; then ok
else bad "shellcheck words.sh"; fi
bash "$work/words.sh" >"$work/words" 2>&1 || bad "bash words.sh"
check "shell words read back by bash" <<'PY'
import json, sys
work = sys.argv[1]
hazards = json.load(open(f"{work}/hazards-sh.json", encoding="utf-8"))
words = open(f"{work}/words", "rb").read().decode("utf-8").split("\0")
assert words[-1] == "", words[-1:]
assert words[:-1] == hazards, [(w, h) for w, h in zip(words, hazards) if w != h]
print("ok")
PY

echo "writers: $passed passed, $failed failed"
((failed == 0))

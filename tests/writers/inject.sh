#!/usr/bin/env bash
# Nothing a spec may say changes what a generated file means:
#   tests/writers/inject.sh path/to/djaz
#
# A spec whose strings hold what each output language reads specially
# (tox substitutions, factor conditions, continuations and `[]`; quotes,
# backslashes and `"""` in Python; quotes in a branch and GitHub's
# pattern characters) builds, and the real readers find each value as
# written:
#   * tox.ini: configparser finds only djaz's sections, and tox 3 and the
#     model of tox 4 (tox4.py) run the lint commands as written, one each;
#   * locustfile.py, tests/test_access.py and tests/conftest.py compile,
#     and their literals are the spec's strings (ast);
#   * azure-pipelines.yml: each deployment's condition compares
#     Build.SourceBranch with a string literal that reads back as the
#     branch; GitHub's branch filters match their branch only.
# The same values are what djaz 0.1.0 let through (tox took the commands
# for substitutions and factors, the condition was an injection).
set -uo pipefail
DJAZ=$(realpath "${1:?usage: inject.sh path/to/djaz}")
python=/usr/bin/python3
command -v tox >/dev/null ||
  { echo "FAIL: tox is missing: run .ci/bootstrap test"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

cat >"$work/app.djaz" <<'DJAZ'
djaz 1

app shop {
  python         = "3.13"
  django         = "5.2"
  package        = "shop"
  region         = "westeurope"
  resource_group = "shop-${env.name}"
  requirements { runtime = ["django==5.2.18"] }
  secret SECRET_KEY { generate = 50 }
}

env staging { plan = P1V2; branch = "rel'ease" }
env production { plan = P1V2; branch = "!hot+fix]" }

ci github { auth = oidc }
ci azure_pipelines { service_connection = "shop's \"connection\"" }

test access {
  fixture         = "it's \"data\".json"
  login_required  = ["/a'b/", "/c\"d/", "/e\\f/"]
  login_url       = "/login\\"
  users_allowed   = ["/\"\"\"", "/'''"]
  expect_contains = "\"\"\"; import os #"
}

tox {
  lint = ["flake8 {posargs} {env:HOME}", "py313: echo factor",
          "echo [testenv:evil]", "echo 'trailing\\'", "echo [] a[]b",
          "echo %(here)s 100% \${{ x }}", "; nor this", "make:",
          "py*: echo glob", "a, lint: echo", "echo \"a b\" 'c d'",
          "python -c \"x=[]; print('it''s')\"", "\u{e9}: echo hi",
          "lint:\u{a0}echo nbsp", "echo last"]
}

load {
  paths = ["/it's", "/\"q\"", "/back\\slash", "/\u{e9}t\u{e9}"]
  host  = "https://example.com/\"\"\""
}
DJAZ

if "$DJAZ" build -q "$work/app.djaz" -o "$work/out" 2>"$work/err"; then ok
else bad "djaz build"; cat "$work/err"; fi

(cd "$work/out" && tox --showconfig -e lint >"$work/showconfig" 2>&1) ||
  { bad "tox --showconfig"; cat "$work/showconfig"; }

here=$(dirname "$(realpath "$0")")
check() { # NAME: the Python on stdin, with the output directory
  if "$python" - "$work/out" "$here" >"$work/log" 2>&1; then ok
  else bad "$1"; cat "$work/log"; fi
}

check "tox.ini: djaz's sections, the lint commands as written, tox 3 and 4" <<'PY'
import ast, configparser, sys
out = sys.argv[1]
sys.path.insert(0, sys.argv[2])
import tox4
cp = configparser.ConfigParser(interpolation=None)
cp.read(f"{out}/tox.ini", encoding="utf-8")
assert cp.sections() == ["tox", "testenv", "testenv:lint", "pytest"], cp.sections()
text = open(f"{out}/../showconfig", encoding="utf-8").read()
commands = ast.literal_eval(next(l for l in text.splitlines()
                                 if l.startswith("commands = "))[11:])
want = [["flake8", "{posargs}", "{env:HOME}"], ["py313:", "echo", "factor"],
        ["echo", "[testenv:evil]"], ["echo", "trailing\\"],
        ["echo", "[]", "a[]b"],
        ["echo", "%(here)s", "100%", "${{", "x", "}}"], [";", "nor", "this"],
        ["make:"], ["py*:", "echo", "glob"], ["a,", "lint:", "echo"],
        ["echo", "a b", "c d"], ["python", "-c", "x=[]; print('it''s')"],
        ["\u00e9:", "echo", "hi"], ["lint:\u00a0echo", "nbsp"],
        ["echo", "last"]]
assert commands == want, ("tox 3", commands)
run, substitutions = tox4.commands(open(f"{out}/tox.ini", encoding="utf-8").read(),
                                   "testenv:lint", "lint")
assert not substitutions, substitutions
assert run == [("", w) for w in want], ("tox 4", run)
PY

check "Python: the literals are the spec's strings" <<'PY'
import ast, sys
out = sys.argv[1]

def module(path):
    return ast.parse(open(f"{out}/{path}", encoding="utf-8").read(), path)

def assigned(tree):
    return {t.id: ast.literal_eval(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Name)
            and isinstance(n.value, (ast.Constant, ast.List))}

t = assigned(module("tests/test_access.py"))
assert t["LOGIN_REQUIRED"] == ["/a'b/", '/c"d/', "/e\\f/"], t
assert t["LOGIN_URL"] == "/login\\", t
assert t["USERS_ALLOWED"] == ['/"""', "/'''"], t
assert t["EXPECT_CONTAINS"] == '"""; import os #', t
c = assigned(module("tests/conftest.py"))
assert c["FIXTURES"] == ['it\'s "data".json'], c
locust = module("locustfile.py")
assert assigned(locust)["host"] == 'https://example.com/"""'
gets = [ast.literal_eval(n.args[0]) for n in ast.walk(locust)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "get"]
assert gets == ["/it's", '/"q"', "/back\\slash", "/\u00e9t\u00e9"], gets
compile(open(f"{out}/shop/djaz_settings.py", encoding="utf-8").read(),
        "djaz_settings.py", "exec")
PY

check "CI: conditions and branch filters name the branch" <<'PY'
import re, sys, yaml
out = sys.argv[1]
branches = {"staging": "rel'ease", "production": "!hot+fix]"}
doc = yaml.safe_load(open(f"{out}/azure-pipelines.yml", encoding="utf-8"))
assert doc["trigger"]["branches"]["include"] == list(branches.values())
head = "eq(variables['Build.SourceBranch'],"
for stage in doc["stages"][1:]:
    env = stage["stage"][len("deploy_"):]
    cond = stage["condition"]
    i = cond.index(head) + len(head)
    while cond[i].isspace():
        i += 1
    assert cond[i] == "'", cond
    value, i = [], i + 1
    while True:  # Azure Pipelines: a string literal, '' is a quote
        j = cond.index("'", i)
        value.append(cond[i:j])
        if cond[j + 1:j + 2] != "'":
            break
        value.append("'")
        i = j + 2
    assert "".join(value) == "refs/heads/" + branches[env], (env, value)
    assert re.match(r"\s*\)", cond[j + 1:]), cond
    for step in stage["jobs"][0]["strategy"]["runOnce"]["deploy"]["steps"]:
        if "inputs" in step and "azureSubscription" in step["inputs"]:
            assert step["inputs"]["azureSubscription"] == 'shop\'s "connection"'

def github_matches(pattern, name):
    """GitHub's filter syntax: \\ escapes, * ? + [] and a leading ! are
    special; an escaped filter matches its one branch exactly."""
    out, i = [], 0
    assert not pattern.startswith("!"), pattern
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        assert c not in "*?+[]", (pattern, c)
        out.append(re.escape(c))
        i += 1
    return re.fullmatch("".join(out), name) is not None

for env, branch in branches.items():
    wf = yaml.safe_load(open(f"{out}/.github/workflows/djaz-deploy-{env}.yml",
                             encoding="utf-8"))
    (pattern,) = wf["on"]["push"]["branches"]
    assert github_matches(pattern, branch), (pattern, branch)
PY

echo "inject: $passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# The Django back end on real Django: tests/django/run.sh path/to/djaz
#
# Builds the example (examples/django-on-azure, Django 5.2 in its spec)
# and the same spec for Django 3.2, puts the files djaz writes into the
# example's package, and runs each on its Django (/usr/bin/python3 with
# Debian 12's Django 3.2, or with 5.2 from tests/django/fetch-django.sh):
#   * every generated Python file compiles;
#   * `manage.py check` in development, and `check --deploy
#     --fail-level WARNING` in production mode, find nothing;
#   * DEBUG="False" is False and "True" is True; a value that is neither
#     stops start-up; a missing SECRET_KEY outside development stops
#     start-up with a message that says what to do;
#   * the fragment follows the spec's Django: STORAGES and
#     CSRF_TRUSTED_ORIGINS with a scheme for 5.2, DEFAULT_FILE_STORAGE
#     and bare hosts for 3.2;
#   * migrate runs on SQLite in development;
#   * the generated tests (conftest.py with the fixture, test_access.py)
#     pass on the example with pytest-django, and fail on a wrong page.
# And --deploy is shown to fail on a production with DEBUG on.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: run.sh path/to/djaz}")
# shellcheck source=tests/django/lib.sh
source "$(dirname "$0")/lib.sh"
"$python" -c 'import django' 2>/dev/null ||
  { echo "FAIL: Debian's python3-django is missing: run .ci/bootstrap test"; exit 1; }

# production CMD...: runs manage.py as App Service would, without a database.
production() {
  env -u DJANGO_DEVELOPMENT DEBUG=False SECRET_KEY="$key" DJANGO_HOST="$host" \
    "$python" manage.py "$@"
}

django32 "$work/django32.djaz"

for variant in example django32; do
  spec=$example/app.djaz
  [[ $variant == django32 ]] && spec=$work/django32.djaz
  app "$variant" "$spec" || continue
  use_django "$(django_of "$variant")"
  cd "$work/$variant" || exit 1
  if "$python" -m py_compile django_on_azure/djaz_settings.py django_on_azure/djaz_storage.py
  then ok; else bad "$variant: generated Python does not compile"; fi
  # What the fragment reads of the environment is what djaz.json says it
  # reads (the list the compile-time cross-check holds the app settings
  # to), and docs/django.md documents each.
  if "$python" - django_on_azure/djaz_settings.py "$work/$variant.out/djaz.json" \
    "$root/docs/django.md" >"$work/out" 2>&1 <<'PY'
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
def is_environ(n):
    return (isinstance(n, ast.Attribute) and n.attr == "environ"
            and isinstance(n.value, ast.Name) and n.value.id == "os")
read = set()
for n in ast.walk(tree):
    key = None
    if isinstance(n, ast.Call) and n.args:
        f = n.func
        if (isinstance(f, ast.Attribute) and f.attr == "get" and is_environ(f.value)) \
                or (isinstance(f, ast.Name) and f.id == "flag"):
            key = n.args[0]
    elif isinstance(n, ast.Subscript) and is_environ(n.value):
        key = n.slice
    elif isinstance(n, ast.Compare) and any(is_environ(c) for c in n.comparators):
        key = n.left
    if isinstance(key, ast.Constant):
        read.add(key.value)
declared = {r["name"] for r in json.load(open(sys.argv[2]))["settingsReads"]}
docs = open(sys.argv[3]).read()
undocumented = {n for n in declared if f"| `{n}` |" not in docs}
assert read == declared and not undocumented, (
    f"read, not declared: {sorted(read - declared)}; "
    f"declared, not read: {sorted(declared - read)}; "
    f"not in docs/django.md: {sorted(undocumented)}")
print(len(read))
PY
  then ok; else bad "$variant: the fragment's reads"; cat "$work/out"; fi
  if DJANGO_DEVELOPMENT=True "$python" manage.py check >"$work/out" 2>&1; then ok
  else bad "$variant: check in development"; cat "$work/out"; fi
  if production check --deploy --fail-level WARNING >"$work/out" 2>&1 &&
    grep -q "no issues" "$work/out"; then ok
  else bad "$variant: check --deploy in production"; cat "$work/out"; fi
  for value in False false 0 off True; do
    want=False
    [[ $value == True ]] && want=True
    got=$(env DEBUG="$value" SECRET_KEY="$key" DJANGO_HOST="$host" "$python" -c '
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "django_on_azure.settings"
django.setup()
from django.conf import settings
print(settings.DEBUG is True, settings.DEBUG is False)' 2>&1)
    if [[ $got == "$([[ $want == True ]] && echo "True False" || echo "False True")" ]]
    then ok; else bad "$variant: DEBUG=$value gave $got"; fi
  done
  if env DEBUG=maybe SECRET_KEY="$key" "$python" manage.py check >"$work/out" 2>&1; then
    bad "$variant: DEBUG=maybe started"
  elif grep -q "SettingsError: DEBUG='maybe' is not a boolean" "$work/out"; then ok
  else bad "$variant: DEBUG=maybe without the message"; cat "$work/out"; fi
  # manage.py swallows ImproperlyConfigured while it reads the settings;
  # the message must survive every command, whichever check runs first.
  for command in check migrate; do
    if env -u SECRET_KEY DEBUG=False DJANGO_HOST="$host" "$python" manage.py "$command" \
      >"$work/out" 2>&1
    then bad "$variant: $command started without SECRET_KEY"
    elif grep -q "SettingsError: SECRET_KEY is not set" "$work/out" &&
      ! grep -q AppRegistryNotReady "$work/out"; then ok
    else bad "$variant: $command: no clear message without SECRET_KEY"; cat "$work/out"; fi
  done
  if DJANGO_DEVELOPMENT=True "$python" manage.py migrate --noinput >"$work/out" 2>&1 &&
    DJANGO_DEVELOPMENT=True "$python" manage.py showmigrations demo | grep -q "\[X\] 0001_initial"
  then ok; else bad "$variant: migrate on SQLite"; cat "$work/out"; fi
  cd "$root" || exit 1
done

# The generated tests pass on the example (pytest-django, the fixture, in
# development), on both Djangos; and fail when what they check is not so.
for variant in example django32; do
  use_django "$(django_of "$variant")"
  app=$work/$variant
  cp -r "$work/$variant.out/tests/." "$app/tests/"
  cp "$work/$variant.out/tox.ini" "$app/"
  if (cd "$app" && DJANGO_DEVELOPMENT=True "$python" -m pytest -q -p no:cacheprovider \
    >"$work/pytest" 2>&1) && grep -q "4 passed" "$work/pytest"; then ok
  else bad "$variant: the generated tests on the example"; cat "$work/pytest"; fi
done
sed -i 's/EXPECT_CONTAINS = "cheese"/EXPECT_CONTAINS = "gouda"/' "$app/tests/test_access.py"
if (cd "$app" && DJANGO_DEVELOPMENT=True "$python" -m pytest -q -p no:cacheprovider \
  >"$work/pytest" 2>&1); then bad "the generated tests passed a page without gouda"
elif grep -q "2 failed, 2 passed" "$work/pytest"; then ok
else bad "the generated tests failed otherwise"; cat "$work/pytest"; fi

# .vscode/launch.json: JSON, no secret in its environments, and its
# migrate configuration works as VS Code would run it.
use_django 5.2
app=$work/example
launch=$work/example.out/.vscode/launch.json
if (cd "$app" && "$python" - "$launch" >"$work/launch" 2>&1 <<'PY'
import json, os, subprocess, sys
configs = json.load(open(sys.argv[1]))["configurations"]
for c in configs:
    assert set(c["env"]) <= {"DJANGO_DEVELOPMENT", "DEBUG"}, c["env"]
migrate = next(c for c in configs if c.get("args", [None])[0] == "migrate")
env = dict(os.environ, **migrate["env"])
program = migrate["program"].replace("${workspaceFolder}", os.getcwd())
subprocess.run([sys.executable, program] + migrate["args"], env=env, check=True)
PY
); then ok; else bad ".vscode/launch.json"; cat "$work/launch"; fi

# The fragment follows the spec's Django.
f=$work/example/django_on_azure/djaz_settings.py
if grep -q '"STORAGES"' "$f" && grep -q 'f"https://{h}"' "$f" &&
  ! grep -q DEFAULT_FILE_STORAGE "$f"; then ok; else bad "Django 5.2 settings"; fi
f=$work/django32/django_on_azure/djaz_settings.py
if grep -q DEFAULT_FILE_STORAGE "$f" && ! grep -q '"STORAGES"' "$f" &&
  grep -q 'list(hosts)' "$f"; then ok; else bad "Django 3.2 settings"; fi

# --deploy fails on a production with DEBUG on: the check above can fail.
cd "$work/example" || exit 1
if env DEBUG=True SECRET_KEY="$key" DJANGO_HOST="$host" \
  "$python" manage.py check --deploy --fail-level WARNING >"$work/out" 2>&1; then
  bad "check --deploy passed with DEBUG on"
elif grep -q "security.W018" "$work/out"; then ok
else bad "check --deploy failed without W018"; cat "$work/out"; fi

echo "django: $passed passed, $failed failed"
((failed == 0))

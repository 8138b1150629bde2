#!/usr/bin/env bash
# Django 5.2 for the tests, beside Debian 12's 3.2: tests/django/fetch-django.sh
#
# Debian 12 ships Django 3.2.  Django 5.2 (pure Python) comes from Debian's
# newer suite: python3-django from trixie-backports, with the asgiref and
# sqlparse it needs from trixie.  They are downloaded with `apt-get
# download` against a private sources list and private package lists (the
# machine's apt configuration and installed packages are not touched),
# unpacked with `dpkg -x` into tests/django/django-5.2/, and put first on
# PYTHONPATH by the tests that run Django 5.2 (lib.sh: use_django 5.2).
# They run on the machine's /usr/bin/python3 (3.11) next to Debian 12's
# gunicorn, uvicorn and pytest-django.  See DEVELOPERS.md.
#
# Idempotent: nothing is fetched when the directory holds a Django 5.2 that
# imports.  Run by `.ci/bootstrap test`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=$here/django-5.2
site=$dest/root/usr/lib/python3/dist-packages
python=/usr/bin/python3
want=5.2

works() {
  PYTHONPATH=$site "$python" -c "
import django, asgiref, sqlparse
assert django.__file__.startswith('$site'), django.__file__
assert django.get_version().startswith('$want.'), django.get_version()" 2>/dev/null
}
works && exit 0

echo "fetch-django: Django $want from Debian trixie-backports into ${dest#"$PWD"/}" >&2
rm -rf "$dest"
apt=$dest/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dest/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
for suite in trixie trixie-backports; do
  echo "deb [signed-by=$keyring] http://deb.debian.org/debian $suite main"
done >"$apt/sources.list"
opts=(
  -o "Dir::Etc::SourceList=$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
  -o "Dir::State::Status=/dev/null" -o APT::Sandbox::User=root
  -o Acquire::Languages=none -o Debug::NoLocking=1
)
apt-get "${opts[@]}" -qq update
(cd "$dest/debs" && apt-get "${opts[@]}" -qq download \
  python3-django/trixie-backports python3-asgiref/trixie python3-sqlparse/trixie)
for deb in "$dest/debs"/*.deb; do
  dpkg -x "$deb" "$dest/root"
  # shellcheck disable=SC2016 # dpkg-deb's fields, not the shell's
  dpkg-deb -W --showformat='${Package} ${Version}\n' "$deb" >>"$dest/versions"
done
rm -rf "$apt" "$dest/debs"
if ! works; then
  echo "fetch-django: what was fetched is not a Django $want that imports:" >&2
  cat "$dest/versions" >&2
  PYTHONPATH=$site "$python" -c 'import django; print(django.__file__, django.get_version())' >&2 || true
  exit 1
fi

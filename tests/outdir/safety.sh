#!/usr/bin/env bash
# `djaz build -o OUT` never loses a file it did not write:
# tests/outdir/safety.sh path/to/djaz SRCDIR
#
# Each case puts something in OUT (or beside it, or makes OUT a link),
# runs a build, and checks the exit status, the diagnostic's code and the
# file it names, and that every entry the build may not touch is still
# there byte for byte (a snapshot of paths, types, modes and SHA-256
# before and after).  Then the builds that must go through do, and the
# stale trees of killed builds are removed only when they are provably
# djaz's.
set -uo pipefail
DJAZ=$(realpath "${1:?usage: safety.sh path/to/djaz SRCDIR}")
SRC=$(realpath "${2:?usage: safety.sh path/to/djaz SRCDIR}")
export NO_COLOR=1 SOURCE_DATE_EPOCH=1795478400 LC_ALL=C
spec=$SRC/examples/django-on-azure/app.djaz
small=$SRC/tests/diagnostics/cases/sema-valid-minimal.djaz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
passed=0 failed=0

ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL $case: $*"
}

# Every entry under $1 (not following links): path, type, mode, digest.
snapshot() {
  (cd "$1" && find . -mindepth 1 -printf '%p %y %m\n' | sort | while read -r p t m; do
    if [[ $t == f ]]; then
      echo "$p $t $m $(sha256sum <"$p" | cut -c1-64)"
    elif [[ $t == l ]]; then
      echo "$p $t -> $(readlink "$p")"
    else
      echo "$p $t $m"
    fi
  done)
}

# refuse CODE NAMED DIR [BUILD ARGS...]: the build exits 2 with CODE
# naming NAMED, and DIR (the whole work area) is unchanged.
refuse() {
  local code=$1 named=$2 dir=$3
  shift 3
  local before after out
  before=$(snapshot "$dir")
  out=$("$DJAZ" build "$@" 2>&1)
  local status=$? was=$failed
  after=$(snapshot "$dir")
  [[ $status == 2 ]] || bad "exit $status, not 2: $out"
  grep -qF "error[$code]: '$named'" <<<"$out" || bad "no $code naming $named in: $out"
  grep -qF "= help: " <<<"$out" || bad "no hint in: $out"
  [[ $before == "$after" ]] || bad "changed: $(diff <(echo "$before") <(echo "$after"))"
  ls -a "$dir" | grep -q '\.djaz-' && bad "left a temporary tree"
  ((failed == was)) && ok
}

fresh() { rm -rf "$work/t" && mkdir -p "$work/t" && cd "$work/t" || exit 2; }

# The issue's repro: a file of the user's, and the spec itself, in OUT.
case=repro
fresh
"$DJAZ" build -q "$spec" -o o
echo x >o/manage.py
cp "$spec" o/
refuse DJZ2031 o/app.djaz . o/app.djaz -o o
refuse DJZ2031 o/manage.py . o/app.djaz -o o

# An application's folder holding a real djaz.json (copied from a build),
# .git, manage.py and packages: nothing is lost.
case=application
fresh
"$DJAZ" build -q "$spec" -o built
mkdir -p app/.git/objects app/django_on_azure/migrations
echo "ref: refs/heads/main" >app/.git/HEAD
echo "print('manage')" >app/manage.py
echo "# the user's" >app/django_on_azure/models.py
: >app/django_on_azure/migrations/__init__.py
cp built/djaz.json app/
refuse DJZ2031 app/.git . "$spec" -o app
refuse DJZ2031 app/manage.py . "$spec" -o app
refuse DJZ2031 app/django_on_azure/migrations . "$spec" -o app
# With djaz's own files there too, still nothing is lost.
cp -r built/. app/
refuse DJZ2031 app/manage.py . "$spec" -o app
refuse DJZ2031 app/django_on_azure/models.py . "$spec" -o app

# A djaz.json that is not djaz's: {}, junk, empty, another JSON, paths
# out of OUT, a bad digest, a directory, a link, a FIFO.
case=manifests
for m in '{}' 'junk' '' '[1,2]' '{"djazManifest":2,"artifacts":[]}' \
  '{"djazManifest":1}' \
  '{"djazManifest":1,"artifacts":[{"path":"../x","bytes":1,"sha256":"'"$(printf '%064d' 0)"'"}]}' \
  '{"djazManifest":1,"artifacts":[{"path":"/etc/x","bytes":1,"sha256":"'"$(printf '%064d' 0)"'"}]}' \
  '{"djazManifest":1,"artifacts":[{"path":"a","bytes":1,"sha256":"XYZ"}]}' \
  '{"djazManifest":1,"artifacts":[{"path":"a","bytes":-1,"sha256":"'"$(printf '%064d' 0)"'"}]}' \
  '{"djazManifest":1,"artifacts":[{"path":"a","bytes":0,"sha256":"'"$(printf '%064d' 0)"'"},{"path":"a","bytes":0,"sha256":"'"$(printf '%064d' 0)"'"}]}'; do
  fresh
  mkdir o && printf '%s' "$m" >o/djaz.json && echo keep >o/notes.txt
  case="manifest $m"
  refuse DJZ2030 o/djaz.json . "$small" -o o
done
case="manifest is a directory"
fresh
mkdir -p o/djaz.json
refuse DJZ2030 o/djaz.json . "$small" -o o
case="manifest is a link"
fresh
"$DJAZ" build -q "$small" -o real && mkdir o && ln -s ../real/djaz.json o/djaz.json
refuse DJZ2030 o/djaz.json . "$small" -o o
case="manifest is a FIFO"
fresh
mkdir o && mkfifo o/djaz.json
refuse DJZ2030 o/djaz.json . "$small" -o o

# What a build left, changed: an edited artifact, a chmod'ed one is fine,
# an extra directory (even empty), a link, a FIFO, a file where a
# directory was.
case=edited
fresh
"$DJAZ" build -q "$spec" -o o
echo "# mine" >>o/startup.sh
refuse DJZ2032 o/startup.sh . "$spec" -o o
case="same size, other bytes"
fresh
"$DJAZ" build -q "$spec" -o o
sed -i '1s/./X/' o/requirements.txt
refuse DJZ2032 o/requirements.txt . "$spec" -o o
case="extra directory"
fresh
"$DJAZ" build -q "$spec" -o o
mkdir o/arm/old
refuse DJZ2031 o/arm/old . "$spec" -o o
case="link in OUT"
fresh
"$DJAZ" build -q "$spec" -o o
echo precious >target
rm o/tox.ini && ln -s ../target o/tox.ini
refuse DJZ2031 o/tox.ini . "$spec" -o o
case="FIFO in OUT"
fresh
"$DJAZ" build -q "$spec" -o o
mkfifo o/fifo
refuse DJZ2031 o/fifo . "$spec" -o o
case="directory replaced by a file"
fresh
"$DJAZ" build -q "$spec" -o o
rm -r o/arm && echo mine >o/arm
refuse DJZ2031 o/arm . "$spec" -o o
case="every finding, sorted"
fresh
"$DJAZ" build -q "$spec" -o o
echo 1 >o/z && echo 2 >o/a && echo "#" >>o/tox.ini
out=$("$DJAZ" build "$spec" -o o 2>&1)
[[ $(grep -o "^djaz: error\[DJZ[0-9]*\]: '[^']*'" <<<"$out" | tr '\n' ' ') == \
  "djaz: error[DJZ2031]: 'o/a' djaz: error[DJZ2032]: 'o/tox.ini' djaz: error[DJZ2031]: 'o/z' " ]] &&
  ok || bad "$out"

# Not a directory; no djaz.json.
case="not a directory"
fresh
echo mine >o
refuse DJZ2006 o . "$small" -o o
case="no manifest"
fresh
mkdir o && echo mine >o/x
refuse DJZ2006 o . "$small" -o o

# A symbolic link as OUT: followed; the target is checked like OUT, and
# the link stays a link.
case="link to a project"
fresh
mkdir project && echo mine >project/manage.py
ln -s project o
refuse DJZ2006 o . "$small" -o o
case="link to a build with a file of the user's"
fresh
"$DJAZ" build -q "$small" -o real && ln -s real o && echo mine >real/notes
refuse DJZ2031 o/notes . "$small" -o o
case="link to nothing"
fresh
ln -s missing o
refuse DJZ2006 o . "$small" -o o
case="link to a build"
fresh
"$DJAZ" build -q "$small" -o real && ln -s real o
if "$DJAZ" build -q "$spec" -o o && [[ -L o && $(readlink o) == real ]] &&
  [[ -f real/arm/template.json && -f real/startup.sh ]] &&
  cmp -s real/djaz.json <("$DJAZ" build -q "$spec" -o "$work/ref" && cat "$work/ref/djaz.json"); then
  ok
else
  bad "$(ls -la . real)"
fi
ls -a | grep -q '\.djaz-' && bad "left a temporary tree"
rm -rf "$work/ref"
case="-o . and -o with a trailing slash"
fresh
"$DJAZ" build -q "$small" -o o
(cd o && "$DJAZ" build -q "$spec" -o .) && [[ -f o/startup.sh && -d o/django_on_azure ]] && ok ||
  bad "-o . failed"
"$DJAZ" build -q "$small" -o o/ && [[ ! -e o/django_on_azure ]] && ok || bad "-o o/ failed"

# What may be replaced is replaced: an empty directory, a build with an
# artifact deleted, a chmod'ed artifact; an empty directory of a listed
# file.
case=replaced
fresh
"$DJAZ" build -q "$small" -o ref
mkdir o
"$DJAZ" build -q "$spec" -o o && ok || bad "empty directory refused"
rm o/tox.ini && chmod -x o/startup.sh && rm -r o/tests/test_*.py
"$DJAZ" build -q "$small" -o o && ok || bad "a build with files deleted was refused"
[[ $(snapshot o) == "$(snapshot ref)" ]] && ok || bad "$(diff <(snapshot o) <(snapshot ref))"

# A build OUT already holds writes nothing (no file's inode or time
# changes), but says so; a lost x bit or a deleted file is written again.
case=unchanged
fresh
"$DJAZ" build -q "$spec" -o o
stamp() { (cd o && find . -printf '%p %i %T@ %m\n' | sort); }
before=$(stamp)
out=$("$DJAZ" build "$spec" -o o 2>&1) && [[ $(stamp) == "$before" ]] && ok ||
  bad "an unchanged build wrote: $(diff <(echo "$before") <(stamp))"
grep -q "unchanged in o" <<<"$out" && ok || bad "it did not say so: $out"
chmod -x o/startup.sh
"$DJAZ" build -q "$spec" -o o && [[ -x o/startup.sh ]] && ok || bad "the x bit was not restored"
rm o/tox.ini
"$DJAZ" build -q "$spec" -o o && [[ -f o/tox.ini ]] && ok || bad "a deleted file was not restored"
mkdir .o.djaz-Stale1
"$DJAZ" build -q "$spec" -o o && [[ ! -e .o.djaz-Stale1 ]] && ok || bad "unchanged, and a stale tree left"

# Stale trees beside OUT: removed only when provably djaz's.
case=stale
fresh
"$DJAZ" build -q "$spec" -o o
mkdir .o.djaz-Empty1                                  # killed at once
mkdir .o.djaz-Marker && echo '{"djazManifest":' >.o.djaz-Marker/djaz.json # while writing the marker
cp -r o .o.djaz-Partl1 && truncate -s 10 .o.djaz-Partl1/startup.sh &&
  rm .o.djaz-Partl1/tox.ini                           # while writing files
cp -r o .o.djaz-Whole1                                # after the exchange
cp -r o .o.djaz-Forgn1 && echo mine >.o.djaz-Forgn1/notes # someone's file
cp -r o .o.djaz-Edit01 && echo "#" >>.o.djaz-Edit01/tox.ini # a full-length mismatch
mkdir .o.djaz-Mark02 && echo junk >.o.djaz-Mark02/djaz.json && echo mine >.o.djaz-Mark02/x
mkdir .o.djaz-toolong && mkdir .p.djaz-Empty2        # not a name djaz makes
keep=".o.djaz-Edit01 .o.djaz-Forgn1 .o.djaz-Mark02 .o.djaz-toolong .p.djaz-Empty2 o"
before=$(snapshot .o.djaz-Forgn1)
"$DJAZ" build -q "$small" -o o || bad "build failed"
[[ $(ls -A | tr '\n' ' ') == "$keep " ]] && ok || bad "left: $(ls -A | tr '\n' ' ')"
[[ $before == "$(snapshot .o.djaz-Forgn1)" ]] && ok || bad "a foreign tree was changed"

# OUT's name: empty is a usage error that makes nothing; `new/.` is new;
# a base name of 255 bytes builds and rebuilds (the temporary tree's name
# is cut to fit).
case=names
fresh
out=$("$DJAZ" build -q "$spec" -o "" 2>&1)
[[ $? == 2 && $out == *"no output directory"* && -z $(ls -A) ]] && ok ||
  bad "-o '': $out; left: $(ls -A)"
"$DJAZ" build -q "$small" -o new/. && [[ -f new/djaz.json && $(ls -A) == new ]] &&
  ok || bad "-o new/. left: $(ls -A)"
long=$(printf 'n%.0s' {1..255})
"$DJAZ" build -q "$spec" -o "$long" && "$DJAZ" build -q "$small" -o "$long" &&
  [[ $(ls -A) == new$'\n'"$long" ]] && ok || bad "a 255-byte name"

# A rebuild keeps OUT's own permissions.
case=mode
fresh
mkdir o && chmod 700 o
"$DJAZ" build -q "$spec" -o o && "$DJAZ" build -q "$small" -o o &&
  [[ $(stat -c %a o) == 700 ]] && ok || bad "mode $(stat -c %a o)"

# A parent the user may write and search but not read (flock needs a
# readable descriptor): builds and rebuilds, unlocked.  As root, whom
# permissions do not stop, as nobody.
case=unreadable-parent
as=()
((EUID == 0)) && as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
np=$(mktemp -d) && chmod 755 "$np" && mkdir "$np/p" && cp "$spec" "$np/app.djaz"
((EUID == 0)) && chown nobody "$np/p"
chmod 300 "$np/p"
(cd "$np" && "${as[@]}" "$DJAZ" build -q app.djaz -o p/out &&
  "${as[@]}" "$DJAZ" build -q app.djaz -o p/out) && [[ -f $np/p/out/djaz.json ]] &&
  ok || bad "could not build into a parent it cannot read"
rm -rf "$np"

echo "outdir.safety: $passed passed, $failed failed"
((failed == 0))

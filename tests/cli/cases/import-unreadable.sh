# An import that exists but cannot be read (a directory; with --stdlib, a
# stdlib module that is a directory) is an I/O error: exit 2, as for the
# spec itself.  A missing one, or one too large, is a mistake in the
# spec: exit 1.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
mkdir sub.djaz
printf 'djaz 1\nimport "sub"\n' >dir.djaz
"$DJAZ" check dir.djaz; echo "check: $?"
"$DJAZ" ir dir.djaz; echo "ir: $?"
"$DJAZ" build dir.djaz -o out; echo "build: $?"
[[ -e out ]] || echo "nothing written"
truncate -s 300M big.djaz
printf 'djaz 1\nimport "big"\n' >big-import.djaz
"$DJAZ" check big-import.djaz; echo "too large (as for the spec itself): $?"
printf 'djaz 1\nimport "nothere"\n' >missing.djaz
"$DJAZ" check missing.djaz; echo "missing: $?"
cp -r "$OLDPWD/../../../stdlib" lib
rm lib/std/azure/hardened.djaz && mkdir lib/std/azure/hardened.djaz
printf 'djaz 1\nimport "std/azure/hardened"\n' >std.djaz
"$DJAZ" check --stdlib lib std.djaz; echo "--stdlib: $?"

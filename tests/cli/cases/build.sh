# djaz build: usage errors exit 2 and write nothing; a build says what it
# wrote unless -q; a spec read from standard input builds too; errors in
# the spec write nothing, also under --format json; warnings as errors too;
# missing parents of the output directory are created.
cases=../../diagnostics/cases
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DJAZ" build "$cases/sema-valid-minimal.djaz"; echo "no -o: $?"
"$DJAZ" build -o "$tmp/out"; echo "no spec: $?"
"$DJAZ" build -o "$tmp/out" "$cases/sema-valid-minimal.djaz" "$cases/sema-valid-minimal.djaz"
echo "two specs: $?"
"$DJAZ" build "$cases/sema-valid-minimal.djaz" -o; echo "-o without a value: $?"
ls "$tmp"
"$DJAZ" build "$cases/sema-valid-minimal.djaz" --output "$tmp/out" 2>&1 | sed "s|$tmp|TMP|"
echo "built: ${PIPESTATUS[0]}"
(cd "$tmp/out" && find . -type f | sort)
"$DJAZ" build -q - -o "$tmp/stdin" <"$cases/sema-valid-minimal.djaz"; echo "stdin: $?"
grep '"spec"' "$tmp/stdin/djaz.json"
"$DJAZ" build --format json "$cases/1021-colon-for-equals.djaz" -o "$tmp/bad" | cut -c1-60
echo "errors: ${PIPESTATUS[0]}"
"$DJAZ" build --warnings-as-errors --color=never "$cases/6011-missing-secret-key.djaz" \
  -o "$tmp/warn" 2>&1 | tail -n 1
echo "warnings as errors: ${PIPESTATUS[0]}"
ls "$tmp"
# Missing parents of the output are created; a file in the way is an error
# and nothing is created.
"$DJAZ" build -q "$cases/sema-valid-minimal.djaz" -o "$tmp/new/nested/out"
echo "nested: $? $(ls "$tmp/new/nested/out")"
: >"$tmp/file"
"$DJAZ" build --color=never "$cases/sema-valid-minimal.djaz" -o "$tmp/file/x/out" 2>&1 |
  sed "s|$tmp|TMP|"
echo "through a file: ${PIPESTATUS[0]}"
ls "$tmp"
# --only writes some groups of artifacts, with djaz.json; a bad group is a
# usage error.
"$DJAZ" build -q --only arm "$cases/sema-valid-minimal.djaz" -o "$tmp/only"
(cd "$tmp/only" && find . -type f | sort)
"$DJAZ" build --only arm,nope "$cases/sema-valid-minimal.djaz" -o "$tmp/bad-only"
echo "bad group: $?"

# A rebuild into a directory holding a file djaz did not write (the
# issue's repro: the user's manage.py and the spec itself) stops, names
# each, and loses nothing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DJAZ" build -q sema-valid-minimal.djaz -o "$tmp/o"
echo x >"$tmp/o/manage.py"
cp sema-valid-minimal.djaz "$tmp/o/"
"$DJAZ" build --color=never "$tmp/o/sema-valid-minimal.djaz" -o "$tmp/o" 2>&1 |
  sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"
cat "$tmp/o/manage.py"
cmp sema-valid-minimal.djaz "$tmp/o/sema-valid-minimal.djaz" && echo "spec kept"
ls -A "$tmp"

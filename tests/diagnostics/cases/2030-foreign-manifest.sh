# A djaz.json that is not a manifest djaz wrote (here `{}`) proves nothing:
# the build stops, names it, and neither it nor the user's file is touched.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"
echo '{}' >"$tmp/out/djaz.json"
echo "print('hello')" >"$tmp/out/manage.py"
"$DJAZ" build --color=never sema-valid-minimal.djaz -o "$tmp/out" 2>&1 |
  sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"
(cd "$tmp" && ls -A . out)
cat "$tmp/out/djaz.json"

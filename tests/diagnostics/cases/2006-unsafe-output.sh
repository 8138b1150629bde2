# build -o replaces only a directory djaz wrote (or an empty one): never a
# project; a file in the way is refused too.  Nothing is written or lost.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/project"
echo "print('hello')" >"$tmp/project/manage.py"
"$DJAZ" build --color=never sema-valid-minimal.djaz -o "$tmp/project" 2>&1 |
  sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"
ls -A "$tmp/project"
ls -A "$tmp"
: >"$tmp/file"
"$DJAZ" build --color=never sema-valid-minimal.djaz -o "$tmp/file" 2>&1 |
  sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"
# A directory an earlier build wrote is replaced; an empty one is used.
"$DJAZ" build -q sema-valid-minimal.djaz -o "$tmp/out" && echo "new: ok"
"$DJAZ" build -q sema-valid-minimal.djaz -o "$tmp/out" && echo "again: ok"
mkdir "$tmp/empty"
"$DJAZ" build -q sema-valid-minimal.djaz -o "$tmp/empty" && echo "empty: ok"
ls -A "$tmp"

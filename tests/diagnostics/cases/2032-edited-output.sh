# An artifact edited since the build wrote it would lose the edit: the
# build stops and names it; the edit stays.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$DJAZ" build -q sema-valid-minimal.djaz -o "$tmp/o"
echo "# tuned by hand" >>"$tmp/o/startup.sh"
"$DJAZ" build --color=never sema-valid-minimal.djaz -o "$tmp/o" 2>&1 |
  sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"
tail -n 1 "$tmp/o/startup.sh"

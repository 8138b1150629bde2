# fmt: stdin to stdout; --diff; in-place rewrite keeping the file mode;
# a spec with errors is reported and left untouched.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf 'djaz 1\napp x {python="3.13"\nserver=asgi}\n' >"$dir/app.djaz"
"$DJAZ" fmt - <"$dir/app.djaz"; echo "stdin: $?"
cd "$dir"
"$DJAZ" fmt --diff --check app.djaz; echo "diff --check: $?"
chmod 640 app.djaz
"$DJAZ" fmt app.djaz; echo "rewrite: $?"
stat -c '%a' app.djaz
"$DJAZ" fmt app.djaz; echo "again (nothing to do): $?"
printf 'djaz 1\napp x {python: "3.13"}\n' >bad.djaz
cp bad.djaz bad.orig
"$DJAZ" fmt --color=never bad.djaz; echo "errors: $?"
cmp bad.djaz bad.orig && echo "bad.djaz untouched"
ls

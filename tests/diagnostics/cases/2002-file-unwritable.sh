# fmt cannot write its temporary file (file size limit 0): the spec is left
# exactly as it was and no temporary file remains.
dir=$(mktemp -d)
printf 'djaz 1\napp x {python="3.13"}\n' >"$dir/app.djaz"
cp "$dir/app.djaz" "$dir/orig"
cd "$dir" && (trap '' XFSZ; ulimit -f 0; "$DJAZ" fmt --color=never app.djaz)
status=$?
cmp -s app.djaz orig && echo "app.djaz unchanged"
ls
rm -rf "$dir"
exit $status

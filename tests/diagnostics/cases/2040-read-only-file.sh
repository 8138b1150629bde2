# fmt refuses a read-only file it would change (0444, also for root): the
# file is left as it was, exit 2.
dir=$(mktemp -d)
printf 'djaz 1\napp x {python="3.13"}\n' >"$dir/app.djaz"
chmod 444 "$dir/app.djaz"
cp "$dir/app.djaz" "$dir/orig"
cd "$dir" && "$DJAZ" fmt --color=never app.djaz
status=$?
cmp -s app.djaz orig && echo "app.djaz unchanged"
rm -rf "$dir"
exit $status

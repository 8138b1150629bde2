# A missing file and a directory: exit 2, and the other spec is still checked.
dir=$(mktemp -d)
mkdir "$dir/adir"
printf 'djaz 1\napp x { python: "3.13" }\n' >"$dir/bad.djaz"
cd "$dir" && "$DJAZ" check --color=never missing.djaz adir bad.djaz
status=$?
rm -rf "$dir"
exit $status

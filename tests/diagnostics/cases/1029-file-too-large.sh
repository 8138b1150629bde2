# A sparse file one byte over the 256 MiB limit is refused without being read.
dir=$(mktemp -d)
truncate -s $((256 * 1024 * 1024 + 1)) "$dir/huge.djaz"
cd "$dir" && "$DJAZ" check --color=never huge.djaz
status=$?
rm -rf "$dir"
exit $status

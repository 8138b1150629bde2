# After --, arguments are files even when they start with -.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
printf 'djaz 1\napp x {}\n' >-dash.djaz
"$DJAZ" check -- -dash.djaz; echo "after --: $?"
"$DJAZ" check -dash.djaz; echo "without --: $?"

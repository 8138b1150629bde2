# After --, arguments are files even when they start with -.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cp ../../diagnostics/cases/sema-valid-minimal.djaz "$dir/-dash.djaz"
cd "$dir"
"$DJAZ" check -- -dash.djaz; echo "after --: $?"
"$DJAZ" check -dash.djaz; echo "without --: $?"

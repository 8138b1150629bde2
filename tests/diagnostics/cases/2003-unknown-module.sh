# A misspelt stdlib module gets "did you mean"; a missing file says where
# it was looked for.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir"
printf 'djaz 1\n\nimport "std/azure/hardend"\nimport "modules/database"\n' >app.djaz
"$DJAZ" check --color=never app.djaz

# Relative modules load once however often imported, with or without
# .djaz; a diamond is not a cycle.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir" && mkdir modules
printf 'djaz 1\nimport "modules/db"\nimport "modules/storage.djaz"\n' >app.djaz
printf 'djaz 1\nimport "common"\ndatabase main { engine = postgres }\n' >modules/db.djaz
printf 'djaz 1\nimport "common"\nstorage assets {}\n' >modules/storage.djaz
printf 'djaz 1\n# shared\n' >modules/common.djaz
"$DJAZ" check app.djaz; echo "diamond: $?"
printf 'djaz 1\nimport "modules/bad"\n' >app2.djaz
printf 'djaz 1\nstorage assets { x: 1 }\n' >modules/bad.djaz
"$DJAZ" check --color=never app2.djaz; echo "error in a module: $?"

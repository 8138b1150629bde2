# a -> b -> sub/c -> a: the chain is shown, with a note at each import.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir" && mkdir sub
printf 'djaz 1\nimport "b"\n' >a.djaz
printf 'djaz 1\nimport "sub/c"\n' >b.djaz
printf 'djaz 1\nimport "../a.djaz"\n' >sub/c.djaz
"$DJAZ" check --color=never a.djaz
echo "a module that imports itself:"
printf 'djaz 1\nimport "self"\n' >self.djaz
"$DJAZ" check --color=never self.djaz

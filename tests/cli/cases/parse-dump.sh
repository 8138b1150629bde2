# parse --dump-ast prints the tree; --spans adds byte offsets.
printf 'djaz 1\napp x { name = "a-${env.name}" }\n' >/tmp/djaz-parse-$$.djaz
"$DJAZ" parse --dump-ast /tmp/djaz-parse-$$.djaz
"$DJAZ" parse --dump-ast --spans /tmp/djaz-parse-$$.djaz
"$DJAZ" parse /tmp/djaz-parse-$$.djaz; echo "no --dump-ast: $?"
rm -f /tmp/djaz-parse-$$.djaz

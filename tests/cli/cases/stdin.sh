# - reads the spec from standard input.
printf 'djaz 1\napp x { python = "3.13" }\n' | "$DJAZ" check -; echo "clean: $?"
printf 'djaz 1\napp x { python: "3.13" }\n' | "$DJAZ" check --color=never -; echo "bad: $?"

# - reads the spec from standard input.
"$DJAZ" check - <../../diagnostics/cases/sema-valid-minimal.djaz; echo "clean: $?"
printf 'djaz 1\napp x { python: "3.13" }\n' | "$DJAZ" check --color=never -; echo "bad: $?"

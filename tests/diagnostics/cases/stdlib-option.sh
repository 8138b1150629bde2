# --stdlib DIR reads the stdlib from a directory; one without the prelude
# is reported without a location.
here=$(pwd)
"$DJAZ" check --stdlib "$here/../../../stdlib" ../../../examples/django-on-azure/app.djaz
echo "repository stdlib: $?"
empty=$(mktemp -d); trap 'rm -rf "$empty"' EXIT
"$DJAZ" check --color=never --stdlib "$empty" ../../../examples/django-on-azure/app.djaz 2>&1 |
  sed "s|$empty|EMPTY|"
echo "empty stdlib: ${PIPESTATUS[0]}"

# --help, help CMD and CMD --help print to stdout and exit 0.
"$DJAZ" --help | head -3
"$DJAZ" help fmt | head -1
"$DJAZ" check --help | head -1
"$DJAZ" help nope; echo "help nope: $?"

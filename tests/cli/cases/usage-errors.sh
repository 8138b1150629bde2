# Bad command lines exit 2 with a hint, and never read a spec.
"$DJAZ"; echo "no command: $?"
"$DJAZ" frobnicate; echo "unknown command: $?"
"$DJAZ" check; echo "no spec: $?"
"$DJAZ" check --bogus x.djaz; echo "unknown option: $?"
"$DJAZ" check --format yaml x.djaz; echo "bad format: $?"
"$DJAZ" check --max-errors -1 x.djaz; echo "bad max-errors: $?"
"$DJAZ" check --format; echo "missing value: $?"

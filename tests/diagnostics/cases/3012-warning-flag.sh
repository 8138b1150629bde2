# -W cannot lower a lint rule that is an error (off, note or warning):
# bad usage, exit 2; raising one to error (a no-op) and lowering a
# warning still work.
spec=6010-secret-literal.djaz
for level in off note warning; do
  "$DJAZ" check -W secret-literal=$level "$spec"; echo "$level: exit $?"
done
"$DJAZ" check -W DJZ6018=off "$spec"; echo "by code: exit $?"
"$DJAZ" check -W secret-literal=error "$spec" >/dev/null 2>&1; echo "error: exit $?"
"$DJAZ" check -W deploy-on-pull-request=off "$spec" 2>&1 | head -1

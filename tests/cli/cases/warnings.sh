# Lint warnings exit 0; --warnings-as-errors makes them errors (exit 1);
# -W NAME=LEVEL (a name or a DJZ6xxx code) changes one; bad -W is usage.
spec=../../diagnostics/cases/6001-hardening-off.djaz
"$DJAZ" check "$spec" 2>&1 | tail -1; echo "warnings: ${PIPESTATUS[0]}"
"$DJAZ" check --warnings-as-errors "$spec" 2>&1 | tail -1; echo "--warnings-as-errors: ${PIPESTATUS[0]}"
"$DJAZ" check -W ftp-enabled=off -W DJZ6003=off "$spec" 2>&1 | tail -1
"$DJAZ" check -W weak-tls=error "$spec" 2>&1 | grep -c 'error\[DJZ6004\]'
"$DJAZ" check -W weak-tls=error -W weak-tls=note "$spec" 2>&1 | grep -c 'note\[DJZ6004\]'
"$DJAZ" check -W no-such-warning=error "$spec"; echo "unknown name: $?"
"$DJAZ" check -W ftp-enabled=loud "$spec"; echo "unknown level: $?"
"$DJAZ" check -W DJZ1021=off "$spec"; echo "not a lint: $?"
"$DJAZ" check -Wweak-tls=error ../../diagnostics/cases/6001-hardening-off.djaz 2>&1 | grep -c "error\[DJZ6004\]"

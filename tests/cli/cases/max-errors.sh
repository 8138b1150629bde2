# --max-errors stops reporting after N errors and says so; 0 means no limit.
cd ../../diagnostics/cases
"$DJAZ" check --color=never --max-errors 2 five-independent-errors.djaz 2>&1 | grep -E '^(five|djaz:)'
echo "exit: ${PIPESTATUS[0]}"
"$DJAZ" check --color=never --max-errors=0 five-independent-errors.djaz 2>&1 | tail -1

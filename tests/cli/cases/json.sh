# --format json: one JSON object per diagnostic on stdout, nothing on stderr.
cd ../../diagnostics/cases
"$DJAZ" check --format json 1021-colon-for-equals.djaz 1023-unclosed-block.djaz 2>err.txt
echo "exit: $?"
echo "stderr bytes: $(wc -c <err.txt)"; rm -f err.txt
"$DJAZ" check --format json 1021-colon-for-equals.djaz 1023-unclosed-block.djaz 2>/dev/null |
  jq -c '[.code, .name, .severity, .file, .line, .column, .end_line, .end_column, (.notes // [] | length), .help != null]'

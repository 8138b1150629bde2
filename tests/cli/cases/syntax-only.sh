# --syntax-only checks a file's syntax alone: no imports, no meaning, no
# lint.  A spec with only semantic problems passes it.
cd ../../diagnostics/cases
"$DJAZ" check --syntax-only 3004-missing-required.djaz; echo "semantic errors only: $?"
"$DJAZ" check --syntax-only --color=never 1021-colon-for-equals.djaz 2>&1 | tail -1; echo "syntax errors: ${PIPESTATUS[0]}"

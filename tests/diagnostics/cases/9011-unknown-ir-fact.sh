# An internal error cannot come from a spec: tests/unit/test_ir_names (built
# beside djaz) looks up a misspelt name in a compiled spec's IR, as a back
# end with a typo would.  djaz stops with exit status 2 and the code.
"$(dirname "$DJAZ")/tests/test_ir_names" fact-attr

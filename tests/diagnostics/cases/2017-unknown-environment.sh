# --env must name an environment of the spec.
"$DJAZ" ir --color=never --env stagng sema-valid-minimal.djaz; echo "exit: $?"

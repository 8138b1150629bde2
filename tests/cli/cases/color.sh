# Colour only on a terminal, never with NO_COLOR, always with --color=always.
cd ../../diagnostics/cases
unset NO_COLOR  # the runner sets it; this test is about it
esc=$'\033'
has_esc() { if grep -q "$esc"; then echo "$1: colour"; else echo "$1: plain"; fi; }
"$DJAZ" check 1021-colon-for-equals.djaz 2>&1 | has_esc "pipe"
"$DJAZ" check --color=always 1021-colon-for-equals.djaz 2>&1 | has_esc "--color=always"
TERM=xterm script -qec "$DJAZ check 1021-colon-for-equals.djaz" /dev/null | has_esc "terminal"
NO_COLOR=1 TERM=xterm script -qec "$DJAZ check 1021-colon-for-equals.djaz" /dev/null | has_esc "terminal, NO_COLOR"
TERM=xterm script -qec "$DJAZ check --color=never 1021-colon-for-equals.djaz" /dev/null | has_esc "terminal, --color=never"
TERM=dumb script -qec "$DJAZ check 1021-colon-for-equals.djaz" /dev/null | has_esc "terminal, TERM=dumb"

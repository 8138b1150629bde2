# A mistyped command, option, -W name or level, schema kind or
# diagnostic name gets "did you mean";
# a word close to nothing gets the plain message.  All exit 2.
spec=../../diagnostics/cases/6001-hardening-off.djaz
"$DJAZ" chek "$spec"; echo "command: $?"
"$DJAZ" biuld; echo "command (swap): $?"
"$DJAZ" help fmtt; echo "help: $?"
"$DJAZ" xyzzy; echo "far from any: $?"
"$DJAZ" check -W publc-container=off "$spec"; echo "-W name: $?"
"$DJAZ" check -W DJZ6001=warn "$spec"; echo "-W level: $?"
"$DJAZ" check -Wftp-enabld=off "$spec"; echo "-Wname: $?"
"$DJAZ" check --fromat=json "$spec"; echo "option: $?"
"$DJAZ" fmt --chek "$spec"; echo "command's own option: $?"
"$DJAZ" $'ch\nek\u202e'; echo "escaped: $?"
"$DJAZ" schema ap; echo "schema kind: $?"
"$DJAZ" explain colon-for-equal; echo "explain name: $?"

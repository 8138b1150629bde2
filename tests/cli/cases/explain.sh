# explain takes DJZ1021, 1021 or the kebab name; --list lists the catalogue.
"$DJAZ" explain DJZ1021
"$DJAZ" explain 1021 | head -1
"$DJAZ" explain stray-comma | head -1
"$DJAZ" explain DJZ9999; echo "unknown: $?"
"$DJAZ" explain --list | head -3

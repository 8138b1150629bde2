"$DJAZ" --version | sed -E 's/^djaz [0-9]+\.[0-9]+\.[0-9]+ /djaz X.Y.Z /'

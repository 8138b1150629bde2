# A file name with a newline, an escape, a bidirectional control or a byte
# that is not UTF-8 cannot forge a line of djaz's output: text diagnostics
# (location and message), fmt's list of files and its diff headers, and
# build's last line show it escaped; JSON and SARIF carry it through
# their own escaping (one JSON line per diagnostic; a percent-encoded URI).
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
example=$(cd ../../.. && pwd)/examples/django-on-azure/app.djaz
cd "$dir"
name=$'evil\nevil.djaz:1:1: error[DJZ1021]: forged\e[2J\u202e\xff.djaz'
printf 'djaz 1\napp x {python: "3.13"}\n' >"$name"
"$DJAZ" check "$name"; echo "check: $?"
"$DJAZ" check --format json "$name" | wc -l
"$DJAZ" check --format json "$name" |
  /usr/bin/python3 -c 'import json,sys; print(repr(json.loads(sys.stdin.read())["file"]))'
"$DJAZ" check --format sarif "$name" | grep '"uri"'
"$DJAZ" check "missing"$'\n'"x.djaz"; echo "unreadable: $?"
ugly=$'ugly\nx\u200b.djaz'
printf 'djaz 1\napp x {python="3.13"}\n' >"$ugly"
"$DJAZ" fmt --check --diff "$ugly"; echo "fmt --check --diff: $?"
"$DJAZ" fmt "$ugly"; echo "fmt: $?"
"$DJAZ" build "$example" -o $'out\nput'; echo "build: $?"
"$DJAZ" fmt --chek $'a\nb'; echo "usage: $?"
lit='lit\nx.djaz' # a backslash and an n: shown as \\n, unlike a newline
printf 'djaz 1\napp x {python: "3.13"}\n' >"$lit"
"$DJAZ" check "$lit" 2>&1 | sed -n 1p; echo "a backslash in the name: ${PIPESTATUS[0]}"
printf 'djaz 1\napp x {python="3.13"}\n' >'ugly\tx.djaz'
"$DJAZ" fmt --check 'ugly\tx.djaz'; echo "fmt --check: $?"

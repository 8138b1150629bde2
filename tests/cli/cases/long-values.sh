# Nothing long is cut (issue 10, point 7): two settings whose names share
# their first 300 characters are two settings (index keys were cut at 255
# bytes: a false DJZ2013), and startup.sh of a 3,300-character package
# ends with the whole package (it was cut at 4,095 bytes, built anyway).
spec=../../arm/specs/single.djaz
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
long=$(printf 'A%.0s' $(seq 300))
sed "s/^  setting SOLO_LIST .*/  setting ${long}_ONE = \"1\"\n  setting ${long}_TWO = \"2\"/" \
  "$spec" >"$tmp/keys.djaz"
"$DJAZ" check "$tmp/keys.djaz"; echo "shared prefix: $?"
"$DJAZ" ir "$tmp/keys.djaz" | grep -c "\"${long}_\(ONE\|TWO\)\""
package=$(printf 'p%09d.' $(seq 300))p
sed "s/^  package .*/  package = \"$package\"/" "$spec" >"$tmp/package.djaz"
"$DJAZ" build -q "$tmp/package.djaz" -o "$tmp/out"; echo "long package: $?"
wc -c <"$tmp/out/startup.sh"
tail -n 1 "$tmp/out/startup.sh" | grep -c "^  $package\.wsgi:application$"
# Every Python version is tested, however many the stdlib offers: tox.ini
# and the CI matrices kept 16 and dropped the rest.
cp -r ../../../stdlib "$tmp/stdlib"
for i in $(seq 20 40); do
  printf 'python "3.%s" {\n  offered     = on\n  end_of_life = "2099-10-31"\n  source      = "test"\n  checked     = "2026-11-24"\n}\n' \
    "$i" >>"$tmp/stdlib/std/azure/appservice.djaz"
done
versions=$(seq 20 40 | sed 's/.*/"3.&"/' | paste -sd, -)
sed "s/^  latest = on .*/  python = [$versions]/" ../../../examples/django-on-azure/app.djaz \
  >"$tmp/pythons.djaz"
"$DJAZ" build -q --stdlib "$tmp/stdlib" "$tmp/pythons.djaz" -o "$tmp/pythons"
echo "21 Pythons: $?"
grep envlist "$tmp/pythons/tox.ini"
grep -rl '3\.40' "$tmp/pythons/.github" "$tmp/pythons/azure-pipelines.yml" 2>/dev/null |
  sed "s|$tmp/pythons/||" | sort

# SOURCE_DATE_EPOCH set but malformed is an error of the invocation:
# exit 2, said once for several specs, under check, ir and build (which
# writes nothing), whatever the value's fault: letters, a leading space,
# an exponent, a sign, a fraction, empty, past 9999-12-31, a newline.
# A valid value (0, the largest) and an unset one pass.
spec=sema-valid-minimal.djaz
out=/tmp/djaz-3011-$$
for v in garbage ' 17' 1e9 -1 +17 17.5 '' 253402300800 \
  99999999999999999999999 $'1795478400\n'; do
  SOURCE_DATE_EPOCH=$v "$DJAZ" check --color=never "$spec" "$spec"
  echo "check: exit $?"
done
SOURCE_DATE_EPOCH=1e9 "$DJAZ" ir "$spec" >/dev/null
echo "ir: exit $?"
SOURCE_DATE_EPOCH=1e9 "$DJAZ" build -q "$spec" -o "$out"
echo "build: exit $?, wrote $(ls -A "$out" 2>/dev/null | wc -l) files"
SOURCE_DATE_EPOCH=1e9 "$DJAZ" check --format json "$spec"
echo "json: exit $?"
for v in 0 253402300799; do
  SOURCE_DATE_EPOCH=$v "$DJAZ" check --color=never "$spec" 2>&1 | grep -c DJZ3011
done
(unset SOURCE_DATE_EPOCH; "$DJAZ" check --color=never "$spec" 2>&1 |
  grep -c DJZ3011; echo "unset: exit ${PIPESTATUS[0]}")
rm -rf "$out"

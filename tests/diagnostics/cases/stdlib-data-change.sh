# Knowledge is data: changing an end-of-life date, a SKU or an advisory is
# an edit to one stdlib file, and djaz's findings change with it, no C.
stdlib=$(mktemp -d); trap 'rm -rf "$stdlib"' EXIT
cp -r ../../../stdlib/std "$stdlib/"
spec=sema-valid-minimal.djaz
"$DJAZ" check --stdlib "$stdlib" "$spec"; echo "before: $?"
# Python 3.13 ends early and 5.2.18 gets a CVE: two warnings.
sed -i '/^python "3.13"/,/^}/s/end_of_life = "[0-9-]*"/end_of_life = "2026-01-01"/' \
  "$stdlib/std/azure/appservice.djaz"
cat >>"$stdlib/std/advisories.djaz" <<'ADV'

advisory "CVE-2099-0001" {
  package   = "django"
  affected  = [">=5.2,<5.2.19"]
  fixed     = ["5.2.19"]
  published = "2026-11-01"
  severity  = "high"
  summary   = "An advisory added by this test"
  source    = "tests/diagnostics/cases/stdlib-data-change.sh"
  checked   = "2026-11-24"
}
ADV
"$DJAZ" check --color=never --stdlib "$stdlib" "$spec" 2>&1 | sed "s|$stdlib|STDLIB|g"
echo "after the date and the advisory: ${PIPESTATUS[0]}"
# P1v2 leaves the table: the spec's plan is no longer a SKU.
sed -i '/^plan_sku P1v2 {/,/^}/d' "$stdlib/std/azure/appservice.djaz"
"$DJAZ" check --color=never --stdlib "$stdlib" "$spec" 2>&1 | sed "s|$stdlib|STDLIB|g"
echo "after the SKU: ${PIPESTATUS[0]}"

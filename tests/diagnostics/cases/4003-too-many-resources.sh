# Every firewall rule is a resource: 800 rules and the rest of the
# application pass ARM's 800.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  cat sema-valid-minimal.djaz
  echo 'database main {'
  echo '  engine = postgres; version = 17; sku = Standard_B1ms; name = "shop"'
  echo '  firewall {'
  for i in $(seq 800); do
    printf '    client%d = "198.51.%d.%d"\n' "$i" $((i / 256)) $((i % 256))
  done
  echo '  }'
  echo '}'
} >"$tmp/rules.djaz"
"$DJAZ" check --color=never "$tmp/rules.djaz" 2>&1 | sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"

# A template over ARM's 4 MB: 2,200 settings of 2,000 characters each.
# Nothing is written.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  sed -n '1,/^  secret SECRET_KEY/p' sema-valid-minimal.djaz
  value=$(printf 'x%.0s' $(seq 2000))
  for i in $(seq 2200); do printf '  setting BIG_%d = "%s"\n' "$i" "$value"; done
  echo "}"
  echo 'env staging { plan = P1V2; branch = "main" }'
} >"$tmp/big.djaz"
"$DJAZ" build --color=never "$tmp/big.djaz" -o "$tmp/out" 2>&1 |
  sed "s|$tmp|TMP|g; s|has [0-9]* bytes|has N bytes|" | cut -c1-100
echo "exit: ${PIPESTATUS[0]}"
ls "$tmp"

# Every setting whose value differs between environments is a template
# parameter: 260 of them pass ARM's 256.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  sed -n '1,/^  secret SECRET_KEY/p' sema-valid-minimal.djaz
  for i in $(seq 260); do printf '  setting HOST_%d = "h%d.${env.name}"\n' "$i" "$i"; done
  echo "}"
  echo 'env staging { plan = P1V2; branch = "main" }'
  echo 'env production { plan = P2V2; branch = "release" }'
} >"$tmp/params.djaz"
"$DJAZ" check --color=never "$tmp/params.djaz" 2>&1 | sed "s|$tmp|TMP|g"
echo "exit: ${PIPESTATUS[0]}"

# The Python module rule on each kind of name, as app.package: soft
# keywords (match) are names to `import` and pass; keywords, None,
# __debug__, non-ASCII letters, empty parts and parts that start with a
# digit are DJZ3005.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in 'match' 'shop.case' 'async' 'None' '__debug__' "caf$(printf '\303\251')" 'a..b' \
  '.a' 'a.' '1a' 'a.2b'; do
  sed "s/package        = \"shop\"/package        = \"$name\"/" \
    sema-valid-minimal.djaz >"$tmp/app.djaz"
  (cd "$tmp" && "$DJAZ" check --color=never app.djaz 2>&1)
  echo "$name: exit $?"
done

# The CI files name the spec in DJAZ_SPEC, where GitHub Actions and Azure
# Pipelines evaluate `${{ }}`, `$( )` and `$[ ]`: a spec whose path holds
# one is refused, once, and nothing is written.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in '${{ secrets.AZURE_CLIENT_SECRET }}' '$(System.AccessToken)' 'a$[x]'; do
  mkdir -p "$tmp/$name"
  { cat sema-valid-minimal.djaz; printf 'ci github {}\nci azure_pipelines {}\n'; } \
    >"$tmp/$name/app.djaz"
  (cd "$tmp" && "$DJAZ" build --color=never "$name/app.djaz" -o out 2>&1)
  echo "exit: $?"
  [[ -e $tmp/out ]] && echo "written" || echo "nothing written"
done
# A plain path builds.
mkdir "$tmp/plain"
{ cat sema-valid-minimal.djaz; printf 'ci github {}\n'; } >"$tmp/plain/app.djaz"
(cd "$tmp" && "$DJAZ" build -q plain/app.djaz -o out) && echo "plain: ok"

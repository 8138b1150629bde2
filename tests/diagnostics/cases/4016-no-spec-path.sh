# The CI files name the spec in DJAZ_SPEC, relative to the repository's
# root where CI runs.  A spec from standard input has no path, and
# `../app.djaz` outside a git repository is not a path in it: both are
# refused when CI files would be written, and nothing is written.  Inside
# a git repository, the path is the spec's from the repository's root,
# from any working directory; djaz.json records the same path (null for
# standard input).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ cat sema-valid-minimal.djaz; printf 'ci github {}\n'; } >"$tmp/ci.djaz"
mkdir -p "$tmp/plain/sub" "$tmp/repo/app/deep"
cp "$tmp/ci.djaz" "$tmp/plain/app.djaz"
(cd "$tmp" && "$DJAZ" build --color=never - -o out <ci.djaz 2>&1)
echo "exit: $?"
[[ -e $tmp/out ]] && echo "written" || echo "nothing written"
(cd "$tmp/plain/sub" && "$DJAZ" build --color=never ../app.djaz -o out 2>&1)
echo "exit: $?"
[[ -e $tmp/plain/sub/out ]] && echo "written" || echo "nothing written"
# Without a ci block, standard input builds; djaz.json says there is no
# path.
"$DJAZ" build -q - -o "$tmp/nci" <sema-valid-minimal.djaz &&
  grep '"spec"' "$tmp/nci/djaz.json"
# In a git repository (.git, a directory or a worktree's file).
for git in dir file; do
  rm -rf "$tmp/repo/.git" "$tmp/repo/out"
  [[ $git == dir ]] && mkdir "$tmp/repo/.git" || echo 'gitdir: x' >"$tmp/repo/.git"
  cp "$tmp/ci.djaz" "$tmp/repo/app/app.djaz"
  (cd "$tmp/repo/app/deep" && "$DJAZ" build -q ../app.djaz -o ../../out) &&
    grep -h 'DJAZ_SPEC:' "$tmp/repo/out/.github/workflows/djaz-pull-request.yml" &&
    grep '"spec"' "$tmp/repo/out/djaz.json"
done
# A spec that is a link into another directory is named where the link is.
rm -rf "$tmp/repo/out"
ln -s "$tmp/plain/app.djaz" "$tmp/repo/app/link.djaz"
(cd "$tmp/repo" && "$DJAZ" build -q app/link.djaz -o out) &&
  grep -h 'DJAZ_SPEC:' "$tmp/repo/out/.github/workflows/djaz-pull-request.yml"

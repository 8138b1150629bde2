# A stdlib given with --stdlib that lacks an action the workflows pin is
# an error at the `ci` block, said once however often the action is used;
# djaz's own stdlib has them all.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
root=$(cd "$(dirname "$0")/../../.." && pwd)
cp -r "$root/stdlib" "$dir/stdlib"
# The azure/login block, from its `action` line to its closing brace.
sed -i '/^action "azure\/login" {/,/^}/d' "$dir/stdlib/std/github/actions.djaz"
cd "$dir" || exit 1
cat >app.djaz <<'SPEC'
djaz 1

app shop {
  python         = "3.13"
  django         = "5.2"
  package        = "shop"
  region         = "westeurope"
  resource_group = "shop"
  requirements { runtime = ["django==5.2.18"] }
  secret SECRET_KEY { generate = 50 }
}

ci github { auth = oidc }

env staging { plan = P1V2; branch = "main" }
env production { plan = P2V2; branch = "release" }
SPEC
"$DJAZ" check --stdlib stdlib app.djaz; echo "with --stdlib: $?"
"$DJAZ" check app.djaz; echo "djaz's own: $?"

# Relative modules load once however often imported, with or without
# .djaz; a diamond is not a cycle; blocks of modules are part of the spec.
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cd "$dir" && mkdir modules
cat >app.djaz <<'SPEC'
djaz 1
import "modules/db"
import "modules/storage.djaz"

app shop {
  python         = "3.13"
  django         = "5.2"
  package        = "shop"
  region         = "westeurope"
  resource_group = "shop"
  requirements { runtime = ["django==5.2.18"] }
  secret SECRET_KEY { generate = 50 }
}

env staging { plan = P1V2; branch = "main" }
SPEC
printf 'djaz 1\nimport "common"\ndatabase main {\n  engine = postgres\n  version = 17\n  sku = Standard_B1ms\n  name = "shop"\n}\n' >modules/db.djaz
printf 'djaz 1\nimport "common"\nstorage assets {\n  account = "shop${env.name}"\n  containers = { static = "static", media = "media" }\n}\n' >modules/storage.djaz
printf 'djaz 1\n# shared\n' >modules/common.djaz
"$DJAZ" check app.djaz; echo "diamond: $?"
"$DJAZ" ir app.djaz | grep -c '"kind":	"database"'
printf 'djaz 1\nimport "modules/bad"\n' >app2.djaz
printf 'djaz 1\nstorage assets { x: 1 }\n' >modules/bad.djaz
"$DJAZ" check --color=never app2.djaz; echo "error in a module: $?"

#!/usr/bin/env bash
# Generates a benchmark spec: tests/bench/gen_spec.sh N OUT.djaz
#
# Writes a valid .djaz spec of about N lines (it stops after the first
# top-level block that reaches N, so a few lines over) made of "services"
# shaped like examples/django-on-azure/app.djaz: an app block with nested
# blocks, its database, storage, monitoring, environments, CI, tests and
# load test, with comments, strings (interpolations, escapes, non-ASCII),
# numbers, booleans, references, lists and maps, some long enough to be
# written one item per line.  Which optional blocks and which values a
# service gets is drawn from a Park-Miller generator with a fixed seed
# (exact in any awk), so the same N always gives the same bytes.
#
# The output is in the canonical layout: `djaz check` reports nothing and
# `djaz fmt --check` finds nothing to change.  Labels are unique within
# each body, so tests/bench/gen_json.sh turns it into JSON without
# duplicate keys.
set -euo pipefail
usage() { echo "usage: gen_spec.sh N OUT.djaz  (N: lines, a positive integer)" >&2; exit 2; }
(($# == 2)) || usage
[[ $1 =~ ^[1-9][0-9]{0,7}$ ]] || usage
export LC_ALL=C

awk -v target="$1" -v seed=20260417 '
# ---- deterministic choices -----------------------------------------
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function pick(s,   a, k) { k = split(s, a, "|"); return a[rnd(k) + 1] }
function chance(pct) { return rnd(100) < pct }

# ---- values: composites are encoded, rendered when printed ------------
# A list is "\001" items joined by "\002"; a map is "\003" entries
# "key\004value" joined by "\002".  Items and entry values are scalars
# (or short inline maps, which never need more than one line).
function q(s) { return "\"" s "\"" }
function list(s) { return "\001" s }
function map(s) { return "\003" s }
function it(a, b) { return a == "" ? b : a "\002" b }
function kv(k, v) { return k "\004" v }
function strlist(s,   a, k, i, r) {
    k = split(s, a, "|"); r = ""
    for (i = 1; i <= k; i++) r = it(r, q(a[i]))
    return list(r)
}
function reflist(s) { gsub(/\|/, "\002", s); return list(s) }
function spaces(n) { return sprintf("%" n "s", "") }
function ind(d) { return spaces(2 * d) }
function composite(v,   t) { t = substr(v, 1, 1); return t == "\001" || t == "\003" }
function inl(v,   t, n, a, i, r, e) {
    t = substr(v, 1, 1)
    if (t != "\001" && t != "\003") return v
    n = split(substr(v, 2), a, "\002")
    if (n == 0) return t == "\001" ? "[]" : "{}"
    r = ""
    for (i = 1; i <= n; i++) {
        if (t == "\003") { split(a[i], e, "\004"); a[i] = e[1] " = " e[2] }
        r = r (i > 1 ? ", " : "") a[i]
    }
    return t == "\001" ? "[" r "]" : "{ " r " }"
}
# v as djaz prints it when it starts at column col of a line at depth d.
function render(v, col, d,   t, s, n, a, i, e, w) {
    if (!composite(v)) return v
    s = inl(v)
    if (col + length(s) <= 80 || length(v) == 1) return s
    t = substr(v, 1, 1)
    n = split(substr(v, 2), a, "\002")
    if (t == "\001") {
        s = "["
        for (i = 1; i <= n; i++) s = s "\n" ind(d + 1) a[i] ","
        return s "\n" ind(d) "]"
    }
    w = 0
    for (i = 1; i <= n; i++) { split(a[i], e, "\004"); if (length(e[1]) > w) w = length(e[1]) }
    s = "{"
    for (i = 1; i <= n; i++) {
        split(a[i], e, "\004")
        s = s "\n" ind(d + 1) e[1] spaces(w - length(e[1])) " = " e[2]
    }
    return s "\n" ind(d) "}"
}

# ---- statements: the canonical layout of compiler/syntax/fmt.c ------
# Attributes are buffered as a run (comments inside a run do not break
# it) and aligned on `=` when the run ends.  A blank line is printed only
# between two statements of a body, never after `{` or before `}`.
function out(s,   t) { t = s; print s; lines += 1 + gsub(/\n/, "", t) }
function gap() { if (pend && !fresh) out(""); pend = 0; fresh = 0 }
function attr(h, v, tc) { if (!rn) gap(); rn++; rk[rn] = "a"; rh[rn] = h; rv[rn] = v; rt[rn] = tc }
function flush(   i, w, line) {
    w = 0
    for (i = 1; i <= rn; i++) if (rk[i] == "a" && length(rh[i]) > w) w = length(rh[i])
    for (i = 1; i <= rn; i++) {
        if (rk[i] == "c") { out(ind(depth) rh[i]); continue }
        line = ind(depth) rh[i] spaces(w - length(rh[i])) " = " render(rv[i], 2 * depth + w + 3, depth)
        if (rt[i] != "") line = line "  " rt[i]
        out(line)
    }
    rn = 0
}
function blank() { flush(); pend = 1 }
function comment(c) { flush(); gap(); out(ind(depth) c) }
function bopen(h) { flush(); gap(); out(ind(depth) h " {"); depth++; fresh = 1 }
function bclose() { flush(); pend = 0; fresh = 0; depth--; out(ind(depth) "}") }
function decl(h) { flush(); gap(); out(ind(depth) h) }
function stmt(s) { decl(s) }
function empty(h) { flush(); gap(); out(ind(depth) h " {}") }
# A block of one attribute: on one line when it fits.
function block1(h, a, v,   line) {
    flush()
    line = ind(depth) h " { " a " = " inl(v) " }"
    if (length(line) <= 80) { gap(); out(line) }
    else { bopen(h); attr(a, v); bclose() }
}

# ---- the content ----------------------------------------------------
function service(i,   n, dash, k, j, r, reg, s) {
    n = pick("shop|orders|billing|search|auth|media|reports|inventory|payments|notify|catalog|reviews") "_" i
    dash = n; gsub(/_/, "-", dash)
    reg = pick("westeurope|northeurope|southeastasia|eastus2|francecentral|uksouth|japaneast")

    blank()
    comment("# Service " n ": " pick("the storefront|orders and checkout|invoices and refunds|full-text search|accounts and sessions|uploads and thumbnails|nightly reports|stock levels|card payments|e-mail and SMS|the product catalogue|customer reviews") ", " pick("ASGI under gunicorn|WSGI, no websockets|ASGI with websockets|WSGI behind Front Door") ".")
    bopen("app " n)
    attr("python", q(pick("3.11|3.12|3.13")))
    attr("django", q(pick("4.2|5.1|5.2")))
    attr("package", q(n), chance(30) ? "# where settings.py, asgi.py live" : "")
    attr("sources", strlist(n "|common" (chance(40) ? "|tools" : "")), chance(20) ? "# linted and security-scanned" : "")
    attr("region", q(reg))
    attr("resource_group", q(dash "-rg"))
    if (chance(50)) attr("depends_on", reflist("database." n "|storage." n))
    blank()
    comment("# Runtime pinned; dev and test float.")
    bopen("requirements")
    r = "django==" pick("5.2.8|5.1.4|4.2.17") "|psycopg2-binary==2.9.10|gunicorn==23.0.0"
    if (chance(70)) r = r "|django-storages[azure]==1.14.6|uvicorn==0.32.1|uvicorn-worker==0.3.0"
    if (chance(60)) r = r "|azure-monitor-opentelemetry==1.8.1|whitenoise==6.8.2"
    if (chance(30)) r = r "|celery[redis]==5.4.0"
    attr("runtime", strlist(r))
    attr("dev", strlist("black|flake8" (chance(50) ? "|mypy|django-stubs" : "")))
    attr("test", strlist("pytest|pytest-django" (chance(50) ? "|pytest-cov|tox" : "")))
    bclose()
    blank()
    bopen("server")
    attr("kind", pick("asgi|wsgi"))
    attr("timeout", sprintf("%d", 30 + 30 * rnd(4)))
    attr("workers", sprintf("%d", 2 + rnd(7)))
    if (chance(40)) attr("threads", sprintf("%d", 1 + rnd(4)))
    attr("preload", pick("true|false"))
    block1("health", "path", q(pick("/healthz|/health/|/-/ready|/status")))
    if (chance(50)) {
        bopen("probe liveness")
        attr("interval", sprintf("%d", 5 * (1 + rnd(6))))
        attr("threshold", sprintf("0.%d", 5 + rnd(5)))
        attr("grace", sprintf("%d", 10 * rnd(7)))
        bclose()
    }
    bclose()
    blank()
    attr("setting DJANGO_HOST", q(dash "-${env.name}.azurewebsites.net"))
    attr("setting ALLOWED_HOSTS", strlist(dash ".example.com|www." dash ".example.com"))
    attr("setting TIME_ZONE", q(pick("UTC|Europe/Paris|Asia/Singapore|America/New_York")))
    if (chance(40)) attr("setting BANNER", q("Welcome to \\\"" n "\\\" (${env.name})\\n"))
    if (chance(30)) attr("setting LOG_FORMAT", q("%(asctime)s\\t%(levelname)s\\t%(message)s"))
    if (chance(25)) attr("setting TEMPLATE_HINT", q("write \\${name} for a literal; costs $5"))
    attr("setting DEBUG", pick("off|false"), chance(30) ? "// never on outside development" : "")
    secret_key(n)
    if (chance(60)) decl("secret STRIPE_KEY")
    if (chance(30)) decl("secret SENTRY_DSN")
    block1("editor vscode", "launch", reflist(pick("runserver|runserver|test") "|migrate"))
    bclose()
    if (lines >= target) return

    blank()
    database(n, reg)
    if (lines >= target) return
    blank()
    storage(n, dash)
    if (lines >= target) return
    if (chance(70)) { blank(); monitor(n, dash); if (lines >= target) return }
    if (chance(50)) { blank(); network(n, i); if (lines >= target) return }
    blank()
    env(n, "staging", "P1V2", "master", 1)
    if (lines >= target) return
    blank()
    env(n, "production", pick("P2V2|P3V2|P1V3"), "release", 2 + rnd(3))
    if (lines >= target) return
    blank()
    comment("# Pushes to an environment branch deploy it; pull requests only test.")
    bopen("ci " n " github")
    attr("auth", "oidc")
    attr("security_scan", pick("on|off"))
    if (chance(50)) attr("matrix", strlist("3.11|3.12|3.13"))
    bclose()
    if (lines >= target) return
    if (chance(40)) { blank(); block1("ci " n " azure_pipelines", "service_connection", q(dash)); if (lines >= target) return }
    if (chance(60)) { blank(); access(n, i); if (lines >= target) return }
    if (chance(50)) { blank(); load(n) }
}
function secret_key(n) {
    if (chance(70)) { block1("secret SECRET_KEY", "generate", sprintf("%d", 50 + 10 * rnd(3))); return }
    bopen("secret SECRET_KEY")
    attr("generate", "50")
    attr("rotate_days", sprintf("%d", 30 * (1 + rnd(6))))
    attr("vault", q(n "-kv"))
    bclose()
}
function database(n, reg,   k, j) {
    comment("# PostgreSQL Flexible Server; migrations run once per release.")
    bopen("database " n)
    attr("engine", "postgres")
    attr("version", sprintf("%d", 15 + rnd(3)))
    attr("sku", pick("Standard_B1ms|Standard_B2s|Standard_D2ds_v5|Standard_D4ds_v5"))
    attr("name", q(n))
    attr("cache", pick("database|redis|none"), chance(30) ? "# DatabaseCache in cache_table" : "")
    attr("storage_gb", sprintf("%d", 32 * (1 + rnd(8))))
    attr("high_availability", pick("on|off"))
    attr("backup", map(it(kv("retention_days", sprintf("%d", 7 * (1 + rnd(5)))), kv("geo_redundant", pick("on|off")))))
    if (chance(30)) attr("parameters", map(it(it(it(kv("max_connections", sprintf("%d", 100 + 50 * rnd(5))), \
        kv("work_mem", q(sprintf("%dMB", 4 * (1 + rnd(8)))))), kv("log_min_duration_statement", sprintf("%d", 250 * (1 + rnd(4))))), \
        kv("\"pg_stat_statements.track\"", q("all")))))
    blank()
    block1("firewall", "office", q(sprintf("203.0.113.%d", 1 + rnd(254))))
    k = rnd(3)
    for (j = 1; j <= k; j++) {
        bopen("replica read_" j)
        attr("region", q(pick("northeurope|westeurope|eastus|southeastasia|uksouth")))
        attr("sku", pick("Standard_B2s|Standard_D2ds_v5"))
        attr("lag_alert_seconds", sprintf("%d.%d", 1 + rnd(30), rnd(10)))
        bclose()
    }
    bclose()
}
function storage(n, dash,   acct) {
    acct = n; gsub(/_/, "", acct)
    comment("# Static files and media behind Front Door; `no-cache` requests bypass it.")
    bopen("storage " n)
    attr("account", q(acct "${env.name}"))
    attr("containers", map(it(kv("static", q("static")), kv("media", q("media")))))
    attr("cdn", pick("on|on|off"))
    attr("cdn_bypass_no_cache", pick("on|off"))
    attr("max_upload_mb", sprintf("%d", 5 * (1 + rnd(20))))
    if (chance(50)) attr("headers", map(it(it(it(kv("\"Cache-Control\"", q("public, max-age=31536000, immutable")), \
        kv("\"X-Content-Type-Options\"", q("nosniff"))), kv("\"Referrer-Policy\"", q("same-origin"))), \
        kv("\"Content-Security-Policy\"", q("default-src '\''self'\''; img-src '\''self'\'' data:")))))
    if (chance(40)) attr("cors", map(it(kv("origins", q("https://" dash ".example.com")), kv("max_age", "3600"))))
    if (chance(30)) attr("lifecycle", list(it(it(inl(map(it(kv("prefix", q("media/tmp/")), kv("days", "1")))), \
        inl(map(it(kv("prefix", q("media/exports/")), kv("days", "30"))))), inl(map(it(kv("prefix", q("logs/")), kv("days", "90")))))))
    bclose()
}
function monitor(n, dash) {
    comment("# Workspace-based Application Insights through OpenTelemetry.")
    bopen("monitor " n)
    attr("insights", "on")
    attr("dashboard", reflist("cpu|memory|requests|response_time" (chance(50) ? "|database|storage|queue_length" : "")))
    attr("sampling", sprintf("0.%d", 1 + rnd(9)))
    attr("log_path", q("D:\\\\home\\\\LogFiles\\\\" n))
    attr("retention_days", sprintf("%d", 30 * (1 + rnd(12))))
    if (chance(50)) {
        blank()
        bopen("alert slow_requests")
        attr("metric", "response_time")
        attr("above", sprintf("%d", 500 + 100 * rnd(20)))
        attr("window", q(sprintf("%dm", 5 * (1 + rnd(6)))))
        attr("notify", strlist("ops@" dash ".example.com|" pick("oncall|sre|web") "@example.com"))
        bclose()
    }
    if (chance(40)) block1("alert errors", "above", sprintf("%d", 1 + rnd(50)))
    bclose()
}
function network(n, i,   k, j) {
    comment("# A private network: the site, the database and storage talk inside it.")
    bopen("network " n)
    attr("private", "on")
    attr("address_space", strlist(sprintf("10.%d.0.0/16", i % 250)))
    bopen("subnet web")
    attr("prefix", q(sprintf("10.%d.1.0/24", i % 250)))
    attr("delegate", strlist("Microsoft.Web/serverFarms"))
    attr("service_endpoints", strlist("Microsoft.Storage|Microsoft.KeyVault|Microsoft.Sql"))
    bopen("nsg inbound")
    attr("allow", reflist("https|health_probe"))
    attr("deny", reflist("ssh|rdp"))
    block1("rule office", "source", q(sprintf("203.0.113.%d/32", 1 + rnd(254))))
    bclose()
    bclose()
    bopen("subnet data")
    attr("prefix", q(sprintf("10.%d.2.0/24", i % 250)))
    attr("private_dns", pick("true|false"))
    bclose()
    bclose()
}
function env(n, name, plan, branch, inst) {
    bopen("env " n " " name)
    attr("plan", plan)
    attr("branch", q(branch))
    if (inst > 1) attr("instances", sprintf("%d", inst))
    if (chance(60)) attr("settings", map(it(it(kv("DJANGO_LOG_LEVEL", q(name == "production" ? "WARNING" : "INFO")), \
        kv("FEATURE_FLAGS", q(pick("checkout_v2,search_v3|none|beta_banner")))), kv("SITE_NAME", q(n " (" name ")")))))
    if (name == "production" && chance(50)) {
        bopen("autoscale")
        attr("min", sprintf("%d", inst))
        attr("max", sprintf("%d", inst * 4))
        attr("cpu_above", sprintf("0.%d", 6 + rnd(3)))
        attr("scale_in_after", q("15m"))
        bclose()
    }
    bclose()
}
function access(n, i,   p) {
    comment("# Fixtures, and which paths need a login.")
    bopen("test " n " access")
    attr("fixture", q("tests/data/" n ".json"))
    p = "/" pick("products|orders|invoices|reports|account") "/"
    attr("login_required", strlist(p "|" p "1|" p "1/edit"))
    attr("login_url", q("/login"))
    attr("users_allowed", strlist(p "|" p "1"))
    attr("expect_contains", q(pick("cheese|Caf\303\251 cr\303\250me|\342\202\254 12.50|Order #1")))
    bclose()
}
function load(n) {
    comment("# locust against the busiest paths.")
    bopen("load " n)
    attr("users", sprintf("%d", 50 * (1 + rnd(8))))
    attr("spawn_rate", sprintf("%d", 1 + rnd(5)))
    attr("wait", list(it(sprintf("%d", 1 + rnd(5)), sprintf("%d", 10 + rnd(10)))))
    attr("paths", strlist("/|/products/|/search?q=" pick("tea|shoes|lamp")))
    attr("headless", "true")
    bclose()
}

BEGIN {
    fresh = 1
    comment("# A generated spec for the djaz benchmark (tests/bench/gen_spec.sh " target ").")
    comment("# It is shaped like examples/django-on-azure/app.djaz, repeated for many")
    comment("# services; the same line count always gives the same file.")
    blank()
    stmt("djaz 1")
    stmt("import \"std/azure/hardened\"")
    stmt("import \"std/django/defaults\"  # settings every service shares")
    stmt("import \"std/azure/regions\"")
    for (i = 1; lines < target; i++) service(i)
    flush()
}' >"$2"

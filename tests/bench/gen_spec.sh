#!/usr/bin/env bash
# Generates a benchmark spec: tests/bench/gen_spec.sh N OUT.djaz
#
# Writes a valid spec of about N lines: `djaz check` binds it to the
# schema, resolves each of its four environments and lints them, and
# reports nothing; `djaz fmt --check` finds nothing to change.  It is one
# Django application as examples/django-on-azure/app.djaz describes one,
# grown to N lines where a large spec grows:
#
#   app shop            scalars, `requirements` (a long pinned runtime
#                       list), `server`, `site`, `editor vscode`, then
#                       many `setting NAME = "..."` lines in commented
#                       groups (interpolations of ${env.name}, ${app.name}
#                       and other blocks' attributes, a few references,
#                       escapes, UTF-8), with groups of `secret NAME`
#                       blocks (generate, keyvault, ci) between them
#   database main       one `firewall` with many named addresses and
#                       ranges, in commented groups
#   network, storage assets, monitor, ci github, ci azure_pipelines
#   test NAME           many, with path lists (long on large specs)
#   tox, load
#   env dev, qa, staging, production
#                       plan, branch, instances and overrides: nested
#                       `database main { ... }` and `app shop { ... }`,
#                       dotted `app.debug = off`; DEBUG is on only in
#                       `dev`, which is marked `development = on`
#
# with `#` and `//` comments throughout, whole-line and trailing.  Of
# the lines after the skeleton (a small N gives the skeleton alone, about
# 220 lines), settings take 55%, secrets 7%, requirements 7%, the
# firewall 8% and tests the rest.
#
# The cap.  Optionally ($GEN_SPEC_CAP, 0 = none, the default) no body
# gets more than CAP settings, CAP/4 secrets, CAP/2 firewall entries or
# CAP/2 tests; past the cap the tests' path lists take the lines.  It
# bounded the benchmark while djaz found attributes by walking their body
# (quadratic in a body's size, before it indexed them); it remains for
# comparing shapes.
#
# Every choice is drawn from a Park-Miller generator with a fixed seed,
# exact in any POSIX awk, so the same N and cap give the same bytes.
# Statement heads (setting names, secret names, firewall entries, test
# names) are unique within each body, so tests/bench/gen_json.sh writes
# the spec as JSON without duplicate keys.
set -euo pipefail
usage() { echo "usage: gen_spec.sh N OUT.djaz  (N: lines, a positive integer)" >&2; exit 2; }
(($# == 2)) || usage
[[ $1 =~ ^[1-9][0-9]{0,7}$ ]] || usage
cap=${GEN_SPEC_CAP:-0}
[[ $cap =~ ^(0|[1-9][0-9]{0,7})$ ]] ||
  { echo "gen_spec.sh: GEN_SPEC_CAP must be a whole number (0: no cap), not \`$cap'" >&2; exit 2; }
export LC_ALL=C

awk -v target="$1" -v cap="$cap" -v seed=20260417 '
# ---- deterministic choices -------------------------------------------
function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
function pick(s,   a, k) { k = split(s, a, "|"); return a[rnd(k) + 1] }
# pick with another separator, for choices that contain `|`
function pick_sep(s, sep,   a, k) { k = split(s, a, sep); return a[rnd(k) + 1] }
function chance(pct) { return rnd(100) < pct }
function fail(msg) { printf "gen_spec.sh: %s\n", msg > "/dev/stderr"; failed = 1; exit 1 }
function lower(s) { return tolower(s) }
function dashed(s) { s = tolower(s); gsub(/_/, "-", s); return s }
# A name not used before in scope `sc`: `base`, else base_2, base_3...
# (base-2, ... when sep is "-")
function unique(sc, base, sep,   n) {
    n = ++used[sc, base]
    return n == 1 ? base : base (sep == "" ? "_" : sep) n
}

# ---- the secret lint, so that the spec stays clean --------------------
# compiler/lint/secrets.c: a setting named like a secret, or a string
# that looks like a key (32+ characters of base64 with both cases and
# digits, or a known prefix), is an error.
function check_setting(name, v,   t) {
    if (name ~ /SECRET|PASSW|TOKEN|KEY|CREDENTIAL|CONNECTION_STRING/)
        fail("setting " name ": the secret lint would flag the name")
    t = v; gsub(/^"|"$/, "", t)
    if (tolower(t) ~ /-----begin|accountkey=|sharedaccesssignature=|password=|pwd=|ghp_|github_pat_|xox[bp]-|sk_live_/ ||
        (length(t) >= 32 && t ~ /^[A-Za-z0-9+\/=_-]+$/ && t ~ /[A-Z]/ && t ~ /[a-z]/ && t ~ /[0-9]/))
        fail("setting " name ": the secret lint would flag the value " v)
}

# ---- values: composites are encoded, rendered when printed ------------
# A list is "\001" items joined by "\002"; a map is "\003" entries
# "key\004value" joined by "\002".  Items and entry values are scalars.
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
function spaces(n) { return n > 0 ? sprintf("%" n "s", "") : "" }
function ind(d) { return spaces(2 * d) }
# Width in characters, as djaz counts it: UTF-8 continuation bytes are
# not characters.
function width(s,   t) { t = s; return length(s) - gsub(/[\200-\277]/, "", t) }
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
# v as djaz prints it when it starts at column col of a line at depth d:
# on one line when it fits in 80 columns, else one item per line.
function render(v, col, d,   t, s, n, a, i, e, w) {
    if (!composite(v)) return v
    s = inl(v)
    if (col + width(s) <= 80 || length(v) == 1) return s
    t = substr(v, 1, 1)
    n = split(substr(v, 2), a, "\002")
    if (t == "\001") {
        s = "["
        for (i = 1; i <= n; i++) s = s "\n" ind(d + 1) a[i] ","
        return s "\n" ind(d) "]"
    }
    w = 0
    for (i = 1; i <= n; i++) { split(a[i], e, "\004"); if (width(e[1]) > w) w = width(e[1]) }
    s = "{"
    for (i = 1; i <= n; i++) {
        split(a[i], e, "\004")
        s = s "\n" ind(d + 1) e[1] spaces(w - width(e[1])) " = " e[2]
    }
    return s "\n" ind(d) "}"
}

# ---- statements: the canonical layout of compiler/syntax/fmt.c --------
# The statements of a body are buffered up to the next blank line or
# block, then printed.  Attributes align on `=` across a run that only
# another statement or a blank line ends (a comment line does not);
# trailing comments align across a run of one-line statements that a
# comment line, a blank line or a statement of several lines ends.  A
# blank line is printed only between two statements of a body, never
# after `{` or before `}`.
function out(s,   t) {
    if (pend && !fresh) { print ""; lines++ }
    pend = 0; fresh = 0
    print s
    t = s; lines += 1 + gsub(/\n/, "", t)
}
function attr(h, v, tc) { nb++; bk[nb] = "a"; bh[nb] = h; bv[nb] = v; bt[nb] = tc }
function comment(c) { nb++; bk[nb] = "c"; bh[nb] = c; bt[nb] = "" }
function stmt(s, tc) { nb++; bk[nb] = "s"; bh[nb] = s; bt[nb] = tc }
function group_out(   i, col) {
    col = 0
    for (i = 1; i <= ng; i++) if (gc[i] != "" && width(gl[i]) > col) col = width(gl[i])
    for (i = 1; i <= ng; i++)
        out(ind(depth) gl[i] (gc[i] == "" ? "" : spaces(col - width(gl[i]) + 2) gc[i]))
    ng = 0
}
function flush(   i, j, k, w, txt) {
    for (i = 1; i <= nb; i = j) {
        j = i + 1
        if (bk[i] != "a") continue
        w = 0
        for (j = i; j <= nb && bk[j] != "s"; j++)
            if (bk[j] == "a" && width(bh[j]) > w) w = width(bh[j])
        for (k = i; k < j; k++) pad[k] = w
    }
    for (i = 1; i <= nb; i++) {
        if (bk[i] == "c") { group_out(); out(ind(depth) bh[i]); continue }
        txt = bh[i]
        if (bk[i] == "a")
            txt = txt spaces(pad[i] - width(txt)) " = " render(bv[i], 2 * depth + pad[i] + 3, depth)
        ng++; gl[ng] = txt; gc[ng] = bt[i]
        if (index(txt, "\n")) {
            if (bt[i] != "") fail("a trailing comment after a value of several lines")
            group_out()
        }
    }
    group_out()
    nb = 0
}
function blank() { flush(); pend = 1 }
function bopen(h) { flush(); out(ind(depth) h " {"); depth++; fresh = 1 }
function bclose() { flush(); pend = 0; depth--; out(ind(depth) "}") }
# A block of one attribute: on one line when it fits, as djaz prints it.
function block1(h, a, v, tc,   s) {
    s = h " { " a " = " inl(v) " }"
    if (2 * depth + width(s) <= 80) { stmt(s, tc); return }
    if (tc != "") fail("a trailing comment after a block of several lines")
    bopen(h); attr(a, v); bclose()
}
# Lines written so far, counting what is buffered as one line each.
function at() { return lines + nb }

# ---- the application ---------------------------------------------------
function header() {
    comment("# A generated spec for the djaz benchmark (tests/bench/gen_spec.sh " target ").")
    comment("# One Django application on Azure, shaped like")
    comment("# examples/django-on-azure/app.djaz and grown where large specs grow:")
    comment("# settings, secrets, requirements, firewall rules and tests.  The same")
    comment("# line count always gives the same file.")
    blank()
    stmt("djaz 1")
    blank()
    comment("// The hardened preset is in the prelude already; importing it again")
    comment("// documents the intent, as the example does.")
    stmt("import \"std/azure/hardened\"")
    stmt("import \"std/azure/regions\"", "# the region table `region` is checked against")
}

# Runtime requirements: real pins first (versions without a known
# advisory in the stdlib), then the shop'"'"'s own packages.
function requirements(n,   r, i, base, p) {
    r = "django==5.2.18|django-storages[azure]==1.14.6|psycopg2-binary==2.9.10|gunicorn==23.0.0"
    r = r "|uvicorn==0.32.1|uvicorn-worker==0.3.0|azure-monitor-opentelemetry==1.8.1|azure-identity==1.19.0"
    r = r "|azure-storage-blob==12.24.0|requests==2.32.4|urllib3==2.7.0|whitenoise==6.8.2|celery[redis]==5.4.0"
    r = r "|redis==5.2.1|django-redis==5.4.0|djangorestframework==3.15.2|django-filter==24.3"
    r = r "|django-cors-headers==4.6.0|pillow==11.0.0|python-dateutil==2.9.0.post0"
    r = r "|tomli==2.2.1; python_version < \\\"3.11\\\"|structlog==24.4.0|sentry-sdk[django]==2.19.2"
    p = split(r, base, "|")
    r = ""
    for (i = 1; i <= n; i++) {
        if (i <= p) { r = it(r, q(base[i])); continue }
        r = it(r, q(unique("req", "acme-" pick("orders|billing|search|catalog|stock|pricing|tax|shipping|loyalty|reviews|media|reports|audit|notify") \
            "-" pick("client|sdk|models|utils|schemas|tasks|signals|admin|api|widgets"), "-") \
            (chance(8) ? "[" pick("async|extras|cli|test") "]" : "") \
            "==" (1 + rnd(6)) "." rnd(20) "." rnd(12)))
    }
    blank()
    comment("# The three requirements files: runtime pinned, dev and test floating.")
    bopen("requirements")
    attr("runtime", list(r))
    attr("dev", strlist("black|flake8|isort|mypy|django-stubs|ruff"))
    attr("test", strlist("pytest|pytest-django|pytest-cov|tox|locust|factory-boy"))
    bclose()
}

# One `setting` value: what a name of this kind holds.
function value(word, pre, d) {
    if (word == "TIMEOUT" || word == "TTL") return q(5 * (1 + rnd(60)))
    if (word == "RETRIES" || word == "WORKERS") return q(1 + rnd(8))
    if (word == "BATCH_SIZE" || word == "PAGE_SIZE") return q(50 * (1 + rnd(20)))
    if (word == "ENABLED" || word == "DRY_RUN") return q(pick("true|false|on|off"))
    if (word == "LOG_LEVEL") return q(pick("DEBUG|INFO|WARNING|ERROR"))
    if (word == "RATE") return q("0." rnd(10) (1 + rnd(9)))
    if (word == "URL") return q("https://" d "-${env.name}.example.com/" pick("v1|v2|api/v3|hooks"))
    if (word == "HOST") return q(d ".${env.name}.internal")
    if (word == "WEB_HOST") return q("${app.name}.azurewebsites.net")
    if (word == "ORIGINS") return q("https://${app.name}.azurewebsites.net,https://www.example.com")
    if (word == "QUEUE") return q(d "-${env.name}-" pick("high|default|low|bulk"))
    if (word == "REGION") return q(pick("${app.region}|westeurope|northeurope|francecentral|swedencentral"))
    if (word == "CONTAINER") return q(pick("media|static|exports|${env.name}-uploads"))
    if (word == "ACCOUNT") return q("${storage.assets.account}")
    if (word == "BLOB_URL") return q("https://${storage.assets.account}.blob.core.windows.net/" pick("media|static"))
    if (word == "DB_HOST") return q("${database.main.server}.postgres.database.azure.com")
    if (word == "DB_NAME") return "database.main.name"
    if (word == "PLAN") return q("${env.plan} in ${env.name}")
    if (word == "PATH") return q(pick("/home/site/" lower(pre) "|D:\\\\home\\\\data\\\\" lower(pre) "|/tmp/" lower(pre) "-${env.name}"))
    if (word == "SENDER") return q("\\\"" pick("Shop|Orders|Billing|Support") "\\\" <noreply-${env.name}@example.com>")
    if (word == "TEMPLATE") return q(pick("Hello {name},\\nyour order {order} has shipped.\\n|Total:\\t{amount}\\nVAT:\\t{vat}|Dear {name}, \\\"{title}\\\" is back in stock."))
    if (word == "PATTERN") return q(pick_sep("^/(api|admin)/.*$~^\\\\d{4}-\\\\d{2}-\\\\d{2}$~\\${HOME}/cache/*.tmp~$1 off, $5 off", "~"))
    if (word == "FORMAT") return q(pick("\342\202\254 {amount}|{amount} K\304\215|{amount}\\u{a0}CHF|\302\243{amount}|{amount} z\305\202"))
    if (word == "GREETING") return q(pick("Caf\303\251 cr\303\250me|Gr\303\274\303\237 Gott|\343\201\223\343\202\223\343\201\253\343\201\241\343\201\257|Bon app\303\251tit!|zero\\u{200b}width"))
    if (word == "CRON") return q(pick("0 3 * * *|*/15 * * * *|30 2 * * 1|0 */6 * * *"))
    if (word == "JSON") return q("{\\\"retries\\\": " (1 + rnd(5)) ", \\\"backoff\\\": 0." (1 + rnd(9)) "}")
    return q(pick("on|off|none|default|strict|lax|" lower(pre)))
}

function settings_group(   pre, d, k, i, word, name, v, tc, c) {
    pre = pick("SITE|SHOP|ORDERS|BILLING|SEARCH|CATALOG|INVENTORY|PAYMENTS|NOTIFY|EMAIL|SMS|CELERY|MEDIA|REPORTS|AUTH|SESSION|FEATURE|RATE_LIMIT|CDN|WEBHOOK|EXPORT|I18N|AUDIT|SHIPPING")
    d = dashed(pre)
    blank()
    comment("# " pick("Settings of|Environment of|Tuning for|What the code reads for") " " lower(pre) ": " \
        pick("timeouts, queues and hosts.|read once at start-up.|one per environment where ${env.name} appears.|kept in sync with docs/" d ".md."))
    k = 3 + rnd(22)
    for (i = 1; i <= k && nset < maxset; i++) {
        word = pick("TIMEOUT|TTL|RETRIES|WORKERS|BATCH_SIZE|PAGE_SIZE|ENABLED|DRY_RUN|LOG_LEVEL|RATE|URL|HOST|WEB_HOST|ORIGINS|QUEUE|REGION|CONTAINER|ACCOUNT|BLOB_URL|DB_HOST|DB_NAME|PLAN|PATH|SENDER|TEMPLATE|PATTERN|FORMAT|GREETING|CRON|JSON|MODE|BACKEND|STRATEGY")
        name = unique("setting", pre "_" word)
        v = value(word, pre, d)
        check_setting(name, v)
        tc = ""
        if (chance(7) && v !~ /[\200-\377]/) {
            if (word == "TIMEOUT" || word == "TTL") tc = pick("# seconds|# seconds; see ADR-" (10 + rnd(90)))
            else if (v ~ /[$][{]/) tc = pick("# expanded per environment|// one value per env")
            else tc = pick("# see ADR-" (10 + rnd(90)) "|// read by the worker too|# as in the old settings.py|# changed in the 2026 outage review")
        }
        if (chance(4)) comment("# " pick("the next ones are read by the " d " worker only|kept for the old mobile app|see docs/settings.md|added in release 2026." (1 + rnd(12))))
        attr("setting " name, v, tc)
        nset++
    }
}

function secrets_group(   k, i, pre, name, f, tc) {
    blank()
    comment("# " pick("Secrets: made at the first deploy or kept in Key Vault, never written here.|Credentials of the services the shop calls; Key Vault holds them.|CI provides these through its own secret store."))
    k = 2 + rnd(8)
    for (i = 1; i <= k && nsec < maxsec; i++) {
        pre = pick("STRIPE|SENDGRID|TWILIO|ALGOLIA|SENTRY|MAPS|CARRIER|ERP|CRM|PIM|ORDERS|BILLING|WEBHOOK|OAUTH|S3_MIRROR")
        name = unique("secret", pre "_" pick("API_KEY|TOKEN|CLIENT_SECRET|SIGNING_KEY|PASSWORD|WEBHOOK_SECRET|ACCESS_KEY"))
        f = rnd(100)
        tc = chance(10) ? pick("# rotated yearly|# owned by the payments team|// see the runbook") : ""
        if (f < 45) block1("secret " name, "generate", 32 + 2 * rnd(48), tc)
        else if (f < 75) block1("secret " name, "from", "keyvault", tc)
        else if (f < 85) block1("secret " name, "from", "ci", tc)
        else {
            bopen("secret " name)
            attr("from", "keyvault")
            attr("keyvault_secret", q(dashed(name) "-${env.name}"))
            bclose()
        }
        nsec++
    }
}

function app(   nreq, sbudget, cbudget, s0, c0, slines, clines) {
    blank()
    comment("# The application: one App Service web app per environment.")
    bopen("app shop")
    attr("python", q("3.13"))
    attr("django", q("5.2"))
    attr("package", q("shop"), "# where settings.py, asgi.py live")
    attr("region", q("westeurope"))
    attr("resource_group", q("shop-${env.name}"))
    attr("name", q("shop-web-${env.name}"), "# shop-web-staging.azurewebsites.net, ...")
    attr("debug", "off", "# on only in env dev (development = on)")
    nreq = int(V * 0.07)
    if (nreq < 12) nreq = 12
    requirements(nreq)
    blank()
    comment("# gunicorn with uvicorn workers; migrate runs once per release.")
    bopen("server")
    attr("kind", "asgi")
    attr("workers", 3)
    attr("threads", 2)
    attr("timeout", 120, "# seconds; exports take long")
    bclose()
    blank()
    bopen("site")
    attr("ftps_state", "disabled")
    attr("https_only", "on")
    attr("min_tls_version", q("1.2"))
    attr("always_on", "on")
    bclose()
    blank()
    block1("editor vscode", "launch", reflist("runserver|migrate|test|shell"))
    stmt("secret SECRET_KEY { generate = 50 }", "# Django signs sessions with it")
    used["secret", "SECRET_KEY"] = 1
    # settings and secret groups, interleaved in proportion to their budgets
    sbudget = V * 0.55; cbudget = V * 0.07
    slines = 0; clines = 0
    while ((slines < sbudget && nset < maxset) || (clines < cbudget && nsec < maxsec)) {
        s0 = at()
        if ((clines < cbudget && nsec < maxsec) && (slines >= sbudget || nset >= maxset || clines / cbudget < slines / sbudget)) {
            secrets_group(); flush(); clines += at() - s0
        } else {
            settings_group(); flush(); slines += at() - s0
        }
    }
    bclose()
}

# ---- the other blocks ----------------------------------------------------
function address(   a, b, c) {
    a = pick("20|40|51|52|62|81|85|91|94|145|185|193|194|195|212|213|217")
    b = rnd(256); c = rnd(256)
    if (chance(15)) return q(a "." b "." c ".0-" a "." b "." c ".255")
    return q(a "." b "." c "." (1 + rnd(254)))
}
function database(   budget, s0, k, i, name, tc) {
    blank()
    comment("# PostgreSQL Flexible Server; its firewall names every client address.")
    bopen("database main")
    attr("engine", "postgres")
    attr("version", 17)
    attr("sku", "Standard_B2s")
    attr("storage_gib", 64)
    attr("name", q("shop"))
    attr("server", q("shop-db-${env.name}"))
    attr("cache", "database", "# DatabaseCache in cache_table")
    blank()
    bopen("firewall")
    budget = V * 0.08
    s0 = at()
    attr("office_hq", q("203.0.113.7"), "# the first rule of the example")
    used["fw", "office_hq"] = 1; nfw = 1
    while (at() - s0 < budget && nfw < maxfw) {
        blank()
        comment("# " pick("Offices|Warehouses and stores|Partners: carriers and payment providers|CI runners and support desks|Analytics and reporting hosts"))
        k = 3 + rnd(20)
        for (i = 1; i <= k && nfw < maxfw; i++) {
            name = unique("fw", pick("office|vpn|partner|ci_runner|support|warehouse|store|datacenter|backup|analytics") "_" \
                pick("berlin|paris|london|dublin|madrid|oslo|warsaw|lisbon|vienna|prague|milan|zurich|brussels|helsinki"))
            tc = chance(6) ? "# ticket OPS-" (1000 + rnd(9000)) : ""
            attr(name, address(), tc)
            nfw++
        }
        flush()
    }
    bclose()
    bclose()
}
function others() {
    blank()
    comment("# The network: public, so the firewall of the database admits its")
    comment("# clients (a private one would deploy no firewall rule: DJZ6031).")
    bopen("network")
    attr("private", "off")
    attr("address_space", q("10.40.0.0/16"))
    bclose()
    blank()
    comment("# Static files and media behind Front Door; one account per environment.")
    bopen("storage assets")
    attr("account", q("shopassets${env.name}"), "# 3 to 24 characters in every env")
    attr("sku", "Standard_ZRS")
    attr("containers", map(it(it(kv("static", q("static")), kv("media", q("media"))), kv("exports", q("shop-exports")))))
    attr("public", strlist("static|media"))
    attr("cdn", "on")
    attr("cdn_kind", "front_door")
    attr("cdn_bypass_no_cache", "on")
    bclose()
    blank()
    comment("# Application Insights through OpenTelemetry, and the dashboard.")
    bopen("monitor")
    attr("insights", "on")
    attr("dashboard", reflist("cpu|memory|requests|response_time|database"))
    attr("alerts", "on")
    bclose()
    blank()
    comment("# Pushes to an environment'"'"'s branch deploy it; pull requests only test.")
    bopen("ci github")
    attr("auth", "oidc")
    attr("security_scan", "on")
    attr("python", strlist("3.12|3.13"))
    bclose()
    blank()
    bopen("ci azure_pipelines")
    attr("service_connection", q("shop-${env.name}"))
    attr("compile_messages", "on")
    attr("pool", q("ubuntu-24.04"))
    bclose()
}

# Paths of a test: n of them under one area of the site.
function paths(area, n,   r, i) {
    r = ""
    for (i = 1; i <= n; i++)
        r = it(r, q("/" area "/" pick("|" i "/|" i "/edit/|" i "/history/|export/?page=" i "|?q=" pick("tea|shoes|lamp|caf%C3%A9") "&page=" i)))
    return list(r)
}
function tests(budget,   t, left, i, per, n, area, name, s0) {
    # how many tests: about one per 12 lines, within the cap
    t = int(budget / 12)
    if (t < 1) t = 1
    if (maxtest && t > maxtest) t = maxtest
    s0 = at()
    for (i = 1; i <= t; i++) {
        left = budget - (at() - s0)
        per = left / (t - i + 1)       # lines for this test
        n = int((per - 9) / 2)         # items per list, one per line when long
        if (n < 1) n = 1
        if (n > 3) n += rnd(3) - 1
        area = pick("products|orders|invoices|reports|account|cart|checkout|admin/shop|api/v2/orders|returns")
        name = pick("access|login|staff|customer|export|api|admin") "_" area
        gsub(/[\/-]/, "_", name)
        name = unique("test", name)
        blank()
        comment("# " pick("Anonymous users are sent to the login page|Customers see only their own|Staff pages need the staff group|Exports need a login") " (" area ").")
        bopen("test " name)
        attr("fixture", q("tests/data/" name ".json"))
        attr("login_required", paths(area, n))
        attr("login_url", q("/accounts/login/"))
        attr("users_allowed", paths(area, n + rnd(2)))
        attr("expect_contains", q(pick("Order #" i "|Caf\303\251 cr\303\250me|\342\202\254 12.50|\\\"" area "\\\"|Invoice " i)))
        bclose()
    }
}
function tail() {
    blank()
    comment("# tox: the app'"'"'s Python and the newest Django, plus lint.")
    bopen("tox")
    attr("python", strlist("3.12|3.13"))
    attr("latest", "true", "# true and false are on and off")
    attr("lint", strlist("flake8 shop|black --check shop|isort --check-only shop|mypy shop|ruff check shop"))
    bclose()
    blank()
    comment("# locust against the busiest pages.")
    bopen("load")
    attr("users", 200)
    attr("spawn_rate", 2.5)
    attr("wait", list(it(1, 5)))
    attr("paths", strlist("/|/products/|/products/?q=tea|/cart/|/checkout/|/api/v2/orders/"))
    attr("host", q("https://${app.name}.azurewebsites.net"))
    bclose()

    blank()
    comment("# The environments.  Each deploys from its branch; overrides follow.")
    bopen("env dev")
    attr("plan", "B1")
    attr("branch", q("develop"))
    attr("instances", 1)
    attr("development", "on", "# DEBUG is allowed here and only here")
    attr("app.debug", "on")
    attr("app.server.workers", 1)
    attr("storage.assets.sku", "Standard_LRS")
    blank()
    block1("monitor", "alerts", "off")
    bclose()

    blank()
    bopen("env qa")
    attr("plan", "P0V3")
    attr("branch", q("qa"))
    attr("instances", 1)
    attr("app.debug", "off")
    blank()
    block1("database main", "sku", "Standard_B1ms")
    bclose()

    blank()
    bopen("env staging")
    attr("plan", "P1V2")
    attr("branch", q("main"))
    attr("instances", 2)
    attr("max_instances", 4)
    attr("app.debug", "off")
    blank()
    block1("database main", "sku", "Standard_D2ds_v5")
    bopen("app shop")
    attr("setting STAGING_BANNER", q("This is ${env.name}: orders are not shipped."))
    attr("setting DJANGO_LOG_LEVEL", q("INFO"))
    bclose()
    bclose()

    blank()
    comment("# Production: more instances, a larger database and more clients.")
    bopen("env production")
    attr("plan", "P2V3")
    attr("branch", q("release"))
    attr("instances", 3)
    attr("max_instances", 10)
    attr("app.debug", "off", "# the preset says so too")
    attr("app.server.workers", 4)
    attr("storage.assets.sku", "Standard_GZRS")
    blank()
    bopen("database main")
    attr("sku", "Standard_D4ds_v5")
    attr("storage_gib", 256)
    blank()
    bopen("firewall")
    attr("partner_carrier_eu", q("198.51.100.10"))
    attr("partner_payments", q("198.51.100.32-198.51.100.63"))
    bclose()
    bclose()
    block1("app shop", "setting DJANGO_LOG_LEVEL", q("WARNING"))
    bclose()
    flush()
}

BEGIN {
    # What the skeleton takes; the rest of the N lines is shared out.
    V = target - 250
    if (V < 0) V = 0
    maxset = cap ? cap : 1e9; maxsec = cap ? int(cap / 4) : 1e9
    maxfw = cap ? int(cap / 2) : 1e9; maxtest = cap ? int(cap / 2) + (cap < 2) : 0
    header()
    app()
    database()
    others()
    tests(target - at() - 75)
    tail()
}' >"$2"

#!/usr/bin/env python3
"""Checks a `djaz build` output directory, environment by environment:

  * every row of the article's portal tables (docs/arm.md) holds in the
    template as the environment deploys it: parameters substituted,
    resources whose condition is false left out;
  * no secret value anywhere: securestring parameters have no default and
    are in no parameters file, secrets reach the site only as Key Vault
    references, the database password only as a securestring parameter.

    /usr/bin/python3 tests/arm/check.py OUT [--azure-services-rule]

--azure-services-rule: the spec asks for the 0.0.0.0 rule.  Prints one line
per failure and exits 1 if there is any.
"""
import json
import os
import re
import sys

out = sys.argv[1]
azure_rule = "--azure-services-rule" in sys.argv[2:]
manifest = json.load(open(os.path.join(out, "djaz.json")))
template = json.load(open(os.path.join(out, manifest["template"])))
failures = []
PARAM = re.compile(r"^\[parameters\('([^']+)'\)\]$")


def fail(env, msg):
    failures.append(f"{env}: {msg}")


def split_args(text):
    """The top-level arguments of an expression's argument list."""
    args, depth, quote, start = [], 0, False, 0
    for i, ch in enumerate(text):
        if ch == "'":
            quote = not quote
        elif not quote and ch == "(":
            depth += 1
        elif not quote and ch == ")":
            depth -= 1
        elif not quote and ch == "," and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    args.append(text[start:].strip())
    return args


def evaluate(e, params):
    """The few expressions a value chosen per environment is made of:
    if(equals(parameters('environment'), 'X'), A, B), parameters('p'),
    literals; anything else is returned as written (known, not checked)."""
    m = re.match(r"^if\((.*)\)$", e)
    if m:
        cond, a, b = split_args(m.group(1))
        c = re.match(r"^equals\(parameters\('environment'\), '([^']*)'\)$",
                     cond)
        if c:
            env = params.get("environment", {}).get("value")
            return evaluate(a if env == c.group(1) else b, params)
    m = re.match(r"^parameters\('([^']+)'\)$", e)
    if m:
        return params.get(m.group(1), {}).get("value")
    literals = {"true()": True, "false()": False, "null()": None}
    if e in literals:
        return literals[e]
    if re.match(r"^'([^']|'')*'$", e):
        return e[1:-1].replace("''", "'")
    return "[" + e + "]"


def value(v, params):
    """v as the environment deploys it, where djaz can tell.  ARM reads a
    string as an expression when it starts with [ and ends with ]; "[[" in
    front of such a string stands for one "["; any other string is text."""
    if isinstance(v, str) and v.startswith("[") and v.endswith("]"):
        if v.startswith("[["):
            return v[1:]
        return evaluate(v[1:-1], params)
    return v


def deployed(env, params):
    for r in template["resources"]:
        cond = r.get("condition")
        if cond is not None and value(cond, params) is not True:
            continue
        yield r


def leaf(r):
    """The last segment of a resource's name, if it is written out."""
    m = re.search(r"'/?([^'/]*)'\)\]$|/([^/\[\]']+)$", r["name"])
    return (m.group(1) or m.group(2)) if m else r["name"]


def check_env(env):
    params = json.load(open(os.path.join(out, env["parameters"])))["parameters"]
    rs = list(deployed(env, params))
    by_type = {}
    for r in rs:
        by_type.setdefault(r["type"], []).append(r)
    name = env["name"]

    def one(t):
        got = by_type.get(t, [])
        if len(got) != 1:
            fail(name, f"{len(got)} resources of type {t}, want 1")
            return {}
        return got[0]

    def expect(what, got, want):
        got = value(got, params)
        if got != want:
            fail(name, f"{what}: {got!r}, want {want!r}")

    site = one("Microsoft.Web/sites")
    props = site.get("properties", {})
    cfg = props.get("siteConfig", {})
    expect("FTP State (ftpsState)", cfg.get("ftpsState"), "Disabled")
    expect("Remote Debugging", cfg.get("remoteDebuggingEnabled"), False)
    expect("HTTPS only", props.get("httpsOnly"), True)
    expect("Minimum TLS Version", cfg.get("minTlsVersion"), "1.2")
    expect("SCM minimum TLS version", cfg.get("scmMinTlsVersion"), "1.2")
    expect("identity", site.get("identity", {}).get("type"), "SystemAssigned")
    if not str(cfg.get("linuxFxVersion", "")).startswith("PYTHON|"):
        fail(name, f"linuxFxVersion {cfg.get('linuxFxVersion')!r}")
    expect("startup command", cfg.get("appCommandLine"), "bash startup.sh")
    policies = by_type.get(
        "Microsoft.Web/sites/basicPublishingCredentialsPolicies", [])
    kinds = sorted(leaf(p) for p in policies
                   if value(p["properties"]["allow"], params) is False)
    if kinds != ["ftp", "scm"]:
        fail(name, f"basic-auth publishing off for {kinds}, want ftp and scm")
    plan = one("Microsoft.Web/serverfarms")
    expect("plan kind", plan.get("kind"), "linux")
    expect("plan reserved (Linux)", plan.get("properties", {}).get("reserved"),
           True)

    settings = {}
    for c in by_type.get("Microsoft.Web/sites/config", []):
        if leaf(c) == "appsettings":
            settings = c["properties"]
    known = isinstance(settings, dict)
    if not known:
        settings = {}  # chosen per environment by an expression
    for s in manifest["secrets"]:
        var = s.get("setting")
        ref = str(settings.get(var, ""))
        if var and var in settings and not ref.startswith((
                "@Microsoft.KeyVault(VaultName=",
                "[concat('@Microsoft.KeyVault(VaultName=")):
            fail(name, f"secret {var} is not a Key Vault reference")

    db = by_type.get("Microsoft.DBforPostgreSQL/flexibleServers", [])
    if db:
        pw = db[0]["properties"].get("administratorLoginPassword", "")
        m = PARAM.match(pw)
        if not m or template["parameters"][m.group(1)]["type"] != "securestring":
            fail(name, f"database password {pw!r} is not a securestring")
        configs = {leaf(c): c["properties"] for c in by_type.get(
            "Microsoft.DBforPostgreSQL/flexibleServers/configurations", [])}
        expect("Enforce SSL (require_secure_transport)",
               configs.get("require_secure_transport", {}).get("value"), "on")
        atp = by_type.get("Microsoft.DBforPostgreSQL/flexibleServers/"
                          "advancedThreatProtectionSettings", [])
        expect("Advanced Threat Protection",
               atp[0]["properties"]["state"] if atp else None, "Enabled")
        rules = by_type.get(
            "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", [])
        zero = [r for r in rules
                if r["properties"]["startIpAddress"] == "0.0.0.0"]
        private = value(
            db[0]["properties"]["network"].get("publicNetworkAccess"), params)
        if private == "Disabled":
            if rules:
                fail(name, "firewall rules on a server without public access")
        else:
            if bool(zero) != azure_rule:
                fail(name, f"Allow Access to Azure Services rule: {bool(zero)}")
            if len(rules) - len(zero) < 1:
                fail(name, "no firewall rule for a named client")
        dbs = by_type.get(
            "Microsoft.DBforPostgreSQL/flexibleServers/databases", [])
        if len(dbs) != 1:
            fail(name, f"{len(dbs)} databases, want 1")

    accounts = by_type.get("Microsoft.Storage/storageAccounts", [])
    if accounts:
        p = accounts[0]["properties"]
        expect("storage minimumTlsVersion", p.get("minimumTlsVersion"),
               "TLS1_2")
        expect("storage HTTPS only", p.get("supportsHttpsTrafficOnly"), True)
        containers = by_type.get(
            "Microsoft.Storage/storageAccounts/blobServices/containers", [])
        if len(containers) != len(env.get("containers", {})):
            fail(name, f"{len(containers)} containers, want "
                       f"{len(env.get('containers', {}))}")
        public = [c for c in containers
                  if c["properties"]["publicAccess"] != "None"]
        expect("allowBlobPublicAccess", p.get("allowBlobPublicAccess"),
               bool(public))

    profiles = by_type.get("Microsoft.Cdn/profiles", [])
    for pr in profiles:
        expect("Front Door SKU", pr["sku"]["name"], "Standard_AzureFrontDoor")
    for rule in by_type.get("Microsoft.Cdn/profiles/ruleSets/rules", []):
        cond = rule["properties"]["conditions"][0]["parameters"]
        act = rule["properties"]["actions"][0]
        if (cond.get("selector") != "Cache-Control"
                or cond.get("matchValues") != ["no-cache"]
                or act["name"] != "RouteConfigurationOverride"
                or "cacheConfiguration" in act["parameters"]):
            fail(name, "the no-cache rule does not bypass the cache")
    for ai in by_type.get("Microsoft.Insights/components", []):
        expect("Application Insights ingestion",
               ai["properties"].get("IngestionMode"), "LogAnalytics")
        if known and "APPLICATIONINSIGHTS_CONNECTION_STRING" not in settings:
            fail(name, "no APPLICATIONINSIGHTS_CONNECTION_STRING setting")


def check_secrets():
    secure = {k for k, p in template["parameters"].items()
              if p["type"].lower() in ("securestring", "secureobject")}
    for k in secure:
        if "defaultValue" in template["parameters"][k]:
            fail("template", f"securestring {k} has a default")
    want = {s["parameter"] for s in manifest["secrets"] if "parameter" in s}
    if want != secure:
        fail("template", f"secure parameters {sorted(secure)}, manifest "
                         f"lists {sorted(want)}")
    for env in manifest["environments"]:
        params = json.load(open(os.path.join(out, env["parameters"])))
        for k in params["parameters"]:
            if k in secure:
                fail(env["name"], f"parameters file holds securestring {k}")
    # Values that look like credentials, in any file.
    suspicious = re.compile(r"AccountKey=|SharedAccessSignature|sig=|"
                            r"-----BEGIN|InstrumentationKey=|Password=")
    for root, _, files in os.walk(out):
        for f in files:
            text = open(os.path.join(root, f), encoding="utf-8").read()
            m = suspicious.search(text)
            if m:
                fail(f, f"looks like a credential: {m.group(0)}")
    for r in template["resources"]:
        if r["type"] == "Microsoft.KeyVault/vaults/secrets":
            v = r["properties"]["value"]
            if not (PARAM.match(v) and PARAM.match(v).group(1) in secure
                    or v.startswith("[listKeys(")):
                fail("template", f"Key Vault secret value {v!r}")


for env in manifest["environments"]:
    check_env(env)
check_secrets()
for f in failures:
    print(f"FAIL {out}: {f}")
sys.exit(1 if failures else 0)

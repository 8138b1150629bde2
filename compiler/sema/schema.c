/* schema.c - the block kinds of the language and their attributes.
 *
 * One table per kind, in the order the reference documents them.  The
 * names are those of examples/django-on-azure/app.djaz; every kind the
 * article needs is here.  Secure defaults are not here: they are the
 * stdlib preset std/azure/hardened. */
#include "schema.h"

#include <stdio.h>
#include <string.h>

#define LEN(a)   (sizeof(a) / sizeof((a)[0]))
#define NO_RANGE 1, 0

/* ---- types --------------------------------------------------------- */

static const djz_type T_STRING = {DJZ_TY_STRING, .min = NO_RANGE};
/* A `setting`'s value: it goes to the template's app settings (JSON)
 * only, so control characters are kept, escaped. */
static const djz_type T_TEXT = {DJZ_TY_STRING, .rule = DJZ_RULE_TEXT,
                                .min = NO_RANGE};
static const djz_type T_BOOL = {DJZ_TY_BOOL, .min = NO_RANGE};
static const djz_type T_NUMBER = {DJZ_TY_NUMBER, .min = NO_RANGE};
static const djz_type T_DATE = {DJZ_TY_DATE, .min = NO_RANGE};
static const djz_type T_STRINGS = {DJZ_TY_LIST, &T_STRING, .min = NO_RANGE};

#define INT_RANGE(lo, hi)                                                      \
    {                                                                          \
        DJZ_TY_INT, .min = (lo), .max = (hi)                                   \
    }
#define ENUM(...)                                                              \
    {                                                                          \
        DJZ_TY_ENUM, .names = (const char *const[]){__VA_ARGS__, NULL},        \
                     .min = NO_RANGE                                           \
    }
#define TABLE(kind, what_)                                                     \
    {                                                                          \
        DJZ_TY_TABLE, .table = (kind), .what = (what_), .min = NO_RANGE        \
    }
#define NAMED(rule_, what_)                                                    \
    {                                                                          \
        DJZ_TY_STRING, .rule = (rule_), .what = (what_), .min = NO_RANGE       \
    }

static const djz_type T_PYTHON =
    TABLE("python", "a Python version App Service offers");
static const djz_type T_DJANGO = TABLE("django", "a Django release");
static const djz_type T_REGION = TABLE("region", "an Azure region");
static const djz_type T_PLAN_SKU = TABLE("plan_sku", "an App Service plan SKU");
static const djz_type T_PG_SKU =
    TABLE("pg_sku", "a PostgreSQL Flexible Server SKU");
static const djz_type T_PG_VERSION =
    TABLE("pg_version", "a PostgreSQL major version");
static const djz_type T_PYTHONS = {DJZ_TY_LIST, &T_PYTHON, .min = NO_RANGE};

static const djz_type T_RG =
    NAMED(DJZ_RULE_RESOURCE_GROUP, "a resource group name");
static const djz_type T_ACCOUNT =
    NAMED(DJZ_RULE_STORAGE_ACCOUNT, "a storage account name");
static const djz_type T_WEB_APP = NAMED(DJZ_RULE_WEB_APP, "a web app name");
static const djz_type T_PG_SERVER =
    NAMED(DJZ_RULE_PG_SERVER, "a PostgreSQL server name");
static const djz_type T_PG_DB = NAMED(DJZ_RULE_PG_DATABASE, "a database name");
static const djz_type T_PACKAGE = NAMED(DJZ_RULE_PACKAGE, "a Python module");
static const djz_type T_LINE = NAMED(DJZ_RULE_LINE, "a string, not blank");
static const djz_type T_URL_PATH =
    NAMED(DJZ_RULE_URL_PATH, "a path starting with `/`");
static const djz_type T_URL_PATHS = {DJZ_TY_LIST, &T_URL_PATH, .min = NO_RANGE};
static const djz_type T_HTTP_URL =
    NAMED(DJZ_RULE_HTTP_URL, "a URL such as \"https://shop.example.com\"");
static const djz_type T_REQUIREMENT =
    NAMED(DJZ_RULE_REQUIREMENT, "a requirement");
static const djz_type T_REQUIREMENTS = {DJZ_TY_LIST, &T_REQUIREMENT,
                                        .min = NO_RANGE};
static const djz_type T_BRANCH =
    NAMED(DJZ_RULE_GIT_BRANCH, "a git branch name");
static const djz_type T_TOX_COMMAND =
    NAMED(DJZ_RULE_TOX_COMMAND, "a tox command");
static const djz_type T_TOX_COMMANDS = {DJZ_TY_LIST, &T_TOX_COMMAND,
                                        .min = NO_RANGE};
static const djz_type T_CI_VALUE =
    NAMED(DJZ_RULE_CI_VALUE, "a value for Azure Pipelines");
static const djz_type T_CONTAINER =
    NAMED(DJZ_RULE_CONTAINER, "a container name");
/* Its keys name app settings, AZURE_KEY_CONTAINER: unique ignoring case. */
static const djz_type T_CONTAINERS = {DJZ_TY_MAP, &T_CONTAINER, .min = NO_RANGE,
                                      .rule = DJZ_RULE_ENV_VAR};

static const djz_type T_SERVER_KIND = ENUM("asgi", "wsgi");
static const djz_type T_FTPS = ENUM("disabled", "ftps_only", "all_allowed");
static const djz_type T_TLS = {
    DJZ_TY_STRING,
    .names = (const char *const[]){"1.0", "1.1", "1.2", "1.3", NULL},
    .min = NO_RANGE, .what = "a TLS version"};
static const djz_type T_ENGINE = ENUM("postgres");
static const djz_type T_DEPLOYMENT = ENUM("flexible", "single_server");
static const djz_type T_CACHE = ENUM("database", "none");
static const djz_type T_CDN_KIND = ENUM("front_door", "classic");
static const djz_type T_STORAGE_SKU =
    ENUM("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS",
         "Standard_GZRS", "Premium_LRS");
static const djz_type T_METRIC =
    ENUM("cpu", "memory", "requests", "response_time", "database");
static const djz_type T_METRICS = {DJZ_TY_LIST, &T_METRIC, .min = NO_RANGE};
static const djz_type T_AUTH = ENUM("oidc", "publish_profile");
static const djz_type T_LAUNCH = ENUM("runserver", "migrate", "test", "shell");
static const djz_type T_LAUNCHES = {DJZ_TY_LIST, &T_LAUNCH, .min = NO_RANGE};
static const djz_type T_SECRET_FROM = ENUM("generate", "keyvault", "ci");
static const djz_type T_CONTAINER_REFS = {DJZ_TY_LIST, &T_STRING,
                                          .min = NO_RANGE,
                                          .what = "a list of container keys"};

static const djz_type T_GENERATE = INT_RANGE(16, 256);
static const djz_type T_WORKERS = INT_RANGE(1, 64);
static const djz_type T_TIMEOUT = INT_RANGE(1, 1800);
static const djz_type T_INSTANCES = INT_RANGE(1, 30);
static const djz_type T_STORAGE_GIB = INT_RANGE(32, 32767);
static const djz_type T_USERS = INT_RANGE(1, 100000);
/* locust's between(min, max): seconds, not negative, min <= max. */
static const djz_type T_SECONDS = {DJZ_TY_NUMBER, .min = 0, .max = 86400};
static const djz_type T_WAIT = {
    DJZ_TY_LIST,
    &T_SECONDS,
    .min = 2,
    .max = 2,
    .ascending = true,
    .what = "a list of two numbers [min, max] of seconds, min <= max"};
/* locust divides by it: above 0. */
static const djz_type T_RATE = {DJZ_TY_NUMBER, .min = 0, .max = 100000,
                                .above_min = true};
static const djz_type T_IP = {
    DJZ_TY_STRING, .rule = DJZ_RULE_IPV4_RANGE,
    .what = "an IPv4 address or range a.b.c.d-e.f.g.h", .min = NO_RANGE};
static const djz_type T_ANY = {DJZ_TY_ANY, .min = NO_RANGE};
static const djz_type T_COUNT = INT_RANGE(0, 1000000);
static const djz_type T_COUNTS = {DJZ_TY_LIST, &T_COUNT, .min = NO_RANGE};
static const djz_type T_STORAGES = ENUM("STORAGES", "LEGACY");
static const djz_type T_SEVERITY = {
    DJZ_TY_STRING,
    .names = (const char *const[]){"low", "moderate", "high", "critical", NULL},
    .min = NO_RANGE, .what = "low, moderate, high or critical"};
static const djz_type T_VERSION_MAP = {DJZ_TY_MAP, &T_STRING, .min = NO_RANGE};

/* ---- attributes of each kind --------------------------------------- */

#define ATTR(n, t, f, d)                                                       \
    {                                                                          \
        n, &(t), f, DJZ_RULE_NONE, d                                           \
    }
#define REQ DJZ_ATTR_REQUIRED

static const djz_attr_schema app_attrs[] = {
    ATTR("python", T_PYTHON, REQ, "Python version of the App Service runtime"),
    ATTR("django", T_DJANGO, REQ, "Django release the application runs on"),
    ATTR("package", T_PACKAGE, REQ,
         "the Python package holding settings.py, asgi.py and wsgi.py"),
    ATTR("region", T_REGION, REQ, "Azure region of every resource"),
    ATTR("resource_group", T_RG, REQ, "resource group holding every resource"),
    ATTR("name", T_WEB_APP, DJZ_ATTR_GLOBAL,
         "web app name; the host is NAME.azurewebsites.net"),
    ATTR("debug", T_BOOL, 0, "Django DEBUG; off outside development"),
    {"setting", &T_TEXT, DJZ_ATTR_LABELLED, DJZ_RULE_ENV_VAR,
     "an application setting (environment variable)"},
};
static const djz_attr_schema requirements_attrs[] = {
    ATTR("runtime", T_REQUIREMENTS, REQ,
         "requirements.txt: pinned runtime packages"),
    ATTR("dev", T_REQUIREMENTS, 0,
         "requirements-dev.txt: linters and tools, on top of runtime"),
    ATTR("test", T_REQUIREMENTS, 0,
         "requirements-test.txt: test tools, on top of runtime"),
};
static const djz_attr_schema server_attrs[] = {
    ATTR("kind", T_SERVER_KIND, 0,
         "asgi (gunicorn with uvicorn workers) or wsgi"),
    ATTR("workers", T_WORKERS, 0,
         "gunicorn workers; derived from the plan's cores when unset"),
    ATTR("threads", T_WORKERS, 0,
         "threads per worker; derived from the plan's cores when unset"),
    ATTR("timeout", T_TIMEOUT, 0, "gunicorn request timeout in seconds"),
};
static const djz_attr_schema site_attrs[] = {
    ATTR("ftps_state", T_FTPS, 0,
         "FTP deployment: disabled, ftps_only or all_allowed"),
    ATTR("remote_debugging", T_BOOL, 0, "remote debugging of the web app"),
    ATTR("https_only", T_BOOL, 0, "redirect HTTP to HTTPS"),
    ATTR("min_tls_version", T_TLS, 0, "minimum TLS version clients must use"),
    ATTR("basic_auth_publishing", T_BOOL, 0,
         "FTP and SCM basic-auth publishing credentials"),
    ATTR("always_on", T_BOOL, 0,
         "keep the app loaded; not offered on the Free tier"),
};
static const djz_attr_schema secret_attrs[] = {
    ATTR("from", T_SECRET_FROM, 0,
         "where the value comes from: generate (default with length), "
         "keyvault, ci"),
    ATTR("generate", T_GENERATE, 0,
         "generate a random value of this length at the first deploy"),
    ATTR("keyvault_secret", T_LINE, 0, "name of an existing Key Vault secret"),
};
static const djz_attr_schema editor_attrs[] = {
    ATTR("launch", T_LAUNCHES, 0, "launch configurations to generate"),
};
static const djz_attr_schema database_attrs[] = {
    ATTR("engine", T_ENGINE, REQ, "the database engine"),
    ATTR("deployment", T_DEPLOYMENT, 0,
         "flexible (Flexible Server) or the retired single_server"),
    ATTR("version", T_PG_VERSION, REQ, "PostgreSQL major version"),
    ATTR("sku", T_PG_SKU, REQ, "compute SKU"),
    ATTR("storage_gib", T_STORAGE_GIB, 0, "storage size in GiB"),
    ATTR("name", T_PG_DB, REQ, "the application's database, created by djaz"),
    ATTR("server", T_PG_SERVER, DJZ_ATTR_GLOBAL,
         "server name; its host is NAME.postgres.database.azure.com"),
    ATTR("cache", T_CACHE, 0,
         "database: Django's DatabaseCache in cache_table; none"),
    ATTR("require_secure_transport", T_BOOL, 0,
         "refuse connections without TLS"),
    ATTR("allow_azure_services", T_BOOL, 0,
         "the 0.0.0.0 rule: any Azure tenant may connect"),
    ATTR("threat_protection", T_BOOL, 0,
         "Microsoft Defender for open-source databases"),
};
static const djz_attr_schema network_attrs[] = {
    ATTR("private", T_BOOL, 0, "a VNet with private access to the database"),
    ATTR("address_space", T_STRING, 0, "the VNet's address space, as CIDR"),
};
static const djz_attr_schema storage_attrs[] = {
    ATTR("account", T_ACCOUNT, REQ | DJZ_ATTR_GLOBAL, "storage account name"),
    ATTR("sku", T_STORAGE_SKU, 0, "redundancy of the storage account"),
    ATTR("containers", T_CONTAINERS, REQ,
         "containers by role: static, media, ..."),
    ATTR("public", T_CONTAINER_REFS, 0,
         "containers whose blobs anyone may read"),
    ATTR("cdn", T_BOOL, 0, "serve the containers through a CDN"),
    ATTR("cdn_kind", T_CDN_KIND, 0,
         "front_door (Front Door Standard) or the retiring classic CDN"),
    ATTR("cdn_bypass_no_cache", T_BOOL, 0,
         "bypass the CDN cache on Cache-Control: no-cache"),
    ATTR("min_tls_version", T_TLS, 0, "minimum TLS version clients must use"),
    ATTR("https_only", T_BOOL, 0, "refuse plain HTTP"),
};
static const djz_attr_schema monitor_attrs[] = {
    ATTR("insights", T_BOOL, 0, "workspace-based Application Insights"),
    ATTR("instrumentation_key", T_STRING, 0,
         "retired: use the connection string"),
    ATTR("dashboard", T_METRICS, 0, "tiles of the Azure dashboard"),
    ATTR("alerts", T_BOOL, 0, "an alert on server errors"),
};
static const djz_attr_schema env_attrs[] = {
    ATTR("plan", T_PLAN_SKU, REQ, "App Service plan SKU"),
    ATTR("branch", T_BRANCH, REQ, "git branch that deploys this environment"),
    ATTR("instances", T_INSTANCES, 0, "instances of the plan"),
    ATTR("max_instances", T_INSTANCES, 0,
         "autoscale up to this many instances"),
    ATTR("development", T_BOOL, 0, "a development environment (DEBUG allowed)"),
};
static const djz_attr_schema github_attrs[] = {
    ATTR("auth", T_AUTH, 0, "oidc (federated credentials) or publish_profile"),
    ATTR("security_scan", T_BOOL, 0,
         "lint as SARIF to code scanning, and a dependency audit"),
    ATTR("python", T_PYTHONS, 0, "Python versions to test on"),
    ATTR("service_connection", T_CI_VALUE, 0,
         "Azure Pipelines: the ARM service connection"),
    ATTR("compile_messages", T_BOOL, 0, "Azure Pipelines: run compilemessages"),
    ATTR("pool", T_CI_VALUE, 0, "Azure Pipelines: the agent image"),
};
static const djz_attr_schema test_attrs[] = {
    ATTR("fixture", T_LINE, 0, "JSON fixture loaded into the test database"),
    ATTR("login_required", T_URL_PATHS, 0,
         "paths anonymous users are redirected from"),
    ATTR("login_url", T_LINE, 0, "where anonymous users are sent"),
    ATTR("users_allowed", T_URL_PATHS, 0, "paths a logged-in user may see"),
    ATTR("expect_contains", T_STRING, 0, "text those pages contain"),
};
static const djz_attr_schema tox_attrs[] = {
    ATTR("python", T_PYTHONS, 0,
         "Python versions to test on (default: the app's)"),
    ATTR("latest", T_BOOL, 0, "also test against the newest Django"),
    ATTR("lint", T_TOX_COMMANDS, 0, "commands of the lint environment"),
};
static const djz_attr_schema load_attrs[] = {
    ATTR("users", T_USERS, 0, "simulated users"),
    ATTR("spawn_rate", T_RATE, 0, "users started per second"),
    ATTR("wait", T_WAIT, 0, "seconds each user waits between tasks"),
    ATTR("paths", T_URL_PATHS, 0, "paths requested"),
    ATTR("host", T_HTTP_URL, 0,
         "the host to load (default: the staging web app)"),
};

/* ---- stdlib knowledge ------------------------------------------------- */

#define PROVENANCE                                                             \
    ATTR("source", T_STRING, REQ, "where the fact was read"),                  \
        ATTR("checked", T_DATE, REQ, "when it was last checked"),              \
        ATTR("note", T_STRING, 0, "a caveat")

static const djz_attr_schema plan_sku_attrs[] = {
    ATTR("tier", T_STRING, REQ, "ARM's sku.tier"),
    ATTR("cores", T_NUMBER, REQ, "vCPUs per instance (0: shared)"),
    ATTR("shared", T_BOOL, 0, "a shared CPU"),
    ATTR("cpu_minutes_per_day", T_COUNT, 0, "CPU quota of shared tiers"),
    ATTR("memory_gib", T_NUMBER, REQ, "memory per instance, GiB"),
    ATTR("always_on", T_BOOL, REQ, "whether Always On is offered"),
    ATTR("max_instances", T_COUNT, REQ, "scale-out limit"),
    ATTR("deployment_slots", T_COUNT, 0, "staging slots per app"),
    ATTR("names", T_STRINGS, 0, "other accepted spellings"),
    PROVENANCE,
};
static const djz_attr_schema python_attrs[] = {
    ATTR("offered", T_BOOL, REQ, "whether App Service on Linux offers it"),
    ATTR("end_of_life", T_DATE, REQ, "upstream end of life"),
    PROVENANCE,
};
static const djz_attr_schema pg_sku_attrs[] = {
    ATTR("tier", T_STRING, REQ, "Burstable, GeneralPurpose or MemoryOptimized"),
    ATTR("cores", T_NUMBER, REQ, "vCores"),
    ATTR("memory_gib", T_NUMBER, REQ, "memory, GiB"),
    ATTR("names", T_STRINGS, 0, "other accepted spellings"),
    PROVENANCE,
};
static const djz_attr_schema pg_version_attrs[] = {
    ATTR("standard_support_ends", T_DATE, REQ, "end of Azure standard support"),
    ATTR("extended_support_ends", T_DATE, 0, "end of paid extended support"),
    ATTR("community_end_of_life", T_DATE, 0, "end of community support"),
    PROVENANCE,
};
static const djz_attr_schema pg_storage_attrs[] = {
    ATTR("gib", T_COUNTS, REQ, "storage sizes Flexible Server offers, GiB"),
    PROVENANCE,
};
static const djz_attr_schema django_attrs[] = {
    ATTR("released", T_DATE, 0, "release date"),
    ATTR("end_of_support", T_DATE, 0, "end of security support"),
    ATTR("lts", T_BOOL, REQ, "a long-term support release"),
    ATTR("python", T_STRINGS, REQ, "Python versions it supports"),
    ATTR("python_since", T_VERSION_MAP, 0,
         "Python version -> first patch release supporting it"),
    ATTR("storages", T_STORAGES, REQ,
         "STORAGES (4.2 on) or LEGACY storage settings"),
    PROVENANCE,
};
static const djz_attr_schema region_attrs[] = {
    ATTR("display", T_STRING, REQ, "display name"),
    ATTR("geography", T_STRING, REQ, "geography"),
    ATTR("restricted", T_BOOL, 0, "access restricted to some customers"),
    PROVENANCE,
};
static const djz_attr_schema retirement_attrs[] = {
    ATTR("service", T_STRING, REQ, "what retires"),
    ATTR("retires", T_DATE, 0, "when it stops working"),
    ATTR("no_new_resources_from", T_DATE, 0, "when creating new ones stops"),
    ATTR("replacement", T_STRING, REQ, "what to use instead"),
    ATTR("detail", T_STRING, 0, "what it means for a deployment"),
    PROVENANCE,
};
static const djz_attr_schema advisory_attrs[] = {
    ATTR("package", T_STRING, REQ, "the PyPI package"),
    ATTR("affected", T_STRINGS, REQ, "affected version ranges, PEP 440"),
    ATTR("fixed", T_STRINGS, REQ, "versions with the fix"),
    ATTR("published", T_DATE, 0, "when it was published"),
    ATTR("severity", T_SEVERITY, 0, "low, moderate, high or critical"),
    ATTR("summary", T_STRING, REQ, "one line"),
    PROVENANCE,
};
static const djz_attr_schema action_attrs[] = {
    ATTR("major", T_STRING, REQ, "the current major version tag"),
    ATTR("deprecated", T_STRINGS, 0, "deprecated majors"),
    ATTR("deprecated_on", T_DATE, 0, "when they stop being supported"),
    ATTR("needs", T_STRINGS, 0, "workflow permissions it needs"),
    PROVENANCE,
};

/* ---- kinds --------------------------------------------------------- */

#define KIND(k, f, attrs_, children_, doc_)                                    \
    {                                                                          \
        k, f, NULL, DJZ_RULE_NONE, attrs_, LEN(attrs_), children_, NULL, doc_  \
    }
#define TOP           DJZ_BLOCK_TOP
#define LABEL         DJZ_BLOCK_LABEL
#define UNIQUE        DJZ_BLOCK_UNIQUE
#define SINGLE        (DJZ_BLOCK_UNIQUE | DJZ_BLOCK_SINGLE)
#define NONE_CHILDREN NULL
#define DATA(k, attrs_, doc_)                                                  \
    {                                                                          \
        k, DJZ_BLOCK_DATA | LABEL | UNIQUE, NULL, DJZ_RULE_NONE, attrs_,       \
            LEN(attrs_), NULL, NULL, doc_                                      \
    }

static const char *const app_children[] = {"requirements", "server", "site",
                                           "secret",       "editor", NULL};
static const char *const database_children[] = {"firewall", NULL};
static const char *const env_children[] = {"app",     "database", "storage",
                                           "monitor", "network",  NULL};
static const char *const ci_labels[] = {"github", "azure_pipelines", NULL};
static const char *const editor_labels[] = {"vscode", NULL};
static const djz_attr_schema no_attrs[1];

static const djz_block_schema blocks[] = {
    {"app", TOP | LABEL | SINGLE | DJZ_BLOCK_REQUIRED, NULL,
     DJZ_RULE_PYTHON_MODULE, app_attrs, LEN(app_attrs), app_children, NULL,
     "the Django application"},
    KIND("requirements", UNIQUE | DJZ_BLOCK_REQUIRED, requirements_attrs,
         NONE_CHILDREN, "the three requirements files"),
    KIND("server", UNIQUE, server_attrs, NONE_CHILDREN,
         "gunicorn, as startup.sh runs it"),
    KIND("site", UNIQUE, site_attrs, NONE_CHILDREN,
         "the web app's platform settings"),
    {"secret", LABEL | UNIQUE, NULL, DJZ_RULE_ENV_VAR, secret_attrs,
     LEN(secret_attrs), NULL, NULL, "a secret setting, never a literal"},
    {"editor", LABEL | SINGLE, editor_labels, DJZ_RULE_NONE, editor_attrs,
     LEN(editor_attrs), NULL, NULL,
     "editor configuration (.vscode/launch.json)"},
    {"database", TOP | LABEL | SINGLE, NULL, DJZ_RULE_NONE, database_attrs,
     LEN(database_attrs), database_children, NULL,
     "PostgreSQL Flexible Server and the application's database"},
    {"firewall", UNIQUE | DJZ_BLOCK_OPEN, NULL, DJZ_RULE_NONE, no_attrs, 0,
     NULL, &T_IP, "named client addresses allowed to connect"},
    KIND("network", TOP | UNIQUE, network_attrs, NONE_CHILDREN,
         "private networking for the database"),
    {"storage", TOP | LABEL | SINGLE, NULL, DJZ_RULE_NONE, storage_attrs,
     LEN(storage_attrs), NULL, NULL,
     "Blob Storage for static and media files, and the CDN"},
    KIND("monitor", TOP | UNIQUE, monitor_attrs, NONE_CHILDREN,
         "Application Insights, the dashboard and alerts"),
    {"env", TOP | LABEL | UNIQUE | DJZ_BLOCK_REQUIRED, NULL, DJZ_RULE_WEB_APP,
     env_attrs, LEN(env_attrs), env_children, NULL,
     "an environment: its plan, branch and overrides"},
    {"ci", TOP | LABEL | UNIQUE, ci_labels, DJZ_RULE_NONE, github_attrs,
     LEN(github_attrs), NULL, NULL, "a CI system: github or azure_pipelines"},
    {"test", TOP | LABEL | UNIQUE, NULL, DJZ_RULE_PYTHON_NAME, test_attrs,
     LEN(test_attrs), NULL, NULL, "generated access tests and fixtures"},
    KIND("tox", TOP | UNIQUE, tox_attrs, NONE_CHILDREN, "tox environments"),
    KIND("load", TOP | UNIQUE, load_attrs, NONE_CHILDREN,
         "the locust load test"),
    {"defaults", TOP | LABEL, NULL, DJZ_RULE_NONE, no_attrs, 0, NULL, NULL,
     "a preset: default attributes for a kind of block"},
    DATA("plan_sku", plan_sku_attrs, "an App Service plan SKU"),
    DATA("python", python_attrs, "a Python version of App Service on Linux"),
    DATA("pg_sku", pg_sku_attrs, "a PostgreSQL Flexible Server compute SKU"),
    DATA("pg_version", pg_version_attrs, "a PostgreSQL major version"),
    DATA("pg_storage", pg_storage_attrs,
         "PostgreSQL Flexible Server storage sizes"),
    DATA("django", django_attrs, "a Django release"),
    {"package", DJZ_BLOCK_DATA | LABEL | UNIQUE | DJZ_BLOCK_OPEN, NULL,
     DJZ_RULE_NONE, no_attrs, 0, NULL, &T_ANY, "facts about a Python package"},
    DATA("region", region_attrs, "an Azure region"),
    DATA("retirement", retirement_attrs, "a retired or retiring service"),
    DATA("advisory", advisory_attrs, "a known vulnerability of a package"),
    DATA("action", action_attrs, "a GitHub Action and its current major"),
    DATA("task", action_attrs, "an Azure Pipelines task and its current major"),
};

/* ---- lookups ------------------------------------------------------- */

/* Attributes djaz had and removed because they did nothing: a spec that
 * still writes one is told why and what to do (DJZ2011). */
static const djz_removed_attr removed[] = {
    {"ci", "deploy_on_pull_request",
     "it did nothing: djaz's CI files deploy an environment only on a push "
     "to its branch, never from a pull request",
     "remove the line"},
    {"monitor", "sdk",
     "it did nothing: the settings djaz writes always use "
     "azure-monitor-opentelemetry (applicationinsights is unmaintained, "
     "OpenCensus retired on 2024-09-30)",
     "remove the line; `insights = on` is what turns Application Insights "
     "on"},
    {"app", "sources",
     "it did nothing: no generated file read it (CI scans the spec and the "
     "requirements; tox's lint runs the commands of `tox { lint }`)",
     "remove the line; to lint or scan packages, name them in a "
     "`tox { lint = [...] }` command"},
};

const djz_removed_attr *djz_schema_removed(const char *kind, const char *name)
{
    for (size_t i = 0; i < sizeof removed / sizeof removed[0]; i++)
        if (!strcmp(removed[i].kind, kind) && !strcmp(removed[i].name, name))
            return &removed[i];
    return NULL;
}

const djz_block_schema *djz_schema_block(const char *kind)
{
    for (size_t i = 0; i < LEN(blocks); i++)
        if (strcmp(blocks[i].kind, kind) == 0)
            return &blocks[i];
    return NULL;
}

const djz_attr_schema *djz_schema_attr(const djz_block_schema *b,
                                       const char *name)
{
    for (size_t i = 0; i < b->nattrs; i++)
        if (strcmp(b->attrs[i].name, name) == 0)
            return &b->attrs[i];
    return NULL;
}

bool djz_schema_allows_child(const djz_block_schema *parent, const char *child)
{
    for (const char *const *c = parent->children; c && *c; c++)
        if (strcmp(*c, child) == 0)
            return true;
    return false;
}

const char **djz_schema_kinds(djz_arena *a, bool top_only, size_t *n)
{
    const char **out = djz_arena_alloc(a, sizeof *out * (LEN(blocks) + 1));
    size_t k = 0;
    for (size_t i = 0; i < LEN(blocks); i++)
        if (!top_only || (blocks[i].flags & DJZ_BLOCK_TOP))
            out[k++] = blocks[i].kind;
    *n = k;
    return out;
}

const char **djz_schema_members(djz_arena *a, const djz_block_schema *b,
                                size_t *n)
{
    size_t nchildren = 0;
    for (const char *const *c = b->children; c && *c; c++)
        nchildren++;
    const char **out =
        djz_arena_alloc(a, sizeof *out * (b->nattrs + nchildren + 1));
    size_t k = 0;
    for (size_t i = 0; i < b->nattrs; i++)
        out[k++] = b->attrs[i].name;
    for (size_t i = 0; i < nchildren; i++)
        out[k++] = b->children[i];
    *n = k;
    return out;
}

static const char *describe_names(djz_arena *a, const char *const *names)
{
    const char *text = "one of";
    for (const char *const *p = names; *p; p++)
        text = djz_arena_printf(a, "%s%s %s", text, p == names ? "" : ",", *p);
    return text;
}

static const char *describe_list(djz_arena *a, const djz_type *t)
{
    if (t->elem->kind == DJZ_TY_STRING && !t->elem->what && !t->elem->names)
        return "a list of strings";
    if (t->elem->kind == DJZ_TY_NUMBER && t->elem->min > t->elem->max)
        return "a list of numbers";
    return djz_arena_printf(a, "a list, each item %s",
                            djz_type_describe(a, t->elem));
}

const char *djz_type_describe(djz_arena *a, const djz_type *t)
{
    if (t->what)
        return t->what;
    switch (t->kind) {
    case DJZ_TY_STRING:
        return t->names ? describe_names(a, t->names) : "a string";
    case DJZ_TY_INT:
        if (t->min <= t->max)
            return djz_arena_printf(a, "a whole number from %ld to %ld", t->min,
                                    t->max);
        return "a whole number";
    case DJZ_TY_NUMBER:
        if (t->min <= t->max)
            return djz_arena_printf(a, "a number %s %ld%s to %ld",
                                    t->above_min ? "above" : "from", t->min,
                                    t->above_min ? ", up" : "", t->max);
        return "a number";
    case DJZ_TY_BOOL:
        return "on or off";
    case DJZ_TY_ENUM:
        return describe_names(a, t->names);
    case DJZ_TY_TABLE:
        return djz_arena_printf(a, "a %s", t->table);
    case DJZ_TY_DATE:
        return "a date \"YYYY-MM-DD\"";
    case DJZ_TY_LIST:
        return describe_list(a, t);
    case DJZ_TY_MAP:
        return djz_arena_printf(a, "a map, each value %s",
                                djz_type_describe(a, t->elem));
    case DJZ_TY_ANY:
        return "any value";
    }
    return "any value";
}

/* pipelines.c - the Azure Pipelines pipeline (see ci.h).
 *
 * The article's pipeline, step by step, as stages: `test` runs on every
 * push and pull request of the environments' branches (the Python matrix,
 * manage.py located, the requirements, compilemessages when the spec
 * asks, pytest with coverage, the results published to the Tests and
 * Coverage tabs); then one `deploy_ENV` stage per environment, for a push
 * to its branch only, never for a pull request: a deployment job in the
 * Azure DevOps environment ENV (its approvals and checks apply) that runs
 * `djaz apply` signed in through the service connection, then the
 * article's AzureRmWebAppDeployment.  docs/ci.md maps every step. */
#include "ci.h"

#include "emit/shell.h"

#include <string.h>

#include "support/version.h"

const char *djz_pipelines_string(djz_arena *a, const char *s)
{
    size_t quotes = 0;
    for (const char *p = s; *p; p++)
        quotes += *p == '\'';
    char *out = djz_arena_alloc(a, strlen(s) + quotes + 3), *w = out;
    *w++ = '\'';
    for (const char *p = s; *p; p++) {
        *w++ = *p;
        if (*p == '\'')
            *w++ = '\''; /* '' is one quote */
    }
    *w++ = '\'';
    *w = '\0';
    return out;
}

typedef struct ap {
    const djz_ci_input *in;
    const djz_ir_block *ci;
    const char *pool;
    const char *connection;
} ap;

static djz_json *task(ap *p, djz_json *steps, const char *name,
                      const char *display)
{
    djz_arena *a = p->in->a;
    djz_json *s = djz_json_push(a, steps, djz_json_object(a));
    djz_json_set_str(a, s, "task", djz_ci_task(p->in, p->ci, name));
    if (display)
        djz_json_set_str(a, s, "displayName", display);
    return s;
}

static djz_json *inputs(ap *p, djz_json *s)
{
    return djz_json_set_object(p->in->a, s, "inputs");
}

static djz_json *script(ap *p, djz_json *steps, const char *text,
                        const char *display)
{
    djz_arena *a = p->in->a;
    djz_json *s = djz_json_push(a, steps, djz_json_object(a));
    djz_json_set_str(a, s, "script", text);
    djz_json_set_str(a, s, "displayName", display);
    return s;
}

static void pool(ap *p, djz_json *job)
{
    djz_json_set_str(p->in->a, djz_json_set_object(p->in->a, job, "pool"),
                     "vmImage", p->pool);
}

static void use_python(ap *p, djz_json *steps, const char *version)
{
    djz_json *in = inputs(p, task(p, steps, "UsePythonVersion", NULL));
    djz_json_set_str(p->in->a, in, "versionSpec", version);
    djz_json_set_str(p->in->a, in, "architecture", "x64");
}

/* The article's script: the directory of manage.py as $(projectRoot). */
static const char *const find_manage_py =
    "\"\"\"Search all subdirectories for `manage.py`.\"\"\"\n"
    "from glob import iglob\n"
    "from os import path\n"
    "\n"
    "pattern = path.join(\"**\", \"manage.py\")\n"
    "manage_py = next(iglob(pattern, recursive=True), None)\n"
    "if not manage_py:\n"
    "    raise SystemExit(\"Could not find a Django project\")\n"
    "root = path.dirname(path.abspath(manage_py))\n"
    "print(\"Found Django project in\", root)\n"
    "print(\"##vso[task.setvariable variable=projectRoot]\" + root)\n";

static djz_json *test_stage(ap *p, bool messages)
{
    djz_arena *a = p->in->a;
    djz_json *stage = djz_json_object(a);
    djz_json_set_str(a, stage, "stage", "test");
    djz_json_set_str(a, stage, "displayName", "Test");
    djz_json *job = djz_json_push(a, djz_json_set_array(a, stage, "jobs"),
                                  djz_json_object(a));
    djz_json_set_str(a, job, "job", "test");
    djz_json_set_str(a, job, "displayName", "Test on Python $(PYTHON_VERSION)");
    pool(p, job);
    djz_json *strategy = djz_json_set_object(a, job, "strategy");
    djz_json *matrix = djz_json_set_object(a, strategy, "matrix");
    size_t n;
    const char **pythons = djz_ci_pythons(a, p->in->ir, p->ci, &n);
    for (size_t i = 0; i < n; i++) {
        char *key = djz_arena_printf(a, "Python%s", pythons[i]);
        char *w = key;
        for (char *r = key; *r; r++)
            if (*r != '.')
                *w++ = *r;
        *w = '\0';
        djz_json_set_str(a, djz_json_set_object(a, matrix, key),
                         "PYTHON_VERSION", pythons[i]);
    }
    djz_json_set_int(a, strategy, "maxParallel", 3);

    djz_json *steps = djz_json_set_array(a, job, "steps");
    use_python(p, steps, "$(PYTHON_VERSION)");
    djz_json *find = task(p, steps, "PythonScript", "Find manage.py");
    djz_json *in = inputs(p, find);
    djz_json_set_str(a, in, "scriptSource", "inline");
    djz_json_set_str(a, in, "script", find_manage_py);
    script(p, steps,
           messages ? "python -m pip install --upgrade pip\n"
                      "python -m pip install -r requirements-test.txt\n"
                      "sudo apt-get install -y gettext\n"
                    : "python -m pip install --upgrade pip\n"
                      "python -m pip install -r requirements-test.txt\n",
           "Install prerequisites");
    if (messages)
        djz_json_set_str(
            a,
            script(p, steps, "python manage.py compilemessages --ignore venv\n",
                   "Compile languages"),
            "workingDirectory", "$(projectRoot)");
    bool coverage = djz_ci_has_coverage(p->in->ir);
    djz_json *t = script(p, steps, djz_ci_pytest(a, p->in->ir), "Run tests");
    djz_json_set_str(a, t, "workingDirectory", "$(projectRoot)");
    /* SQLite and a throwaway key: the tests need no Azure. */
    djz_json_set_str(a, djz_json_set_object(a, t, "env"), "DJANGO_DEVELOPMENT",
                     "True");
    djz_json *pub =
        task(p, steps, "PublishTestResults", "Publish test results");
    djz_json_set_str(a, pub, "condition", "succeededOrFailed()");
    in = inputs(p, pub);
    djz_json_set_str(a, in, "testResultsFiles",
                     "$(projectRoot)/test-results.xml");
    djz_json_set_str(a, in, "testRunTitle", "Python $(PYTHON_VERSION)");
    if (coverage) {
        djz_json *cov =
            task(p, steps, "PublishCodeCoverageResults", "Publish coverage");
        djz_json_set_str(a, inputs(p, cov), "summaryFileLocation",
                         "$(projectRoot)/coverage.xml");
    }
    return stage;
}

/* The identity of the service connection for djaz apply, in the names
 * the Azure SDKs read; the federated token (workload identity federation)
 * in a file only this user can read. */
static const char *const sign_in =
    "export AZURE_CLIENT_ID=\"${servicePrincipalId:?}\"\n"
    "export AZURE_TENANT_ID=\"${tenantId:?}\"\n"
    "sub=$(az account show --query id -o tsv)\n"
    "export AZURE_SUBSCRIPTION_ID=\"$sub\"\n"
    "token=\"$AGENT_TEMPDIRECTORY/djaz-token\"\n"
    "(umask 077 && printf '%s' \"${idToken:?}\" >\"$token\")\n"
    "export AZURE_FEDERATED_TOKEN_FILE=\"$token\"\n";

static djz_json *deploy_stage(ap *p, const djz_ir_env *e)
{
    djz_arena *a = p->in->a;
    const djz_value *branch = djz_ir_get(e->env, "branch");
    const djz_ir_block *app = djz_ir_block_of(e, "app");
    const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
    const char *python = py && py->text ? py->text : "3.13";

    /* A stage id holds letters, digits and `_` only. */
    char *id = djz_arena_printf(a, "deploy_%s", e->name);
    for (char *c = id; *c; c++)
        *c = *c == '-' ? '_' : *c;
    djz_json *stage = djz_json_object(a);
    djz_json_set_str(a, stage, "stage", id);
    djz_json_set_str(a, stage, "displayName",
                     djz_arena_printf(a, "Deploy %s", e->name));
    djz_json_set_str(a, stage, "dependsOn", "test");
    /* A push to the environment's branch; never a pull request. */
    const char *ref = djz_arena_printf(
        a, "refs/heads/%s", branch && branch->text ? branch->text : "main");
    djz_json_set_str(
        a, stage, "condition",
        djz_arena_printf(a,
                         "and(succeeded(),\n"
                         "    eq(variables['Build.SourceBranch'],\n"
                         "       %s),\n"
                         "    ne(variables['Build.Reason'], 'PullRequest'))",
                         djz_pipelines_string(a, ref)));
    /* A name of up to 60 characters fits in 80 columns here only. */
    djz_json_set_str(a, djz_json_set_object(a, stage, "variables"), "WEB_APP",
                     djz_ci_webapp(e));
    djz_json *job = djz_json_push(a, djz_json_set_array(a, stage, "jobs"),
                                  djz_json_object(a));
    djz_json_set_str(a, job, "deployment", "deploy");
    djz_json_set_str(a, job, "displayName",
                     djz_arena_printf(a, "Deploy %s", e->name));
    djz_json_set_str(a, job, "environment", e->name);
    pool(p, job);
    djz_json *deploy = djz_json_set_object(
        a,
        djz_json_set_object(a, djz_json_set_object(a, job, "strategy"),
                            "runOnce"),
        "deploy");
    djz_json *steps = djz_json_set_array(a, deploy, "steps");
    djz_json_set_str(a, djz_json_push(a, steps, djz_json_object(a)), "checkout",
                     "self");
    use_python(p, steps, python);

    /* The resources, the database and the static files. */
    djz_json *apply = task(p, steps, "AzureCLI",
                           djz_arena_printf(a, "djaz apply %s", e->name));
    djz_json *in = inputs(p, apply);
    djz_json_set_str(a, in, "azureSubscription", p->connection);
    djz_json_set_str(a, in, "scriptType", "bash");
    djz_json_set_str(a, in, "scriptLocation", "inlineScript");
    djz_json_set_bool(a, in, "addSpnToEnvironment", true);
    djz_json_set_str(
        a, in, "inlineScript",
        djz_arena_printf(
            a, "set -euo pipefail\n%s%sdjaz apply --env %s \"$DJAZ_SPEC\"\n",
            djz_ci_install_djaz(a, "$AGENT_TEMPDIRECTORY",
                                "export PATH=\"$src/build:$PATH\""),
            sign_in, djz_sh_quote(a, e->name)));
    /* Secret variables reach a script only when mapped by name. */
    djz_json *env = djz_json_set_object(a, apply, "env");
    djz_json_set_str(a, env, "DJAZ_REPOSITORY", "$(DJAZ_REPOSITORY)");
    for (size_t i = 0; i < p->in->arm->nsecrets; i++) {
        const djz_arm_secret *s = &p->in->arm->secrets[i];
        if (s->setting && !strcmp(s->source, "ci"))
            djz_json_set_str(a, env, s->setting,
                             djz_arena_printf(a, "$(%s)", s->setting));
    }

    djz_json *dep =
        task(p, steps, "AzureRmWebAppDeployment", "Deploy the code");
    in = inputs(p, dep);
    djz_json_set_str(a, in, "ConnectionType", "AzureRM");
    djz_json_set_str(a, in, "azureSubscription", p->connection);
    djz_json_set_str(a, in, "appType", "webAppLinux");
    djz_json_set_str(a, in, "WebAppName", "$(WEB_APP)");
    djz_json_set_str(a, in, "packageForLinux",
                     "$(System.DefaultWorkingDirectory)/");
    djz_json_set_str(a, in, "RuntimeStack",
                     djz_arena_printf(a, "PYTHON|%s", python));
    return stage;
}

void djz_ci_pipelines(const djz_ci_input *in, djz_ci_files *out)
{
    ap p = {.in = in, .ci = djz_ci_block(in->ir, "azure_pipelines")};
    if (!p.ci || !djz_ci_spec_ok(in))
        return;
    djz_arena *a = in->a;
    const djz_value *v = djz_ir_get(p.ci, "pool");
    p.pool = v && v->text ? v->text : "ubuntu-24.04";
    v = djz_ir_get(p.ci, "service_connection");
    const djz_ir_block *app = djz_ir_block_of(&in->ir->envs[0], "app");
    p.connection = v && v->text ? v->text : app ? app->label : "azure";
    v = djz_ir_get(p.ci, "compile_messages");
    bool messages = v && v->kind == DJZ_VAL_BOOL && v->boolean;

    djz_json *doc = djz_json_object(a);
    djz_json *branches = djz_ci_branches(a, in->ir, NULL, false);
    djz_json_set(a,
                 djz_json_set_object(a, djz_json_set_object(a, doc, "trigger"),
                                     "branches"),
                 "include", branches);
    djz_json_set(
        a,
        djz_json_set_object(a, djz_json_set_object(a, doc, "pr"), "branches"),
        "include", branches);
    djz_json *vars = djz_json_set_object(a, doc, "variables");
    djz_json_set_str(a, vars, "DJAZ_VERSION", djz_version);
    djz_json_set_str(a, vars, "DJAZ_SPEC", in->spec);
    djz_json *stages = djz_json_set_array(a, doc, "stages");
    djz_json_push(a, stages, test_stage(&p, messages));
    for (size_t i = 0; i < in->ir->nenvs; i++)
        djz_json_push(a, stages, deploy_stage(&p, &in->ir->envs[i]));
    djz_ci_add(a, out, "azure-pipelines.yml",
               djz_ci_comment(a, in->spec,
                              "Tests every push and pull request; deploys an "
                              "environment on a push to its\nbranch. Set the "
                              "pipeline variable DJAZ_REPOSITORY to djaz's "
                              "git repository."),
               doc);
}

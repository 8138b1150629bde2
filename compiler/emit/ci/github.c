/* github.c - GitHub Actions workflows and Dependabot (see ci.h).
 *
 *   djaz-pull-request.yml   on pull_request: the tests on every Python of
 *                           the spec, and `djaz check`; read-only token,
 *                           no secret, no environment, no deployment
 *   djaz-deploy-ENV.yml     on push to ENV's branch (nothing else: not
 *                           even workflow_dispatch, which deploys any
 *                           branch): test, security (djaz's lint as SARIF
 *                           to code scanning, pip-audit), then deploy in
 *                           the GitHub environment ENV: sign in (OIDC by
 *                           default), `djaz apply --env ENV`, the code
 *   dependabot.yml          pip and github-actions, weekly
 *
 * Every workflow's token may only read the repository; a job that needs
 * more (id-token for OIDC, security-events for SARIF) says so itself.
 * Deployments of one environment queue instead of overlapping or being
 * cancelled half-way (`concurrency`, `cancel-in-progress: false`). */
#include "ci.h"

#include "emit/shell.h"

#include <string.h>

#include "support/version.h"

static const char *const runner = "ubuntu-24.04";

typedef struct gh {
    const djz_ci_input *in;
    const djz_ir_block *ci;
    const char **pythons;
    size_t npythons;
    bool oidc;
} gh;

static djz_json *str(gh *g, const char *s)
{
    return djz_json_str(g->in->a, s);
}

static djz_json *step(gh *g, djz_json *steps, const char *name)
{
    djz_json *s = djz_json_push(g->in->a, steps, djz_json_object(g->in->a));
    if (name)
        djz_json_set_str(g->in->a, s, "name", name);
    return s;
}

static djz_json *uses(gh *g, djz_json *steps, const char *name,
                      const char *action)
{
    djz_json *s = step(g, steps, name);
    djz_json_set_str(g->in->a, s, "uses", djz_ci_uses(g->in, g->ci, action));
    return s;
}

static djz_json *with(gh *g, djz_json *s)
{
    return djz_json_set_object(g->in->a, s, "with");
}

static djz_json *run(gh *g, djz_json *steps, const char *name,
                     const char *script)
{
    djz_json *s = step(g, steps, name);
    djz_json_set_str(g->in->a, s, "run", script);
    return s;
}

static const char *secret(gh *g, const char *name)
{
    return djz_arena_printf(g->in->a, "${{ secrets.%s }}", name);
}

static void checkout(gh *g, djz_json *steps)
{
    /* The token is not left in .git/config for later steps. */
    djz_json *s = uses(g, steps, NULL, "actions/checkout");
    djz_json_set_bool(g->in->a, with(g, s), "persist-credentials", false);
}

static void setup_python(gh *g, djz_json *steps, const char *version)
{
    djz_arena *a = g->in->a;
    djz_json *s =
        uses(g, steps, djz_arena_printf(a, "Set up Python %s", version),
             "actions/setup-python");
    djz_json *w = with(g, s);
    djz_json_set_str(a, w, "python-version", version);
    djz_json_set_str(a, w, "cache", "pip");
    djz_json_set_str(a, w, "cache-dependency-path", "requirements*.txt");
}

static void install_djaz(gh *g, djz_json *steps)
{
    run(g, steps, "Install djaz ${{ env.DJAZ_VERSION }}",
        djz_ci_install_djaz(g->in->a, "$RUNNER_TEMP",
                            "echo \"$src/build\" >> \"$GITHUB_PATH\""));
}

static djz_json *permissions(gh *g, djz_json *o, const char *extra)
{
    djz_json *p = djz_json_set_object(g->in->a, o, "permissions");
    djz_json_set_str(g->in->a, p, "contents", "read");
    if (extra)
        djz_json_set_str(g->in->a, p, extra, "write");
    return p;
}

/* A job: its name and runner. */
static djz_json *job_named(gh *g, const char *name)
{
    djz_json *job = djz_json_object(g->in->a);
    djz_json_set_str(g->in->a, job, "name", name);
    djz_json_set_str(g->in->a, job, "runs-on", runner);
    return job;
}

/* The tests, on every Python of the spec. */
static djz_json *test_job(gh *g)
{
    djz_arena *a = g->in->a;
    djz_json *job = job_named(g, "Test on Python ${{ matrix.python }}");
    djz_json *strategy = djz_json_set_object(a, job, "strategy");
    djz_json_set_bool(a, strategy, "fail-fast", false);
    djz_json *py = djz_json_set_array(
        a, djz_json_set_object(a, strategy, "matrix"), "python");
    for (size_t i = 0; i < g->npythons; i++)
        djz_json_push(a, py, str(g, g->pythons[i]));
    djz_json *steps = djz_json_set_array(a, job, "steps");
    checkout(g, steps);
    setup_python(g, steps, "${{ matrix.python }}");
    run(g, steps, "Install the test requirements",
        "python -m pip install --upgrade pip\n"
        "python -m pip install -r requirements-test.txt\n");
    djz_json *t = run(g, steps, "Run the tests", djz_ci_pytest(a, g->in->ir));
    /* SQLite and a throwaway key: the tests need no Azure. */
    djz_json_set_str(a, djz_json_set_object(a, t, "env"), "DJANGO_DEVELOPMENT",
                     "True");
    djz_json *up =
        uses(g, steps, "Keep the results", "actions/upload-artifact");
    djz_json_set_str(a, up, "if", "${{ !cancelled() }}");
    djz_json *w = with(g, up);
    djz_json_set_str(a, w, "name", "test-results-${{ matrix.python }}");
    djz_json_set_str(a, w, "path", "test-results.xml\ncoverage.xml\n");
    djz_json_set_str(a, w, "if-no-files-found", "ignore");
    return job;
}

/* `djaz check`: the spec is valid and lint-clean, as the PR changes it. */
static djz_json *check_job(gh *g)
{
    djz_arena *a = g->in->a;
    djz_json *job = job_named(g, "Check the spec");
    djz_json *steps = djz_json_set_array(a, job, "steps");
    checkout(g, steps);
    install_djaz(g, steps);
    run(g, steps, "djaz check", "djaz check \"$DJAZ_SPEC\"\n");
    return job;
}

/* djaz's lint as SARIF for code scanning, and the requirements audited
 * for known vulnerabilities. */
static djz_json *security_job(gh *g)
{
    djz_arena *a = g->in->a;
    djz_json *job = job_named(g, "Security scan");
    permissions(g, job, "security-events");
    djz_json *steps = djz_json_set_array(a, job, "steps");
    checkout(g, steps);
    install_djaz(g, steps);
    run(g, steps, "Lint the spec",
        "djaz check --format sarif \"$DJAZ_SPEC\" > djaz.sarif\n");
    djz_json *up = uses(g, steps, "Upload to code scanning",
                        "github/codeql-action/upload-sarif");
    djz_json_set_str(a, up, "if", "${{ !cancelled() }}");
    djz_json *w = with(g, up);
    djz_json_set_str(a, w, "sarif_file", "djaz.sarif");
    djz_json_set_str(a, w, "category", "djaz");
    setup_python(g, steps, g->pythons[0]);
    run(g, steps, "Audit the requirements",
        "python -m pip install pip-audit\n"
        "pip-audit -r requirements.txt\n");
    return job;
}

static djz_json *deploy_job(gh *g, const djz_ir_env *e, bool security)
{
    djz_arena *a = g->in->a;
    const char *site = djz_ci_webapp(e);
    djz_json *job = djz_json_object(a);
    djz_json_set_str(a, job, "name", djz_arena_printf(a, "Deploy %s", e->name));
    djz_json *needs = djz_json_set_array(a, job, "needs");
    djz_json_push(a, needs, str(g, "test"));
    if (security)
        djz_json_push(a, needs, str(g, "security"));
    djz_json_set_str(a, job, "runs-on", runner);
    /* The environment's protection rules and its own secrets apply. */
    djz_json *env = djz_json_set_object(a, job, "environment");
    djz_json_set_str(a, env, "name", e->name);
    djz_json_set_str(a, env, "url", "${{ steps.code.outputs.webapp-url }}");
    /* A name of up to 60 characters fits in 80 columns here only. */
    djz_json_set_str(a, djz_json_set_object(a, job, "env"), "WEB_APP", site);
    permissions(g, job, g->oidc ? "id-token" : NULL);
    djz_json *steps = djz_json_set_array(a, job, "steps");
    checkout(g, steps);
    static const char *const ids[] = {
        "client-id",       "AZURE_CLIENT_ID", "tenant-id",
        "AZURE_TENANT_ID", "subscription-id", "AZURE_SUBSCRIPTION_ID"};
    if (g->oidc) {
        djz_json *w =
            with(g, uses(g, steps, "Sign in to Azure (OIDC)", "azure/login"));
        for (size_t i = 0; i < 6; i += 2)
            djz_json_set_str(a, w, ids[i], secret(g, ids[i + 1]));
    }
    install_djaz(g, steps);
    /* The resources, the database and the static files. */
    djz_json *apply =
        run(g, steps, djz_arena_printf(a, "djaz apply %s", e->name),
            djz_arena_printf(a, "djaz apply --env %s \"$DJAZ_SPEC\"\n",
                             djz_sh_quote(a, e->name)));
    djz_json *vars = djz_json_set_object(a, apply, "env");
    for (size_t i = 1; i < 6; i += 2)
        djz_json_set_str(a, vars, ids[i], secret(g, ids[i]));
    if (!g->oidc)
        djz_json_set_str(a, vars, "AZURE_CLIENT_SECRET",
                         secret(g, "AZURE_CLIENT_SECRET"));
    /* Secrets the spec takes from CI (`from = ci`) go to Key Vault. */
    for (size_t i = 0; i < g->in->arm->nsecrets; i++) {
        const djz_arm_secret *s = &g->in->arm->secrets[i];
        if (s->setting && !strcmp(s->source, "ci"))
            djz_json_set_str(a, vars, s->setting, secret(g, s->setting));
    }
    djz_json *code = uses(g, steps, "Deploy the code", "azure/webapps-deploy");
    djz_json_set_str(a, code, "id", "code");
    djz_json *w = with(g, code);
    djz_json_set_str(a, w, "app-name", "${{ env.WEB_APP }}");
    djz_json_set_str(a, w, "package", ".");
    if (!g->oidc) {
        /* GitHub's secret names: letters, digits and `_` (sema refuses
         * an environment whose name would start with a digit or
         * GITHUB_). */
        char *name = djz_arena_printf(a, "%s_PUBLISH_PROFILE", e->name);
        for (char *p = name; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
            else if (*p == '-')
                *p = '_';
        djz_json_set_str(a, w, "publish-profile", secret(g, name));
    }
    return job;
}

/* name, on, permissions, concurrency, env: what every workflow starts
 * with; returns its jobs. */
static djz_json *workflow(gh *g, djz_json *doc, const char *name, djz_json *on,
                          const char *group, bool cancel)
{
    djz_arena *a = g->in->a;
    djz_json_set_str(a, doc, "name", name);
    djz_json_set(a, doc, "on", on);
    permissions(g, doc, NULL);
    djz_json *c = djz_json_set_object(a, doc, "concurrency");
    djz_json_set_str(a, c, "group", group);
    djz_json_set_bool(a, c, "cancel-in-progress", cancel);
    djz_json *env = djz_json_set_object(a, doc, "env");
    djz_json_set_str(a, env, "DJAZ_VERSION", djz_version);
    djz_json_set_str(a, env, "DJAZ_SPEC", g->in->spec);
    /* Where djaz's source is fetched: a repository variable. */
    djz_json_set_str(a, env, "DJAZ_REPOSITORY", "${{ vars.DJAZ_REPOSITORY }}");
    return djz_json_set_object(a, doc, "jobs");
}

void djz_ci_github(const djz_ci_input *in, djz_ci_files *out)
{
    gh g = {.in = in, .ci = djz_ci_block(in->ir, "github")};
    if (!g.ci || !djz_ci_spec_ok(in))
        return;
    djz_arena *a = in->a;
    const djz_value *auth = djz_ir_get(g.ci, "auth");
    g.oidc = !auth || !auth->text || strcmp(auth->text, "publish_profile");
    g.pythons = djz_ci_pythons(a, in->ir, g.ci, &g.npythons);
    const djz_value *scan = djz_ir_get(g.ci, "security_scan");
    bool security = !scan || scan->kind != DJZ_VAL_BOOL || scan->boolean;

    /* Pull requests: the tests and the check, nothing else. */
    djz_json *doc = djz_json_object(a);
    djz_json *on = djz_json_object(a);
    djz_json_set(a, djz_json_set_object(a, on, "pull_request"), "branches",
                 djz_ci_branches(a, in->ir, NULL, true));
    djz_json *jobs =
        workflow(&g, doc, "Pull request", on,
                 "djaz-pr-${{ github.event.pull_request.number }}", true);
    djz_json_set(a, jobs, "test", test_job(&g));
    djz_json_set(a, jobs, "check", check_job(&g));
    djz_ci_add(a, out, ".github/workflows/djaz-pull-request.yml",
               djz_ci_comment(a, in->spec,
                              "Tests every pull request; never deploys and "
                              "reads no secret."),
               doc);

    for (size_t i = 0; i < in->ir->nenvs; i++) {
        const djz_ir_env *e = &in->ir->envs[i];
        doc = djz_json_object(a);
        on = djz_json_object(a);
        djz_json_set(a, djz_json_set_object(a, on, "push"), "branches",
                     djz_ci_branches(a, in->ir, e, true));
        jobs = workflow(&g, doc, djz_arena_printf(a, "Deploy %s", e->name), on,
                        djz_arena_printf(a, "djaz-deploy-%s", e->name), false);
        djz_json_set(a, jobs, "test", test_job(&g));
        if (security)
            djz_json_set(a, jobs, "security", security_job(&g));
        djz_json_set(a, jobs, "deploy", deploy_job(&g, e, security));
        djz_ci_add(a, out,
                   djz_arena_printf(a, ".github/workflows/djaz-deploy-%s.yml",
                                    e->name),
                   djz_ci_comment(a, in->spec,
                                  djz_arena_printf(
                                      a,
                                      "Deploys %s on a push to its branch, one "
                                      "deployment at a time.",
                                      e->name)),
                   doc);
    }

    doc = djz_json_object(a);
    djz_json_set_int(a, doc, "version", 2);
    djz_json *updates = djz_json_set_array(a, doc, "updates");
    static const char *const ecosystems[] = {"pip", "github-actions"};
    for (size_t i = 0; i < 2; i++) {
        djz_json *u = djz_json_push(a, updates, djz_json_object(a));
        djz_json_set_str(a, u, "package-ecosystem", ecosystems[i]);
        djz_json_set_str(a, u, "directory", "/");
        djz_json_set_str(a, djz_json_set_object(a, u, "schedule"), "interval",
                         "weekly");
    }
    djz_ci_add(a, out, ".github/dependabot.yml",
               djz_ci_comment(a, in->spec,
                              "Dependabot: the requirements and the actions. "
                              "An action it bumps in a\nworkflow djaz wrote "
                              "comes back at the next build: upgrade djaz."),
               doc);
}

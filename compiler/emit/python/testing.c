/* testing.c - tox.ini, locustfile.py, the pytest scaffolding and
 * .vscode/launch.json: what developers run, next to the code.
 *
 * tox.ini: one environment per Python version of the spec (`tox.python`,
 * else every version the environments run, in their order), each with `-latest`
 * beside it when `tox.latest` is on (Django upgraded before the tests run, as
 * the article's tox.ini does), and `lint` running the spec's commands with the
 * dev requirements.  The [pytest] section points pytest-django at the settings.
 *
 * locustfile.py: locust 2's HttpUser with the spec's wait and one task
 * per path, against `load.host` or the first environment's web app. */
#include "python.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "emit/ini.h"
#include "emit/pyliteral.h"

static const djz_ir_block *block(const djz_ir_env *e, const char *kind)
{
    return djz_ir_block_of(e, kind);
}

/* "3.13" -> "py313": the version's letters and digits, however many,
 * in name (emptied first). */
static const char *env_name(djz_buf *name, const char *version)
{
    name->len = 0;
    djz_buf_puts(name, "py");
    for (const char *p = version; *p; p++)
        if (isalnum((unsigned char)*p))
            djz_buf_putc(name, *p);
    return djz_buf_str(name);
}

/* Adds v to versions (which has room) unless it is there. */
static void add_version(const char **versions, size_t *n, const char *v)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(versions[i], v))
            return;
    versions[(*n)++] = v;
}

const char **djz_python_versions(djz_arena *a, const djz_ir *ir,
                                 const djz_value *listed, bool every_env,
                                 size_t *n)
{
    size_t room = (listed ? listed->n : 0) + ir->nenvs + 1;
    const char **out = djz_arena_alloc(a, sizeof *out * room);
    *n = 0;
    for (size_t i = 0; listed && i < listed->n; i++)
        add_version(out, n, listed->items[i]->text);
    for (size_t k = 0; (every_env || !*n) && k < ir->nenvs; k++) {
        const djz_ir_block *app = block(&ir->envs[k], "app");
        const djz_value *py = app ? djz_ir_get(app, "python") : NULL;
        if (py && py->text)
            add_version(out, n, py->text);
    }
    return out;
}

/* write(out, a + b + c) */
static void joined(djz_buf *out, const char *a, const char *b, const char *c,
                   void (*write)(djz_buf *, const char *))
{
    djz_buf s = {0};
    djz_buf_puts(&s, a);
    djz_buf_puts(&s, b);
    djz_buf_puts(&s, c);
    write(out, s.data);
    djz_buf_free(&s);
}

void djz_python_tox(const djz_ir *ir, djz_buf *out)
{
    const djz_ir_env *e = &ir->envs[0];
    const djz_ir_block *app = block(e, "app");
    const djz_ir_block *tox = block(e, "tox");
    const djz_value *pys = tox ? djz_ir_get(tox, "python") : NULL;
    const djz_value *latest = tox ? djz_ir_get(tox, "latest") : NULL;
    const djz_value *lint = tox ? djz_ir_get(tox, "lint") : NULL;
    const djz_value *pkg = app ? djz_ir_get(app, "package") : NULL;
    bool with_latest =
        latest && latest->kind == DJZ_VAL_BOOL && latest->boolean;

    djz_arena scratch; /* holds the list of versions, however long */
    djz_arena_init(&scratch);
    size_t nv;
    const char **versions = djz_python_versions(&scratch, ir, pys, false, &nv);

    djz_buf_puts(out, "# tox.ini: the test environments of the application.\n"
                      "# Written by djaz from the spec; change the spec, not "
                      "this file.\n[tox]\nenvlist =");
    djz_buf name = {0};
    for (size_t i = 0; i < nv; i++) {
        env_name(&name, versions[i]);
        djz_buf_puts(out, i ? ", " : " ");
        djz_buf_puts(out, name.data);
        if (with_latest) {
            djz_buf_puts(out, ", ");
            djz_buf_puts(out, name.data);
            djz_buf_puts(out, "-latest");
        }
    }
    if (lint && lint->n)
        djz_buf_puts(out, nv ? ", lint" : " lint");
    djz_buf_puts(out, "\nskipsdist = true\n");
    djz_ini_section(out, "testenv");
    djz_ini_pair(out, "deps", "-r requirements-test.txt");
    djz_ini_key(out, "setenv");
    djz_ini_line(out, "DJANGO_DEVELOPMENT = True");
    djz_ini_pair(out, "commands", "pytest {posargs}");
    if (with_latest)
        for (size_t i = 0; i < nv; i++) {
            joined(out, "testenv:", env_name(&name, versions[i]), "-latest",
                   djz_ini_section);
            djz_buf_puts(out, "# The newest Django, installed before the "
                              "tests run.\n");
            djz_ini_pair(out, "commands_pre", "pip install --upgrade django");
        }
    if (lint && lint->n) {
        djz_ini_section(out, "testenv:lint");
        djz_ini_pair(out, "deps", "-r requirements-dev.txt");
        djz_ini_key(out, "commands");
        for (size_t i = 0; i < lint->n; i++)
            djz_ini_tox_command(out, lint->items[i]->text);
    }
    djz_ini_section(out, "pytest");
    djz_buf module = {0};
    djz_buf_puts(&module, pkg && pkg->text ? pkg->text : "app");
    djz_buf_puts(&module, ".settings");
    djz_ini_pair(out, "DJANGO_SETTINGS_MODULE", module.data);
    djz_buf_free(&module);
    djz_buf_free(&name);
    djz_arena_free(&scratch);
}

void djz_python_locustfile(const djz_ir_env *e, djz_buf *out)
{
    const djz_ir_block *load = block(e, "load");
    const djz_value *users = load ? djz_ir_get(load, "users") : NULL;
    const djz_value *rate = load ? djz_ir_get(load, "spawn_rate") : NULL;
    const djz_value *wait = load ? djz_ir_get(load, "wait") : NULL;
    const djz_value *paths = load ? djz_ir_get(load, "paths") : NULL;
    const djz_value *host = load ? djz_ir_get(load, "host") : NULL;
    const char *web = NULL;
    for (size_t i = 0; i < e->nresources && !web; i++)
        if (!strcmp(e->resources[i].key, "site"))
            web = e->resources[i].leaf;
    djz_buf_printf(
        out,
        "\"\"\"locustfile: the load test of the application (locust 2).\n"
        "\n"
        "Written by djaz from the spec; change the spec, not this "
        "file.  Run it\nas the spec says:\n"
        "\n"
        "    locust -f locustfile.py --users %s --spawn-rate %s\n"
        "\"\"\"\n"
        "from locust import HttpUser, between, task\n\n\n"
        "class WebsiteUser(HttpUser):\n",
        users && users->text ? users->text : "100",
        rate && rate->text ? rate->text : "1");
    djz_buf_puts(out, "    host = ");
    if (host && host->text)
        djz_py_str(out, host->text);
    else {
        djz_buf h = {0};
        djz_buf_printf(&h, "https://%s.azurewebsites.net",
                       web ? web : "localhost");
        djz_py_str(out, djz_buf_str(&h));
        djz_buf_free(&h);
    }
    djz_buf_printf(out, "\n    wait_time = between(%s, %s)\n",
                   wait && wait->n == 2 ? wait->items[0]->text : "1",
                   wait && wait->n == 2 ? wait->items[1]->text : "5");
    size_t n = paths && paths->n ? paths->n : 0;
    for (size_t i = 0; i < (n ? n : 1); i++) {
        djz_buf_printf(out,
                       "\n    @task\n    def path_%zu(self):\n        "
                       "self.client.get(",
                       i + 1);
        djz_py_str(out, n ? paths->items[i]->text : "/");
        djz_buf_puts(out, ")\n");
    }
}

/* ---- pytest ---------------------------------------------------------- */

static void py_list(djz_buf *out, const djz_value *list)
{
    djz_buf_puts(out, "[");
    for (size_t i = 0; list && i < list->n; i++) {
        if (i)
            djz_buf_puts(out, ", ");
        djz_py_str(out, list->items[i]->text);
    }
    djz_buf_puts(out, "]");
}

void djz_python_conftest(const djz_ir_env *e, djz_buf *out)
{
    djz_buf_puts(
        out, "\"\"\"conftest: the fixtures of the generated tests.\n"
             "\n"
             "Written by djaz from the spec; change the spec, not this file.\n"
             "\"\"\"\n"
             "import pytest\n"
             "from django.core.management import call_command\n"
             "\n"
             "FIXTURES = [");
    size_t n = 0;
    for (size_t i = 0; i < e->nblocks; i++) {
        const djz_ir_block *b = e->blocks[i];
        const djz_value *f =
            strcmp(b->schema->kind, "test") ? NULL : djz_ir_get(b, "fixture");
        if (!f || !f->text)
            continue;
        djz_buf_puts(out, n++ ? ", " : "");
        djz_py_str(out, f->text);
    }
    djz_buf_puts(
        out,
        "]\n"
        "\n"
        "\n"
        "@pytest.fixture(scope=\"session\")\n"
        "def django_db_setup(django_db_setup, django_db_blocker):\n"
        "    \"\"\"The test database, with the spec's fixtures loaded "
        "once.\"\"\"\n"
        "    with django_db_blocker.unblock():\n"
        "        for fixture in FIXTURES:\n"
        "            call_command(\"loaddata\", fixture)\n"
        "\n"
        "\n"
        "@pytest.fixture\n"
        "def user_client(client, django_user_model):\n"
        "    \"\"\"A client signed in as a user of its own.\"\"\"\n"
        "    user = "
        "django_user_model.objects.create_user(username=\"djaz-test-user\")\n"
        "    client.force_login(user)\n"
        "    return client\n");
}

void djz_python_access_test(const djz_ir_block *t, djz_buf *out)
{
    const djz_value *required = djz_ir_get(t, "login_required");
    const djz_value *allowed = djz_ir_get(t, "users_allowed");
    const djz_value *login = djz_ir_get(t, "login_url");
    const djz_value *contains = djz_ir_get(t, "expect_contains");
    djz_buf_puts(out, "\"\"\"Access tests `");
    djz_py_str_body(out, t->label);
    djz_buf_puts(out,
                 "`: anonymous users are sent to the login page, signed-in\n"
                 "users see the pages.\n"
                 "\n"
                 "Written by djaz from the spec; change the spec, not this "
                 "file.\n\"\"\"\n"
                 "import pytest\n\n"
                 "LOGIN_REQUIRED = ");
    py_list(out, required);
    djz_buf_puts(out, "\nLOGIN_URL = ");
    djz_py_str(out, login && login->text ? login->text : "/accounts/login/");
    djz_buf_puts(out, "\nUSERS_ALLOWED = ");
    py_list(out, allowed);
    djz_buf_puts(out, "\nEXPECT_CONTAINS = ");
    djz_py_str(out, contains && contains->text ? contains->text : "");
    djz_buf_puts(out,
                 "\n\n\n"
                 "@pytest.mark.django_db\n"
                 "@pytest.mark.parametrize(\"path\", LOGIN_REQUIRED)\n"
                 "def test_anonymous_is_sent_to_login(client, path):\n"
                 "    response = client.get(path)\n"
                 "    assert response.status_code == 302\n"
                 "    assert response.url.startswith(LOGIN_URL)\n"
                 "\n"
                 "\n"
                 "@pytest.mark.django_db\n"
                 "@pytest.mark.parametrize(\"path\", USERS_ALLOWED)\n"
                 "def test_user_sees_the_page(user_client, path):\n"
                 "    response = user_client.get(path)\n"
                 "    assert response.status_code == 200\n"
                 "    assert EXPECT_CONTAINS in response.content.decode()\n");
}

/* ---- .vscode/launch.json ---------------------------------------------- */

/* The article's launch configurations, one per `launch` item: manage.py
 * under VS Code's Python debugger (debugpy), in development (SQLite, no
 * Azure), with placeholders, never a secret: a developer's machine needs
 * none. */
bool djz_python_launch(djz_arena *a, const djz_ir_env *e, djz_buf *out)
{
    const djz_ir_block *app = block(e, "app");
    const djz_ir_block *ed = app ? djz_ir_child(app, "editor") : NULL;
    const djz_value *launch = ed ? djz_ir_get(ed, "launch") : NULL;
    if (!launch || !launch->n)
        return false;
    djz_json *root = djz_json_object(a);
    djz_json_set_str(a, root, "version", "0.2.0");
    djz_json *configs = djz_json_set_array(a, root, "configurations");
    for (size_t i = 0; i < launch->n; i++) {
        const char *what = launch->items[i]->text;
        djz_json *c = djz_json_push(a, configs, djz_json_object(a));
        djz_json_set_str(a, c, "name", djz_arena_printf(a, "Django: %s", what));
        djz_json_set_str(a, c, "type", "debugpy");
        djz_json_set_str(a, c, "request", "launch");
        djz_json *args;
        if (!strcmp(what, "test")) {
            djz_json_set_str(a, c, "module", "pytest");
            args = djz_json_set_array(a, c, "args");
        } else {
            djz_json_set_str(a, c, "program", "${workspaceFolder}/manage.py");
            args = djz_json_set_array(a, c, "args");
            djz_json_push(a, args, djz_json_str(a, what));
            if (!strcmp(what, "runserver"))
                djz_json_push(a, args, djz_json_str(a, "--noreload"));
        }
        djz_json_set_bool(a, c, "django", true);
        djz_json_set_bool(a, c, "justMyCode", true);
        djz_json *env = djz_json_set_object(a, c, "env");
        djz_json_set_str(a, env, "DJANGO_DEVELOPMENT", "True");
        djz_json_set_str(a, env, "DEBUG", "True");
    }
    djz_json_write_plain(out, root);
    return true;
}

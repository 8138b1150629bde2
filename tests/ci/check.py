#!/usr/bin/python3
"""The CI files djaz writes, read as GitHub, Dependabot and Azure DevOps
would read them, and held to what they promise.

    check.py OUT --spec SPEC [--stdlib DIR]
    check.py break OUT KIND       (breaks OUT in place: run.sh's negatives)

OUT is a `djaz build` output.  What to expect comes from SPEC (its `env`
blocks, its `ci github` and `ci azure_pipelines` blocks, its `from = ci`
secrets) and from the stdlib's std/github/actions.djaz and
std/azure/pipelines.djaz (each action's and task's major), read here with
a small reader of djaz syntax, not by djaz; the web apps' names from
OUT/djaz.json.

Every file: `# ` comment lines, then `---`, then one document that
PyYAML (YAML 1.1, where a plain `on` is true) reads; no line, comments
included, that holds a credential written out (a publish profile,
AccountKey=, Password=, a private key, a JWT, a storage key).

Every workflow: no pull_request_target or workflow_run trigger;
top-level permissions exactly `contents: read`; a job's own permissions
at most contents: read, plus security-events: write (and actions: read)
on a job that uploads SARIF, plus id-token: write on the deploy job of a
deploy workflow with OIDC; `${{ secrets.NAME }}` only as a whole value,
never in a script or inside a longer string, `secrets: inherit` never;
a key that names a password, secret, key, token, publish profile or
connection string holds only `${{ secrets.NAME }}`; every `uses:` is
OWNER/REPO[/PATH]@MAJOR with the stdlib's major; every `needs` names a
job of the workflow.

djaz-pull-request.yml: triggered by pull_request, with nothing that
deploys (no environment, azure/login, azure/webapps-deploy, djaz apply,
id-token) and no secret at all; tests every Python version of the spec
(requirements-test.txt, pytest, with --cov when the test requirements
hold pytest-cov) and runs `djaz check`.

djaz-deploy-ENV.yml, one per environment: triggered only by a push to
that environment's branch (and workflow_dispatch); a concurrency group
naming the environment that never cancels a deployment in progress; the
same tests; with `security_scan = on` a job with `djaz check --format
sarif`, upload-sarif and a dependency audit; one deploy job, which
needs every other job, has `environment:` ENV and: with OIDC,
id-token: write, azure/login (client-id, tenant-id, subscription-id from
secrets, no creds), `djaz apply` for ENV and no other environment (with
every `from = ci` secret in its env) and then azure/webapps-deploy of
ENV's web app; with a publish profile, no azure/login, no id-token and
`publish-profile:` from secrets.

dependabot.yml: version 2, pip and github-actions, each with a
directory and a schedule, and no key Dependabot does not know
(action-validator knows workflows and actions only).

azure-pipelines.yml: triggered by every environment's branch; every
deployment job and every AzureWebApp/AzureRmWebAppDeployment/AzureCLI
task under a condition with ne(...) on Build.Reason PullRequest (or
`pr: none`); one deployment job per environment, under a condition on
its branch; secrets only as $(NAME) macros (every `from = ci` secret in
the env of a step that runs djaz apply); the deployment tasks on the
spec's service connection; pytest (--cov as above) after
requirements-test.txt on every Python of the block; compilemessages
exactly when compile_messages = on; every vmImage the spec's pool
(default ubuntu-24.04); every task NAME@MAJOR with the stdlib's major.
"""
import argparse
import json
import os
import re
import sys

import yaml

# ---------------------------------------------------------------- djaz --
# A reader of djaz syntax, enough for specs and the stdlib: blocks
# (`KIND [LABEL] { ... }`), attributes (`name = value`, where a value is a
# string, a word, a number, a list or a `{ k = v, ... }` map), and the
# statements around them (`djaz 1`, `import "..."`).

TOKEN = re.compile(r'''
    (?P<nl>\n)
  | (?P<ws>[ \t\r]+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*)
  | (?P<number>-?[0-9][0-9.]*)
  | (?P<punct>[{}\[\]=,])
''', re.VERBOSE)


def djaz_tokens(text, where):
    out, pos = [], 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"{where}: cannot read {text[pos:pos + 20]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        val = m.group()
        if kind == "string":
            val = json.loads(val)
        out.append((kind, val))
    out.append(("eof", None))
    return out


class Block:
    def __init__(self, header):
        self.header = header  # ("ci", "github"), ("action", "actions/x")
        self.attrs = {}
        self.blocks = []

    def find(self, *header):
        return [b for b in self.blocks if b.header[:len(header)] == header]

    def first(self, *header):
        found = self.find(*header)
        return found[0] if found else None


def djaz_parse(text, where):
    toks = djaz_tokens(text, where)
    i = 0

    def skip_nl():
        nonlocal i
        while toks[i][0] == "nl":
            i += 1

    def value():
        nonlocal i
        skip_nl()
        kind, val = toks[i]
        i += 1
        if (kind, val) == ("punct", "["):
            items = []
            while True:
                skip_nl()
                if toks[i] == ("punct", "]"):
                    i += 1
                    return items
                if toks[i] == ("punct", ","):
                    i += 1
                    continue
                items.append(value())
        if (kind, val) == ("punct", "{"):
            items = {}
            while True:
                skip_nl()
                if toks[i] == ("punct", "}"):
                    i += 1
                    return items
                if toks[i] == ("punct", ","):
                    i += 1
                    continue
                key = toks[i][1]
                i += 1
                if toks[i] != ("punct", "="):
                    raise ValueError(f"{where}: bad map near {key!r}")
                i += 1
                items[key] = value()
        if kind in ("string", "word", "number"):
            return val
        raise ValueError(f"{where}: unexpected {val!r}")

    def body(block, closing):
        nonlocal i
        while True:
            skip_nl()
            if closing and toks[i] == ("punct", "}"):
                i += 1
                return
            if toks[i][0] == "eof":
                if closing:
                    raise ValueError(f"{where}: unclosed {block.header}")
                return
            words = []
            while toks[i][0] in ("word", "string", "number"):
                words.append(toks[i][1])
                i += 1
            if toks[i] == ("punct", "="):
                i += 1
                block.attrs[" ".join(words)] = value()
            elif toks[i] == ("punct", "{"):
                i += 1
                child = Block(tuple(words))
                block.blocks.append(child)
                body(child, True)
            elif toks[i][0] in ("nl", "eof"):
                pass  # djaz 1, import "..."
            else:
                raise ValueError(f"{where}: unexpected {toks[i][1]!r}")

    top = Block(())
    body(top, False)
    return top


def read_majors(path, kind):
    """{NAME: major} of the `KIND "NAME" { major = "..." }` blocks."""
    with open(path, encoding="utf-8") as f:
        top = djaz_parse(f.read(), path)
    majors = {}
    for b in top.find(kind):
        major = b.attrs.get("major")
        if len(b.header) != 2 or not isinstance(major, str) or not major:
            raise ValueError(f"{path}: {b.header} has no major")
        majors[b.header[1]] = major
    if not majors:
        raise ValueError(f"{path}: no {kind} blocks")
    return majors


class Spec:
    """What a spec says the CI files must do."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            top = djaz_parse(f.read(), path)
        self.envs = []  # [(name, branch)]
        for b in top.find("env"):
            self.envs.append((b.header[1], b.attrs.get("branch")))
        self.github = top.first("ci", "github")
        self.pipelines = top.first("ci", "azure_pipelines")
        gh = self.github.attrs if self.github else {}
        self.auth = gh.get("auth", "oidc")
        # Unwritten, it is on (emit/ci/github.c): off only when written so.
        self.security_scan = gh.get("security_scan", "on") == "on"
        app = top.first("app")
        apps = [app] + [e.first("app") for e in top.find("env")]
        tox = top.first("tox")

        def pythons(ci):
            """The ci block's `python`, else tox's, and every app's."""
            got = (ci.attrs.get("python") if ci else None) or \
                (tox.attrs.get("python") if tox else None)
            got = set([got] if isinstance(got, str) else got or [])
            for a in apps:
                if a is not None and isinstance(a.attrs.get("python"), str):
                    got.add(a.attrs["python"])
            return got
        self.pythons = pythons(self.github)
        self.pipeline_pythons = pythons(self.pipelines)
        req = app.first("requirements") if app else None
        test = req.attrs.get("test", []) if req else []
        self.coverage = any(re.match(r"pytest-cov($|[^a-z0-9_.-])", t)
                            for t in test if isinstance(t, str))
        self.ci_secrets = sorted(
            s.header[1] for s in (app.find("secret") if app else [])
            if s.attrs.get("from") == "ci")
        pl = self.pipelines.attrs if self.pipelines else {}
        self.service_connection = pl.get("service_connection")
        self.compile_messages = pl.get("compile_messages") == "on"
        self.pool = pl.get("pool", "ubuntu-24.04")  # djaz's default


# ---------------------------------------------------------------- YAML --

def walk(node, path=()):
    """(path, key, value) for every mapping entry and list item."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path, k, v
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield path, n, v
            yield from walk(v, path + (n,))


def where(path):
    return ".".join(str(p) for p in path) or "(top)"


SECRET_EXPR = re.compile(r"\$\{\{ *secrets\.[A-Za-z_][A-Za-z0-9_]* *\}\}")
PIPELINE_SECRET = re.compile(r"\$\([A-Za-z_][A-Za-z0-9_.]*\)")
# Keys whose value would be a credential.  Inside `permissions` a key
# (`id-token`) is a permission, not a value.
SECRET_KEY = re.compile(
    r"pass(word|wd)?|secret|publish-?profile|(^|-)(api-?)?key$|^key-|token"
    r"|connection-?string|^creds$|credential", re.I)
NOT_SECRET_KEY = re.compile(r"^persist-credentials$", re.I)
# What a credential written out looks like, anywhere in a file, comments
# included: a publish profile, a connection string's key or password, a
# PEM key, a JWT, an Azure storage key (88 characters of base64).
LITERAL_SECRET = re.compile(
    r"<publishData|AccountKey=|Password=|-----BEGIN [A-Z ]*PRIVATE KEY"
    r"|eyJ[A-Za-z0-9_-]{10,}\.eyJ|[A-Za-z0-9+/]{86}==", re.I)


def logical(script):
    """A shell script with its backslash-newline continuations joined."""
    return re.sub(r"\\\n[ \t]*", " ", str(script))


def norm_key(k):
    return str(k).replace("_", "-").lower()


class Checker:
    def __init__(self, out, spec, actions, tasks):
        self.out, self.spec = out, spec
        self.actions, self.tasks = actions, tasks
        self.errors = []
        self.manifest = {}
        try:
            with open(os.path.join(out, "djaz.json"), encoding="utf-8") as f:
                self.manifest = json.load(f)
        except OSError:
            pass

    def bad(self, file, msg):
        self.errors.append(f"{file}: {msg}")

    # ---- every file
    def load(self, rel):
        path = os.path.join(self.out, rel)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            self.bad(rel, "missing")
            return None
        lines = text.split("\n")
        n = 0
        while n < len(lines) and lines[n].startswith("#"):
            if lines[n] != "#" and not lines[n].startswith("# "):
                self.bad(rel, f"line {n + 1}: a header comment line not '# '")
            n += 1
        if n == 0:
            self.bad(rel, "does not start with '# ' comment lines")
        if n >= len(lines) or lines[n] != "---":
            self.bad(rel, "the header comment is not followed by '---'")
        for n, line in enumerate(lines, 1):
            if LITERAL_SECRET.search(line):
                self.bad(rel, f"line {n}: a credential written out: "
                         f"{line.strip()[:40]!r}")
        try:
            docs = list(yaml.safe_load_all(text))
        except yaml.YAMLError as e:
            self.bad(rel, f"PyYAML cannot read it: {e}")
            return None
        if len(docs) != 1 or not isinstance(docs[0], dict):
            self.bad(rel, "not one YAML document holding a mapping")
            return None
        return docs[0]

    # ---- workflows
    def triggers(self, rel, wf):
        if True in wf:
            self.bad(rel, "`on` is read as true by YAML 1.1 readers: quote it")
        on = wf.get("on", wf.get(True))
        if isinstance(on, str):
            on = {on: None}
        elif isinstance(on, list):
            on = {t: None for t in on}
        if not isinstance(on, dict) or not on:
            self.bad(rel, "no triggers (`on`)")
            return {}
        for t in ("pull_request_target", "workflow_run"):
            if t in on:
                self.bad(rel, f"triggered by {t}, which runs with the "
                         "repository's secrets on code from forks")
        return on

    def uses(self, rel, wf):
        for path, k, v in walk(wf):
            if k != "uses":
                continue
            m = re.fullmatch(r"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+"
                             r"(?:/[A-Za-z0-9_./-]+)?)@([A-Za-z0-9_.-]+)",
                             str(v))
            if not m:
                self.bad(rel, f"{where(path)}: uses {v!r}, not "
                         "OWNER/REPO[/PATH]@MAJOR")
                continue
            action, ref = m.groups()
            major = self.actions.get(action)
            if major is None:
                self.bad(rel, f"{where(path)}: uses {action}, which "
                         "std/github/actions.djaz does not list")
            elif ref != major:
                self.bad(rel, f"{where(path)}: uses {action}@{ref}, the "
                         f"stdlib's major is {major}")

    def secrets(self, rel, doc, pattern, what):
        for path, k, v in walk(doc):
            if k == "secrets":
                self.bad(rel, f"{where(path)}: `secrets:` passes secrets on")
            if isinstance(v, str) and re.search(r"\bsecrets\b", v) and \
                    "${{" in v and not SECRET_EXPR.fullmatch(v):
                self.bad(rel, f"{where(path + (k,))}: a secret inside a "
                         f"longer value: {v[:60]!r}")
            if (isinstance(k, str) and "permissions" not in path
                    and SECRET_KEY.search(norm_key(k))
                    and not NOT_SECRET_KEY.search(norm_key(k))
                    and not isinstance(v, (dict, list))
                    and not pattern.fullmatch(str(v))):
                self.bad(rel, f"{where(path + (k,))}: {k} looks like a "
                         f"credential but is {str(v)[:40]!r}, not {what}")

    def permissions(self, rel, wf, deploy_job):
        top = wf.get("permissions")
        if top != {"contents": "read"}:
            self.bad(rel, f"top-level permissions are {top!r}, not exactly "
                     "contents: read")
        for name, job in self.jobs(wf).items():
            perms = job.get("permissions")
            sarif = self.job_uses(job, "github/codeql-action/upload-sarif")
            if sarif and (not isinstance(perms, dict) or
                          perms.get("security-events") != "write"):
                self.bad(rel, f"job {name} uploads SARIF without "
                         "security-events: write")
            if perms is None:
                continue
            if not isinstance(perms, dict):
                self.bad(rel, f"job {name}: permissions {perms!r}")
                continue
            for p, level in perms.items():
                if (p, level) == ("contents", "read"):
                    continue
                if sarif and (p, level) in (("security-events", "write"),
                                            ("actions", "read")):
                    continue
                if (p, level) == ("id-token", "write") and \
                        name == deploy_job and self.spec.auth == "oidc":
                    continue
                self.bad(rel, f"job {name}: permission {p}: {level} is "
                         "wider than it needs")

    @staticmethod
    def jobs(wf):
        """The jobs that are mappings (needs() reports the others)."""
        jobs = wf.get("jobs")
        return {n: j for n, j in jobs.items() if isinstance(j, dict)} \
            if isinstance(jobs, dict) else {}

    @staticmethod
    def steps(job):
        steps = job.get("steps")
        return [s for s in steps if isinstance(s, dict)] \
            if isinstance(steps, list) else []

    def job_uses(self, job, action):
        return [s for s in self.steps(job)
                if str(s.get("uses", "")).split("@")[0] == action]

    def runs(self, job):
        return [logical(s["run"]) for s in self.steps(job) if "run" in s]

    def needs(self, rel, wf):
        jobs = wf.get("jobs")
        if not isinstance(jobs, dict) or not jobs:
            self.bad(rel, "no jobs")
            return
        for name, job in jobs.items():
            if not isinstance(job, dict):
                self.bad(rel, f"job {name} is not a mapping")
                continue
            needs = job.get("needs", [])
            for n in [needs] if isinstance(needs, str) else needs:
                if n not in jobs:
                    self.bad(rel, f"job {name} needs {n}, which is not a job")

    def test_job(self, rel, wf, deploy_job):
        """The job that runs pytest: checkout, setup-python on every
        Python of the spec, requirements-test.txt, coverage."""
        tests = [n for n, j in self.jobs(wf).items() if n != deploy_job
                 and any(re.search(r"\bpytest\b", r) for r in self.runs(j))]
        if not tests:
            self.bad(rel, "no job runs pytest")
            return
        for name in tests:
            job = self.jobs(wf)[name]
            if not self.job_uses(job, "actions/checkout"):
                self.bad(rel, f"job {name} does not check out the code")
            setups = self.job_uses(job, "actions/setup-python")
            if not setups:
                self.bad(rel, f"job {name} does not use actions/setup-python")
            matrix = (job.get("strategy") or {}).get("matrix") or {}
            seen = set()
            for s in setups:
                v = (s.get("with") or {}).get("python-version")
                m = re.fullmatch(r"\$\{\{ *matrix\.([A-Za-z0-9_-]+) *\}\}",
                                 str(v))
                vals = matrix.get(m.group(1), []) if m else [v]
                if isinstance(vals, str):
                    vals = vals.split()
                seen.update(str(x) for x in vals)
            missing = self.spec.pythons - seen
            if missing:
                self.bad(rel, f"job {name} does not test Python "
                         f"{', '.join(sorted(missing))} (tests "
                         f"{', '.join(sorted(seen)) or 'none'})")
            script = "\n".join(self.runs(job))
            if not re.search(r"-r +requirements-test\.txt\b", script):
                self.bad(rel, f"job {name} does not install "
                         "requirements-test.txt")
            if self.spec.coverage and not re.search(
                    r"\bpytest\b[^\n]*--cov\b", script):
                self.bad(rel, f"job {name} runs pytest without --cov")
        if not any(re.search(r"\bdjaz check\b", r)
                   for j in self.jobs(wf).values() for r in self.runs(j)):
            self.bad(rel, "no job runs `djaz check`")

    def security_job(self, rel, wf, deploy_job, required):
        """With security_scan = on, a job that uploads `djaz check
        --format sarif` and a dependency audit (required: in the deploy
        workflows; the pull-request workflow may have them)."""
        sarif = [n for n, j in self.jobs(wf).items()
                 if self.job_uses(j, "github/codeql-action/upload-sarif")]
        if not self.spec.security_scan:
            if sarif:
                self.bad(rel, "uploads SARIF without security_scan = on")
            return
        if not sarif and not required:
            return
        if not sarif:
            self.bad(rel, "security_scan = on but no job uploads SARIF with "
                     "github/codeql-action/upload-sarif")
            return
        for name in sarif:
            if name == deploy_job:
                self.bad(rel, "the deploy job uploads SARIF")
            if not any(re.search(r"\bdjaz check\b[^\n]*--format[ =]sarif",
                                 r) for r in self.runs(self.jobs(wf)[name])):
                self.bad(rel, f"job {name} uploads SARIF but does not run "
                         "`djaz check --format sarif`")
        if required and not any(re.search(r"\baudit\b", r)
                   for n, j in self.jobs(wf).items() if n != deploy_job
                   for r in self.runs(j)):
            self.bad(rel, "security_scan = on but no dependency audit")

    def pull_request(self, rel):
        wf = self.load(rel)
        if wf is None:
            return
        on = self.triggers(rel, wf)
        if "pull_request" not in on:
            self.bad(rel, "not triggered by pull_request")
        for t in on:
            if t not in ("pull_request", "push", "workflow_dispatch",
                         "merge_group", "pull_request_target",
                         "workflow_run"):  # those two: triggers()
                self.bad(rel, f"triggered by {t}")
        self.common(rel, wf, None)
        for path, k, v in walk(wf):
            if k == "environment":
                self.bad(rel, f"{where(path)}: an environment (deploys)")
            if k == "uses" and str(v).split("@")[0] in (
                    "azure/login", "azure/webapps-deploy"):
                self.bad(rel, f"{where(path)}: uses {v}, which deploys")
            if k == "id-token":
                self.bad(rel, f"{where(path)}: id-token permission")
            if isinstance(v, str) and re.search(r"\bdjaz +apply\b", v):
                self.bad(rel, f"{where(path + (k,))}: runs djaz apply")
            if re.search(r"\bsecrets\b", str(k)) or \
                    (isinstance(v, str) and re.search(r"\bsecrets\b", v)):
                self.bad(rel, f"{where(path + (k,))}: refers to secrets")
        self.test_job(rel, wf, None)
        self.security_job(rel, wf, None, False)

    def common(self, rel, wf, deploy_job):
        self.needs(rel, wf)
        self.uses(rel, wf)
        self.secrets(rel, wf, SECRET_EXPR, "${{ secrets.NAME }}")
        self.permissions(rel, wf, deploy_job)

    def deploy(self, rel, env, branch):
        wf = self.load(rel)
        if wf is None:
            return
        on = self.triggers(rel, wf)
        for t, spec in on.items():
            if t == "workflow_dispatch":
                continue
            if t != "push":
                self.bad(rel, f"triggered by {t}: a deployment runs only on "
                         f"a push to {branch}")
                continue
            if not isinstance(spec, dict) or \
                    spec.get("branches") not in ([branch], branch):
                self.bad(rel, f"push trigger {spec!r}, not exactly the "
                         f"branch {branch}")
            elif set(spec) != {"branches"}:
                self.bad(rel, f"push trigger also on "
                         f"{', '.join(sorted(set(spec) - {'branches'}))}")
        if "push" not in on:
            self.bad(rel, f"not triggered by a push to {branch}")
        conc = wf.get("concurrency")
        if not isinstance(conc, dict):
            self.bad(rel, "no concurrency group")
        else:
            if not re.search(rf"(^|[^A-Za-z0-9_]){re.escape(env)}"
                             r"($|[^A-Za-z0-9_])", str(conc.get("group"))):
                self.bad(rel, f"concurrency group {conc.get('group')!r} "
                         f"does not name {env}")
            if conc.get("cancel-in-progress") is not False:
                self.bad(rel, "concurrency cancel-in-progress is "
                         f"{conc.get('cancel-in-progress')!r}, not false")
        jobs = self.jobs(wf)
        deploys = [n for n, j in jobs.items()
                   if isinstance(j, dict) and "environment" in j]
        if len(deploys) != 1:
            self.bad(rel, f"{len(deploys)} jobs with an environment, not one")
        deploy_job = deploys[0] if deploys else None
        self.common(rel, wf, deploy_job)
        self.test_job(rel, wf, deploy_job)
        self.security_job(rel, wf, deploy_job, True)
        if deploy_job is None:
            return
        job = jobs[deploy_job]
        e = job["environment"]
        name = e.get("name") if isinstance(e, dict) else e
        if name != env:
            self.bad(rel, f"job {deploy_job}: environment {name!r}, not {env}")
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        others = set(jobs) - {deploy_job}
        if others - set(needs):
            self.bad(rel, f"job {deploy_job} does not need "
                     f"{', '.join(sorted(others - set(needs)))}")
        steps = self.steps(job)

        def index(pred):
            return next((n for n, s in enumerate(steps) if pred(s)), None)

        def uses(action):
            return lambda s: str(s.get("uses", "")).split("@")[0] == action

        login = index(uses("azure/login"))
        webapp = index(uses("azure/webapps-deploy"))
        apply = index(lambda s: re.search(r"\bdjaz +apply\b",
                                          logical(s.get("run", ""))))
        perms = job.get("permissions") or {}
        if webapp is None:
            self.bad(rel, f"job {deploy_job} does not use "
                     "azure/webapps-deploy")
        else:
            app = (steps[webapp].get("with") or {}).get("app-name")
            want = next((x.get("resources", {}).get("webApp")
                         for x in self.manifest.get("environments", [])
                         if x.get("name") == env), None)
            if want and "${{" not in str(app) and app != want:
                self.bad(rel, f"deploys app-name {app!r}, the web app of "
                         f"{env} is {want}")
        if self.spec.auth == "oidc":
            if perms.get("id-token") != "write":
                self.bad(rel, f"job {deploy_job}: no id-token: write (OIDC)")
            if login is None:
                self.bad(rel, f"job {deploy_job} does not use azure/login")
            else:
                w = steps[login].get("with") or {}
                for k in ("client-id", "tenant-id", "subscription-id"):
                    if not SECRET_EXPR.fullmatch(str(w.get(k))):
                        self.bad(rel, f"azure/login {k} is {w.get(k)!r}, "
                                 "not ${{ secrets.NAME }}")
                if "creds" in w:
                    self.bad(rel, "azure/login with creds (a client secret)")
            if apply is None:
                self.bad(rel, f"job {deploy_job} does not run djaz apply")
            if None not in (login, apply, webapp) and \
                    not login < apply < webapp:
                self.bad(rel, f"job {deploy_job}: azure/login, djaz apply "
                         "and azure/webapps-deploy are not in that order")
        else:
            if login is not None:
                self.bad(rel, "azure/login with auth = publish_profile")
            if "id-token" in perms:
                self.bad(rel, "id-token permission with auth = "
                         "publish_profile")
            if webapp is not None:
                pp = (steps[webapp].get("with") or {}).get("publish-profile")
                if not SECRET_EXPR.fullmatch(str(pp)):
                    self.bad(rel, f"publish-profile is {pp!r}, not "
                             "${{ secrets.NAME }}")
            if None not in (apply, webapp) and not apply < webapp:
                self.bad(rel, f"job {deploy_job}: djaz apply after "
                         "azure/webapps-deploy")
        if apply is not None:
            step = steps[apply]
            line = next(x for x in logical(step["run"]).split("\n")
                        if re.search(r"\bdjaz +apply\b", x))
            words = set(re.findall(r"[A-Za-z0-9_-]+", line))
            if env not in words:
                self.bad(rel, f"djaz apply does not name {env}")
            for other, _ in self.spec.envs:
                if other != env and other in words:
                    self.bad(rel, f"djaz apply names {other}")
            senv = step.get("env") or {}
            for s in self.spec.ci_secrets:
                if not SECRET_EXPR.fullmatch(str(senv.get(s))):
                    self.bad(rel, f"djaz apply's env {s} is "
                             f"{senv.get(s)!r}, not ${{{{ secrets.NAME }}}} "
                             "(the spec's `from = ci` secret)")

    # ---- dependabot
    DEPENDABOT_TOP = {"version", "updates", "registries",
                      "enable-beta-ecosystems", "multi-ecosystem-groups"}
    DEPENDABOT_UPDATE = {
        "package-ecosystem", "directory", "directories", "schedule", "allow",
        "assignees", "commit-message", "cooldown", "exclude-paths", "groups",
        "ignore", "insecure-external-code-execution", "labels", "milestone",
        "open-pull-requests-limit", "pull-request-branch-name",
        "rebase-strategy", "registries", "reviewers", "target-branch",
        "vendor", "versioning-strategy", "multi-ecosystem-group", "patterns"}
    DEPENDABOT_SCHEDULE = {"interval", "day", "time", "timezone", "cronjob"}

    def dependabot(self, rel):
        doc = self.load(rel)
        if doc is None:
            return
        for k in set(doc) - self.DEPENDABOT_TOP:
            self.bad(rel, f"unknown top-level key {k!r}")
        if doc.get("version") != 2:
            self.bad(rel, f"version {doc.get('version')!r}, not 2")
        updates = doc.get("updates")
        if not isinstance(updates, list):
            self.bad(rel, "no updates list")
            return
        seen = set()
        for n, u in enumerate(updates):
            if not isinstance(u, dict):
                self.bad(rel, f"updates.{n} is not a mapping")
                continue
            for k in set(u) - self.DEPENDABOT_UPDATE:
                self.bad(rel, f"updates.{n}: unknown key {k!r}")
            eco = u.get("package-ecosystem")
            seen.add(eco)
            d = u.get("directory", u.get("directories"))
            if not (isinstance(d, str) and d.startswith("/")) and not (
                    isinstance(d, list) and d and
                    all(isinstance(x, str) for x in d)):
                self.bad(rel, f"updates.{n} ({eco}): directory {d!r}")
            sched = u.get("schedule")
            if not isinstance(sched, dict) or sched.get("interval") not in (
                    "daily", "weekly", "monthly", "quarterly", "semiannually",
                    "yearly", "cron"):
                self.bad(rel, f"updates.{n} ({eco}): schedule {sched!r}")
            else:
                for k in set(sched) - self.DEPENDABOT_SCHEDULE:
                    self.bad(rel, f"updates.{n}: unknown schedule key {k!r}")
        for eco in ("pip", "github-actions"):
            if eco not in seen:
                self.bad(rel, f"no updates for {eco}")

    # ---- Azure Pipelines
    DEPLOY_TASK = re.compile(r"(AzureRmWebAppDeployment|AzureWebApp|AzureCLI)"
                             r"\b")

    def pipelines(self, rel):
        doc = self.load(rel)
        if doc is None:
            return
        if True in doc:
            self.bad(rel, "a key read as true by YAML 1.1 readers")
        trig = doc.get("trigger")
        if isinstance(trig, dict):
            inc = (trig.get("branches") or {}).get("include", [])
        elif isinstance(trig, list):
            inc = trig
        else:
            inc = []
            self.bad(rel, f"trigger {trig!r}: not the environments' branches")
        for env, branch in self.spec.envs:
            if branch not in inc and f"refs/heads/{branch}" not in inc:
                self.bad(rel, f"not triggered by {branch} (deploys {env})")
        pr_none = doc.get("pr") == "none"
        scripts = [logical(v) for _, k, v in walk(doc)
                   if k in ("script", "bash", "inlineScript")
                   and isinstance(v, str)]
        tests = [x for x in scripts if re.search(r"\bpytest\b", x)]
        if not tests:
            self.bad(rel, "no step runs pytest")
        elif self.spec.coverage and not any(
                re.search(r"\bpytest\b[^\n]*--cov\b", x) for x in tests):
            self.bad(rel, "pytest runs without --cov")
        if not any(re.search(r"-r +requirements-test\.txt\b", x)
                   for x in scripts):
            self.bad(rel, "requirements-test.txt is not installed")
        compile_messages = any(re.search(r"\bcompilemessages\b", x)
                               for x in scripts)
        if compile_messages != self.spec.compile_messages:
            said = "on" if self.spec.compile_messages else "off"
            self.bad(rel, "compilemessages "
                     f"{'' if compile_messages else 'not '}run, "
                     f"compile_messages is {said}")
        versions = {str(v) for path, k, v in walk(doc)
                    if k == "versionSpec" or "matrix" in path}
        missing = self.spec.pipeline_pythons - versions
        if missing:
            self.bad(rel, f"does not test Python {', '.join(sorted(missing))}")
        for path, k, v in walk(doc):
            if k == "vmImage" and v != self.spec.pool:
                self.bad(rel, f"{where(path)}: vmImage {v!r}, the spec's "
                         f"pool is {self.spec.pool}")
        self.secrets(rel, doc, PIPELINE_SECRET, "a $(NAME) macro")
        # A stage id: letters, digits and _, not starting with a digit.
        for stage in doc.get("stages") or []:
            sid = str(stage.get("stage")) if isinstance(stage, dict) else ""
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sid):
                self.bad(rel, f"stage id {sid!r}: not letters, digits "
                         "and _")
        envs_deployed = {}
        apply_envs = []

        def conditions(chain):
            return " ".join(str(n.get("condition", "")) for n in chain)

        def visit(node, chain):
            if isinstance(node, list):
                for x in node:
                    visit(x, chain)
                return
            if not isinstance(node, dict):
                return
            chain = chain + [node]
            task = node.get("task")
            what = None
            if "deployment" in node:
                what = f"deployment job {node['deployment']}"
                e = node.get("environment")
                if isinstance(e, dict):
                    e = e.get("name") or e.get("resourceName")
                envs_deployed.setdefault(str(e).split(".")[0], []).append(
                    conditions(chain))
            elif isinstance(task, str) and self.DEPLOY_TASK.match(task):
                what = f"task {task}"
                sub = (node.get("inputs") or {}).get("azureSubscription")
                if self.spec.service_connection and \
                        sub != self.spec.service_connection:
                    self.bad(rel, f"task {task}: azureSubscription {sub!r}, "
                             f"not {self.spec.service_connection}")
            if what and not pr_none:
                cond = conditions(chain)
                if not re.search(r"ne\([^()]*Build\.Reason[^()]*PullRequest",
                                 cond.replace("variables['Build.Reason']",
                                              "Build.Reason")):
                    self.bad(rel, f"{what} is under no condition "
                             "ne(Build.Reason, 'PullRequest')")
            for key in ("script", "bash", "pwsh", "powershell"):
                if isinstance(node.get(key), str) and \
                        re.search(r"\bdjaz +apply\b", node[key]):
                    apply_envs.append(node)
            inl = (node.get("inputs") or {}).get("inlineScript") \
                if isinstance(node.get("inputs"), dict) else None
            if isinstance(inl, str) and re.search(r"\bdjaz +apply\b", inl):
                apply_envs.append(node)
            for v in node.values():
                visit(v, chain)

        visit(doc, [])
        for env, branch in self.spec.envs:
            conds = envs_deployed.get(env)
            if not conds:
                self.bad(rel, f"no deployment job for {env}")
            elif not any(f"refs/heads/{branch}" in c for c in conds):
                self.bad(rel, f"the deployment of {env} is under no "
                         f"condition on refs/heads/{branch}")
        for step in apply_envs:
            senv = step.get("env") or {}
            for s in self.spec.ci_secrets:
                if not PIPELINE_SECRET.fullmatch(str(senv.get(s))):
                    self.bad(rel, f"djaz apply's env {s} is {senv.get(s)!r},"
                             " not $(NAME) (the spec's `from = ci` secret)")
        for path, k, v in walk(doc):
            if k == "task" and isinstance(v, str):
                m = re.fullmatch(r"([A-Za-z0-9_.-]+)@([0-9]+)", v)
                if not m:
                    self.bad(rel, f"task {v!r} is not NAME@MAJOR")
                elif m.group(1) not in self.tasks:
                    self.bad(rel, f"task {v}: std/azure/pipelines.djaz does "
                             "not list it")
                elif self.tasks[m.group(1)] != m.group(2):
                    self.bad(rel, f"task {v}: the stdlib's major is "
                             f"{self.tasks[m.group(1)]}")

    # ---- the lot
    def run(self):
        wfdir = os.path.join(self.out, ".github", "workflows")
        if self.spec.github:
            expected = {"djaz-pull-request.yml"} | {
                f"djaz-deploy-{e}.yml" for e, _ in self.spec.envs}
            have = set(os.listdir(wfdir)) if os.path.isdir(wfdir) else set()
            for f in sorted(have - expected):
                self.bad(f".github/workflows/{f}", "not a workflow of the "
                         "interface (add its checks to tests/ci/check.py)")
            self.pull_request(".github/workflows/djaz-pull-request.yml")
            for env, branch in self.spec.envs:
                self.deploy(f".github/workflows/djaz-deploy-{env}.yml",
                            env, branch)
            self.dependabot(".github/dependabot.yml")
        elif os.path.exists(os.path.join(self.out, ".github")):
            self.bad(".github", "written for a spec without `ci github`")
        if self.spec.pipelines:
            self.pipelines("azure-pipelines.yml")
        elif os.path.exists(os.path.join(self.out, "azure-pipelines.yml")):
            self.bad("azure-pipelines.yml",
                     "written for a spec without `ci azure_pipelines`")
        return self.errors


# --------------------------------------------------------------- break --
# Breakages run.sh shows the checks catch: KIND -> (file, change).

def _deploy(out):
    d = os.path.join(out, ".github", "workflows")
    return os.path.join(d, sorted(f for f in os.listdir(d)
                                  if f.startswith("djaz-deploy-"))[0])


def _deploy_job(wf):
    return next(j for j in wf["jobs"].values() if "environment" in j)


def _on(wf):
    on = wf.get("on", wf.get(True))
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = {t: None for t in on}
    wf["on"] = on
    wf.pop(True, None)
    return on


def _break_pr_trigger(wf):
    _on(wf)["pull_request"] = {"branches": ["master"]}


def _break_pr_login(wf):
    job = next(iter(wf["jobs"].values()))
    job["steps"].insert(1, {"uses": "azure/login@v3", "with": {
        "client-id": "${{ secrets.AZURE_CLIENT_ID }}",
        "tenant-id": "${{ secrets.AZURE_TENANT_ID }}",
        "subscription-id": "${{ secrets.AZURE_SUBSCRIPTION_ID }}"}})


def _break_target(wf):
    _on(wf)["pull_request_target"] = None


def _break_permissions(wf):
    wf["permissions"] = {"contents": "read", "id-token": "write"}


def _break_write_all(wf):
    next(iter(wf["jobs"].values()))["permissions"] = "write-all"


def _break_cancel(wf):
    wf["concurrency"]["cancel-in-progress"] = True


def _break_major(wf):
    for j in wf["jobs"].values():
        for s in j.get("steps", []):
            if str(s.get("uses", "")).startswith("actions/checkout@"):
                s["uses"] = "actions/checkout@v1"


def _break_secret_in_run(wf):
    job = _deploy_job(wf)
    job["steps"].append({"run": "echo ${{ secrets.AZURE_CLIENT_ID }}"})


def _break_literal(wf):
    job = _deploy_job(wf)
    for s in job["steps"]:
        if str(s.get("uses", "")).startswith("azure/webapps-deploy@"):
            s.setdefault("with", {})["publish-profile"] = "<publishData/>"
    job.setdefault("env", {})["DJANGO_SECRET_KEY"] = "hunter2hunter2"


def _break_environment(wf):
    for j in wf["jobs"].values():
        j.pop("environment", None)


def _break_needs(wf):
    _deploy_job(wf)["needs"] = []


def _break_dependabot(doc):
    doc["updates"] = [u for u in doc["updates"]
                      if u.get("package-ecosystem") != "github-actions"]


def _break_pipelines(doc):
    def strip(node):
        if isinstance(node, dict):
            if "condition" in node:
                node["condition"] = "succeeded()"
            for v in node.values():
                strip(v)
        elif isinstance(node, list):
            for v in node:
                strip(v)
    strip(doc)
    doc.pop("pr", None)


PR = os.path.join(".github", "workflows", "djaz-pull-request.yml")
BREAKS = {
    # kind: (file or callable, change, what check.py must say)
    "pr-trigger": (_deploy, _break_pr_trigger, "triggered by pull_request"),
    "pr-login": (PR, _break_pr_login, "uses azure/login"),
    "pr-target": (PR, _break_target, "pull_request_target"),
    "top-id-token": (_deploy, _break_permissions, "top-level permissions"),
    "write-all": (PR, _break_write_all, "permissions 'write-all'"),
    "cancel": (_deploy, _break_cancel, "cancel-in-progress is True"),
    "major": (PR, _break_major, "actions/checkout@v1, the stdlib's major"),
    "secret-in-run": (_deploy, _break_secret_in_run,
                      "a secret inside a longer value"),
    "literal": (_deploy, _break_literal, "looks like a credential"),
    "no-environment": (_deploy, _break_environment, "0 jobs with an "
                       "environment"),
    "needs": (_deploy, _break_needs, "does not need"),
    "dependabot": (os.path.join(".github", "dependabot.yml"),
                   _break_dependabot, "no updates for github-actions"),
    "pipelines-pr": ("azure-pipelines.yml", _break_pipelines,
                     "under no condition ne(Build.Reason"),
}


def do_break(out, kind):
    target, change, _ = BREAKS[kind]
    path = target(out) if callable(target) else os.path.join(out, target)
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    change(doc)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# broken by tests/ci/check.py break " + kind + "\n---\n")
        yaml.safe_dump(doc, f, sort_keys=False, width=1000)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "break":
        if len(sys.argv) == 2:  # the kinds and what each must report
            for kind, (_, _, want) in BREAKS.items():
                print(f"{kind}\t{want}")
            return 0
        do_break(sys.argv[2], sys.argv[3])
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--spec", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--stdlib", default=os.path.join(here, "..", "..",
                                                     "stdlib"))
    args = ap.parse_args()
    actions = read_majors(os.path.join(args.stdlib, "std", "github",
                                       "actions.djaz"), "action")
    tasks = read_majors(os.path.join(args.stdlib, "std", "azure",
                                     "pipelines.djaz"), "task")
    spec = Spec(args.spec)
    if spec.github and not spec.envs:
        print(f"{args.spec}: no env blocks")
        return 1
    errors = Checker(args.out, spec, actions, tasks).run()
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

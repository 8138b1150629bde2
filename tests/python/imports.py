#!/usr/bin/env python3
"""imports.py OUT: every package a file of a `djaz build` output imports
or runs is in the requirements file that installs it.

Python files are parsed (ast): each imported top-level module is mapped
to the distributions that provide it; DATABASES' PostgreSQL ENGINE needs
a psycopg driver; pytest-django's marker and fixtures need pytest-django.
startup.sh's `exec gunicorn` needs gunicorn and its --worker-class the
worker's package; tox.ini and the CI files need pytest, pytest-django
and (for --cov) pytest-cov.  The files are held to requirements.txt
(the settings modules, startup.sh), requirements-test.txt (tests/,
tox.ini, CI) or requirements-dev.txt (locustfile.py), following -r.  An
import the map does not know fails too: a template that grows an import
must say here which package provides it.  The other way too: a line
djaz adds (below "# Added by djaz") is a package some generated file
needs (pytest-cov only when the CI files run pytest --cov).  Exit 1 with
one line per gap.
"""
import ast
import os
import re
import sys

from packaging.requirements import Requirement

# Top-level module -> (distributions any of which provide it, extra).
MODULES = {
    "django": ({"django"}, None),
    "storages": ({"django-storages"}, "azure"),
    "azure": ({"azure-monitor-opentelemetry"}, None),
    "pytest": ({"pytest"}, None),
    "locust": ({"locust"}, None),
    "uvicorn_worker": ({"uvicorn-worker"}, None),
    "uvicorn": ({"uvicorn"}, None),
    "psycopg": ({"psycopg2", "psycopg2-binary", "psycopg"}, None),
}
POSTGRES = "django.db.backends.postgresql"


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(out, name, seen=()):
    """{normalized name: set of extras} of a requirements file, -r
    included."""
    found = {}
    for line in open(os.path.join(out, name), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            inc = line[3:].strip()
            if inc not in seen:
                found.update(read_requirements(out, inc, seen + (name,)))
            continue
        req = Requirement(line)
        found.setdefault(norm(req.name), set()).update(req.extras)
    return found


def python_needs(path):
    """What a generated Python file imports: (module, why) pairs."""
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0], f"from {node.module} import"
        elif isinstance(node, ast.Constant) and node.value == POSTGRES:
            yield "psycopg", f"ENGINE {POSTGRES}"
        elif isinstance(node, ast.Attribute) and node.attr == "django_db":
            yield "pytest-django", "pytest.mark.django_db"
        elif isinstance(node, ast.arg) and node.arg.startswith("django_db"):
            yield "pytest-django", f"fixture {node.arg}"


def text_needs(path):
    """What startup.sh, tox.ini and the CI files run."""
    text = open(path, encoding="utf-8").read()
    if re.search(r"^exec gunicorn\b", text, re.M):
        yield "gunicorn", "exec gunicorn"
    for cls in re.findall(r"--worker-class=([\w.]+)", text):
        yield cls.split(".")[0], f"--worker-class={cls}"
    if re.search(r"\bpytest\b", text):
        yield "pytest", "runs pytest"
    if "DJANGO_SETTINGS_MODULE" in text or re.search(r"\bpytest\b", text):
        yield "pytest-django", "pytest with DJANGO_SETTINGS_MODULE"
    if "--cov" in text:
        yield "pytest-cov", "pytest --cov"


def which_file(rel):
    if rel in ("startup.sh",) or os.path.basename(rel).startswith("djaz_"):
        return "requirements.txt"
    if rel == "locustfile.py":
        return "requirements-dev.txt"
    return "requirements-test.txt"


def added(out, name):
    """The normalized names of the lines djaz added to a requirements
    file (those below its "# Added by djaz" comment)."""
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    lines = open(path, encoding="utf-8").read().split("# Added by djaz", 1)
    return [norm(Requirement(x.strip()).name)
            for x in (lines[1].splitlines()[1:] if len(lines) > 1 else [])
            if x.strip() and not x.startswith("#")]


def main():
    out = sys.argv[1]
    gaps = []
    needed = set()
    std = set(sys.stdlib_module_names)
    for d, _, names in os.walk(out):
        for n in sorted(names):
            path = os.path.join(d, n)
            rel = os.path.relpath(path, out)
            if n.endswith(".py"):
                needs = python_needs(path)
            elif n in ("startup.sh", "tox.ini") or n.endswith(".yml"):
                needs = text_needs(path)
            else:
                continue
            have = read_requirements(out, which_file(rel))
            for module, why in needs:
                # The standard library, and the application's own
                # packages (the settings' package is in OUT).
                if module in std or os.path.isdir(os.path.join(out, module)):
                    continue
                if module in ("pytest-django", "pytest-cov", "gunicorn"):
                    dists, extra = {module}, None
                elif module in MODULES:
                    dists, extra = MODULES[module]
                else:
                    gaps.append(f"{rel}: {why}: no package known for "
                                f"`{module}` (tests/python/imports.py)")
                    continue
                needed.update(dists)
                hit = [x for x in dists if x in have]
                if not hit:
                    gaps.append(f"{rel}: {why}: {which_file(rel)} lacks "
                                f"{' or '.join(sorted(dists))}")
                elif extra and extra not in have[hit[0]]:
                    gaps.append(f"{rel}: {why}: {hit[0]} lacks [{extra}]")
    for name in ("requirements.txt", "requirements-dev.txt",
                 "requirements-test.txt"):
        for dist in added(out, name):
            if dist not in needed:
                gaps.append(f"{name}: djaz added {dist}, which no generated "
                            f"file needs")
    for g in sorted(set(gaps)):
        print(f"FAIL {out}: {g}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())

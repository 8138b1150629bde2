#!/usr/bin/env python3
"""Reads the requirements files of a `djaz build` output as pip would:
every line a comment, a `-r FILE` that exists beside it, or a PEP 508
requirement that `packaging` parses; requirements.txt pins every package
with ==.  Exits 1 with one line per problem.

    /usr/bin/python3 tests/python/check_requirements.py OUT
"""
import os
import sys

from packaging.requirements import InvalidRequirement, Requirement

out = sys.argv[1]
problems = []
for name in ("requirements.txt", "requirements-dev.txt", "requirements-test.txt"):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        problems.append(f"{name}: missing")
        continue
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-r "):
            if not os.path.exists(os.path.join(out, line[3:].strip())):
                problems.append(f"{name}:{n}: {line}: no such file")
            continue
        try:
            req = Requirement(line)
        except InvalidRequirement as e:
            problems.append(f"{name}:{n}: {e}")
            continue
        if name == "requirements.txt" and not any(
                s.operator == "==" for s in req.specifier):
            problems.append(f"{name}:{n}: {req.name} is not pinned")
for p in problems:
    print(f"FAIL {out}: {p}")
sys.exit(1 if problems else 0)

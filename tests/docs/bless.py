#!/usr/bin/env python3
"""Re-bless docs/language.md: rewrite every ```text block that follows a
```djaz block with what djaz prints now, using the same rules as run.sh
(markers, fragments, the pinned date).  Review the diff afterwards.

    /usr/bin/python3 tests/docs/bless.py path/to/djaz
"""
import os
import re
import subprocess
import sys
import tempfile

djaz = os.path.realpath(sys.argv[1])
doc = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "language.md")
lines = open(doc).read().split("\n")
env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1795478400")


def run(block, opt):
    text = "\n".join(block) + "\n"
    if opt != "whole-file" and not block[0].startswith("djaz"):
        text = "djaz 1\n" + text
    with tempfile.TemporaryDirectory() as work:
        open(os.path.join(work, "app.djaz"), "w").write(text)
        if opt in ("", "whole-file"):
            cmd, keep_stdout = [djaz, "parse", "--dump-ast", "app.djaz"], False
        else:
            cmd, keep_stdout = [djaz] + opt.split() + ["app.djaz"], True
        p = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
        out = (p.stderr + p.stdout) if keep_stdout else p.stderr
        return out.rstrip("\n").split("\n")


out, i, opt = [], 0, ""
while i < len(lines):
    line = lines[i]
    m = re.match(r"^<!-- doc-test: (.*) -->$", line)
    if m:
        opt = m.group(1)
    if line != "```djaz":
        out.append(line)
        i += 1
        continue
    end = lines.index("```", i + 1)
    block = lines[i + 1:end]
    out.extend(lines[i:end + 1])
    i = end + 1
    j = i
    while j < len(lines) and lines[j].strip() == "":
        j += 1
    if j < len(lines) and lines[j] == "```text":
        tend = lines.index("```", j + 1)
        out.extend(lines[i:j + 1])
        out.extend(run(block, opt))
        out.append("```")
        i = tend + 1
    opt = ""
open(doc, "w").write("\n".join(out))

"""compare.py A B VERSION_A VERSION_B: the trees A and B, built by djaz
VERSION_A and VERSION_B from one spec, differ only where the version is
allowed (see run.sh).  Exit 1 with each other difference."""
import json
import os
import re
import sys

# The files where the version does something, and how it appears.
CI = (".github/workflows/", "azure-pipelines.yml")


def files(root):
    out = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = open(p, "rb").read()
    return out


def is_ci(path):
    return path.startswith(CI[0]) or path == CI[1]


def pin(text, version):
    """The CI file's text with its DJAZ_VERSION pin (YAML may quote it)
    replaced by a placeholder."""
    v = re.escape(version)
    return re.sub(rf"DJAZ_VERSION: (?:'{v}'|\"{v}\"|{v})$", "DJAZ_VERSION: V",
                  text, flags=re.M)


def main():
    a_dir, b_dir, va, vb = sys.argv[1:5]
    a, b = files(a_dir), files(b_dir)
    errors = []
    if sorted(a) != sorted(b):
        errors.append(f"different files: {sorted(set(a) ^ set(b))}")
    seen_ci = False
    for path in sorted(set(a) & set(b)):
        if path == "djaz.json":
            ma, mb = json.loads(a[path]), json.loads(b[path])
            if ma.pop("generator") != f"djaz {va}" or \
                    mb.pop("generator") != f"djaz {vb}":
                errors.append("djaz.json: generator does not name the version")
            for m in (ma, mb):  # the hashes of the CI files may differ
                for art in m.get("artifacts", []):
                    if is_ci(art["path"]):
                        art.pop("sha256")
                        art.pop("bytes")
            if ma != mb:
                errors.append("djaz.json differs beyond generator and CI hashes")
        elif is_ci(path):
            seen_ci = True
            ta = pin(a[path].decode(), va)
            tb = pin(b[path].decode(), vb)
            if ta != tb or va in ta or vb in tb:
                errors.append(f"{path}: the version is outside DJAZ_VERSION")
        elif a[path] != b[path]:
            errors.append(f"{path} depends on djaz's version")
    if seen_ci and a != b and all(a[p] == b[p] for p in a if is_ci(p)):
        errors.append("the CI files do not pin djaz's version")
    for e in errors:
        print(f"FAIL {os.path.basename(a_dir)[:-2]}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""A killed `djaz build` never leaves OUT partial; the next build removes
what it left; concurrent builds into one OUT all end complete.

    tests/outdir/kill.py path/to/djaz SRCDIR

Two specs with different sets of files (the example and a minimal one)
are built in turn into one OUT.  Each build is killed (SIGKILL) after a
random delay up to 1.5 times the time a whole build takes, so kills land
everywhere: compiling, writing, syncing, exchanging, cleaning up; every
tenth build is left to finish.  After
every run, OUT must be exactly one of the two builds (its djaz.json is
one of the two, and OUT holds every file it lists, with its SHA-256, and
nothing else).  After every run that finished (exit 0), nothing that
looks like djaz's temporary tree may remain beside OUT.  Then rounds of
builds started together into one OUT (new, then existing) must all exit
0 and leave one complete build and nothing else.

DJAZ_KILL_RUNS sets the number of killed runs (500); DJAZ_KILL_SEED the
random seed (printed, so that a failure can be replayed).  On a disk so
busy that the runs take more than DJAZ_KILL_SECONDS (120), the loop stops
there, says so, and passes if it made 100 runs: fsync is as slow as the
disk."""
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

DJAZ = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
SPECS = [
    os.path.join(SRC, "examples/django-on-azure/app.djaz"),
    os.path.join(SRC, "tests/diagnostics/cases/sema-valid-minimal.djaz"),
]
RUNS = int(os.environ.get("DJAZ_KILL_RUNS", "500"))
SEED = int(os.environ.get("DJAZ_KILL_SEED", str(int(time.time()))))
SECONDS = float(os.environ.get("DJAZ_KILL_SECONDS", "120"))
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1795478400", NO_COLOR="1")
TEMP = re.compile(r"^\.out\.djaz-")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)
    if len(failures) > 10:
        sys.exit(1)


def build(spec, out):
    return subprocess.Popen([DJAZ, "build", "-q", spec, "-o", out], env=ENV,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def snapshot(out):
    """Every entry under out: path -> sha256 of a file, 'dir', or 'other'."""
    entries = {}
    for root, dirs, files in os.walk(out):
        for name in dirs + files:
            full = os.path.join(root, name)
            rel = os.path.relpath(full, out)
            if os.path.islink(full) or not (os.path.isfile(full)
                                             or os.path.isdir(full)):
                entries[rel] = "other"
            elif os.path.isdir(full):
                entries[rel] = "dir"
            else:
                with open(full, "rb") as f:
                    entries[rel] = hashlib.sha256(f.read()).hexdigest()
    return entries


def complete(out, manifests):
    """Which build OUT holds (an index of manifests), or why none."""
    try:
        with open(os.path.join(out, "djaz.json"), "rb") as f:
            text = f.read()
    except OSError as e:
        return "no djaz.json: %s" % e
    if text not in manifests:
        return "djaz.json is neither build's"
    listed = {a["path"]: a["sha256"]
              for a in json.loads(text)["artifacts"]}
    files = {p: h for p, h in snapshot(out).items() if h != "dir"}
    files.pop("djaz.json")
    if files != listed:
        extra = sorted(set(files) - set(listed))
        missing = sorted(set(listed) - set(files))
        changed = sorted(p for p in listed if p in files
                         and files[p] != listed[p])
        return "extra %s, missing %s, changed %s" % (extra, missing, changed)
    return manifests.index(text)


def temp_trees(parent):
    return sorted(n for n in os.listdir(parent) if TEMP.match(n))


def reference(work):
    """Each spec's djaz.json, from a build into a directory of its own."""
    manifests = []
    for i, spec in enumerate(SPECS):
        out = os.path.join(work, "ref%d" % i)
        p = build(spec, out)
        _, err = p.communicate()
        if p.returncode != 0:
            sys.exit("cannot build %s: %s" % (spec, err.decode()))
        with open(os.path.join(out, "djaz.json"), "rb") as f:
            manifests.append(f.read())
    return manifests


def duration(work):
    """The median time of a whole build into an existing OUT."""
    out = os.path.join(work, "calibrate")
    times = []
    for i in range(7):
        start = time.monotonic()
        build(SPECS[i % 2], out).wait()
        times.append(time.monotonic() - start)
    return sorted(times)[len(times) // 2]


def killed_runs(work, manifests):
    parent = os.path.join(work, "kill")
    os.mkdir(parent)
    out = os.path.join(parent, "out")
    if build(SPECS[0], out).wait() != 0:
        sys.exit("the first build failed")
    whole = duration(work)
    rng = random.Random(SEED)
    finished = left = runs = 0
    deadline = time.monotonic() + SECONDS
    for run in range(RUNS):
        if time.monotonic() > deadline:
            print("stopped at the time limit (DJAZ_KILL_SECONDS=%g)" % SECONDS)
            if run < 100:
                fail("only %d runs in %g s" % (run, SECONDS))
            break
        runs += 1
        which = run % 2
        p = build(SPECS[which], out)
        if run % 10 != 9:
            time.sleep(rng.uniform(0, 1.5 * whole))
            p.send_signal(signal.SIGKILL)
        _, err = p.communicate()
        state = complete(out, manifests)
        if not isinstance(state, int):
            fail("run %d: OUT is partial: %s" % (run, state))
        if p.returncode == 0:
            finished += 1
            if state != which:
                fail("run %d: exit 0 but OUT is not the new build" % run)
            if temp_trees(parent):
                fail("run %d: exit 0 but left %s" % (run, temp_trees(parent)))
        elif p.returncode != -signal.SIGKILL:
            fail("run %d: exit %d: %s" % (run, p.returncode, err.decode()))
        elif temp_trees(parent):
            left += 1
    # The next build after the last kill cleans up too.
    if build(SPECS[0], out).wait() != 0 or temp_trees(parent):
        fail("the build after the last kill left %s" % temp_trees(parent))
    if sorted(os.listdir(parent)) != ["out"]:
        fail("beside OUT: %s" % os.listdir(parent))
    print("%d killed runs (a build takes %.1f ms): %d finished, %d left a "
          "temporary tree" % (runs, whole * 1e3, finished, left))
    # A test that never killed a build mid-write proved nothing.
    if runs >= 100 and left == 0:
        fail("the delays missed: no run left a temporary tree")


def concurrent_runs(work, manifests):
    parent = os.path.join(work, "together")
    for rnd in range(10):
        # Even rounds start with no OUT (nor its parent): every build
        # races to create it.
        if rnd % 2 == 0 and os.path.exists(parent):
            shutil.rmtree(parent)
        out = os.path.join(parent, "out")
        procs = [build(SPECS[i % 2], out) for i in range(6)]
        for p in procs:
            _, err = p.communicate()
            if p.returncode != 0:
                fail("round %d: exit %d: %s" % (rnd, p.returncode,
                                                err.decode()))
        state = complete(out, manifests)
        if not isinstance(state, int):
            fail("round %d: OUT is partial: %s" % (rnd, state))
        if sorted(os.listdir(parent)) != ["out"]:
            fail("round %d: beside OUT: %s" % (rnd, os.listdir(parent)))
    print("10 rounds of 6 builds together: each complete")


def main():
    print("seed %d (DJAZ_KILL_SEED replays it)" % SEED)
    work = tempfile.mkdtemp(prefix="djaz-kill-")
    try:
        manifests = reference(work)
        killed_runs(work, manifests)
        concurrent_runs(work, manifests)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("outdir.kill: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


main()

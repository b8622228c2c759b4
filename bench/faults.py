"""Faults: kill `rasd run` at random batch points and check the resumed store against a clean run.

    python bench/faults.py [--n 1000] [--points 10] [--batch 50] [--seed 1]

Builds (once) the generated corpus of n articles (bench/cluster.py's), runs it clean, then for
each of `--points` random batch numbers kills a run there (SIGKILL, right after that batch
committed) and reruns it to the end. The export of articles, the events (id, members, story) and
the copy links of every resumed store must equal the clean run's. Then two writers started at
once on one store must give the same store as one run after the other, and an article edited
in place and rerun must leave no stale count or link. Prints one line per check.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cluster import corpus  # bench/cluster.py: the shared generated corpus
from rasd.store import Store
from rasd.store.lock import writer_lock

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT: dict[str, str] = {}  # PYTHONPATH of a copy of src/ taken at start: edits during a long run do not mix in


def rasd(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True,
                          env={**os.environ, **SNAPSHOT, **(env or {})})


def state(db: Path) -> dict[str, Any]:
    """What must not depend on how the store was built: articles, events, stories, links."""
    with Store(db, readonly=True) as store:
        articles = sorted(json.dumps(json.loads(r), sort_keys=True)
                          for r in rasd("export", "--db", str(db)).stdout.splitlines())
        placements = store.placements()
        events: dict[str, list[str]] = {}
        for art, (ev, _) in placements.items():
            events.setdefault(ev, []).append(art)
        counts = {e.id: (e.articles, e.story) for e in store.events(limit=10**9)}
        links = [(x.article, x.other, x.kind, round(x.score, 6)) for x in store.links()]
    return {"articles": articles, "placements": placements, "events": {k: sorted(v) for k, v in events.items()},
            "counts": counts, "links": links}


def differences(a: dict[str, Any], b: dict[str, Any]) -> str:
    out = []
    for key in a:
        if a[key] != b[key]:
            if key == "placements":
                moved = sum(1 for k in a[key] if a[key][k] != b[key].get(k))
                out.append(f"{moved} articles in other events/stories")
            else:
                out.append(f"{key} differ")
    return ", ".join(out) or "identical"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--points", type=int, default=10)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    src = corpus(args.n) / "corpus.jsonl"
    batches = -(-args.n // args.batch)
    run = ["run", str(src), "--batch-size", str(args.batch), "--json"]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        shutil.copytree(ROOT / "src", t / "src")
        SNAPSHOT["PYTHONPATH"] = str(t / "src")
        t0 = time.perf_counter()
        assert rasd(*run, "--db", str(t / "clean.db")).returncode == 0
        clean = state(t / "clean.db")
        print(f"clean run: {args.n} articles, {len(clean['events'])} events, {len(clean['links'])} links, "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
        points = sorted(random.Random(args.seed).sample(range(1, batches), min(args.points, batches - 1)))
        same = 0
        for k in points:
            db = t / f"kill{k}.db"
            died = rasd(*run, "--db", str(db), env={"RASD_TEST_KILL_AFTER_BATCHES": str(k)})
            resumed = rasd(*run, "--db", str(db))
            diff = differences(clean, state(db)) if resumed.returncode == 0 else f"rerun failed: {resumed.stderr}"
            same += diff == "identical"
            print(f"killed after batch {k:3d} (exit {died.returncode}), resumed: {diff}", flush=True)
        print(f"kill-and-resume identical to a clean run at {same} of {len(points)} kill points")
        halves = [t / "first.jsonl", t / "second.jsonl"]  # two writers, two inputs (cross-input copies)
        lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
        halves[0].write_text("".join(lines[0::2]), encoding="utf-8")
        halves[1].write_text("".join(lines[1::2]), encoding="utf-8")
        both = t / "both.db"
        with writer_lock(str(both)):  # both start while the store is busy, then race for it
            procs = [subprocess.Popen([sys.executable, "-m", "rasd", "run", str(h), "--batch-size", str(args.batch),
                                       "--db", str(both)], env={**os.environ, **SNAPSHOT}, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for h in halves]
            time.sleep(5)
        codes = [p.wait() for p in procs if p.communicate() is not None]  # read the pipes: a full one blocks
        with Store(both, readonly=True) as store:
            first_id = next(iter(store.copy_texts()))[0]
        firsts = {json.loads(line)["id"] for line in lines[0::2]}
        order = halves if first_id in firsts else halves[::-1]
        seq = t / "seq.db"
        for h in order:
            assert rasd("run", str(h), "--batch-size", str(args.batch), "--db", str(seq)).returncode == 0
        print(f"two writers at once on two halves (exit {codes}): {differences(state(seq), state(both))} "
              f"to one run after the other ({len(state(seq)['links'])} links)")


if __name__ == "__main__":
    main()

"""The cost of a small run that adds to a big store (news arriving), on stores kept between runs.

usage: python bench/addrun.py build --n 3000 --n 10000 --n 30000 [--add 100]
       python bench/addrun.py add [--n 3000 ...] [--repeat 1] [--profile FILE]

`build` ingests the first n articles of one generated corpus (bench/cluster.py's, seed 42, of
max(n) + add articles) into bench/out/stores/store-N.db, each size by adding to the previous one,
and writes the next `add` articles after each size to add-N.jsonl. `add` copies each store to a
scratch file and times, in a fresh process, one `rasd run` of add-N.jsonl into the copy: CPU of
the whole process (user+sys: imports and loading included) and of `run`, wall time, peak RSS.
`--profile FILE` writes a cProfile of `run` (the first repeat of the first n).
A store built by an older rasd is brought to this one's schema by the first run that opens it:
run `add` once before timing (`--repeat 2` and read the second).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cluster import corpus, slice_lines  # bench/cluster.py: the shared generated corpus (seed 42)

OUT = Path(__file__).resolve().parent / "out" / "stores"


def _use(folder: Path) -> None:
    global OUT
    OUT = folder


def build(ns: list[int], add: int) -> None:
    from rasd.config import settings
    from rasd.pipeline import run
    from rasd.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    src = corpus(max(ns) + add) / "corpus.jsonl"
    db, prev = OUT / "building.db", 0
    for n in sorted(ns):
        part = OUT / f"part-{n}.jsonl"
        slice_lines(src, part, prev, n)
        c0 = time.process_time()
        with Store(db) as store:
            run([part], store, config=settings(batch_size=200, workers=1))
        print(f"{n:,} articles stored ({time.process_time() - c0:.1f} s CPU for the last {n - prev:,})", flush=True)
        _copy_store(db, OUT / f"store-{n}.db")  # the store is closed: its WAL is checkpointed into the file
        slice_lines(src, OUT / f"add-{n}.jsonl", n, n + add)
        part.unlink()
        prev = n


def _copy_store(src: Path, dst: Path) -> None:
    """Copy a closed store with the search index kept beside it (`<db>.search/`): without the index
    the run would rebuild it from every stored article and time that instead of the 100 it adds."""
    shutil.copy(src, dst)
    index, copy = src.with_name(src.name + ".search"), dst.with_name(dst.name + ".search")
    shutil.rmtree(copy, ignore_errors=True)
    if index.is_dir():
        shutil.copytree(index, copy)


def one(n: int, profile: str | None) -> dict[str, Any]:
    """In this process: copy store-n, add add-n.jsonl to the copy."""
    import pipeline as bench_pipeline  # bench/pipeline.py: CPU seconds by stage
    from rasd.config import settings
    from rasd.pipeline import run
    from rasd.store import Store

    bench_pipeline._instrument()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "add.db"
        _copy_store(OUT / f"store-{n}.db", db)
        t0, c0 = time.perf_counter(), time.process_time()
        with Store(db) as store:
            if profile:
                import cProfile

                prof = cProfile.Profile()
                summary = prof.runcall(run, [OUT / f"add-{n}.jsonl"], store, config=settings(batch_size=200))
                prof.dump_stats(profile)
            else:
                summary = run([OUT / f"add-{n}.jsonl"], store, config=settings(batch_size=200))
        wall, run_cpu = time.perf_counter() - t0, time.process_time() - c0
    r = resource.getrusage(resource.RUSAGE_SELF)
    return {"n": n, "added": len(summary.stored), "wall_s": round(wall, 2), "run_cpu_s": round(run_cpu, 2),
            "process_cpu_s": round(r.ru_utime + r.ru_stime, 2), "peak_rss_mb": round(r.ru_maxrss / 1024),
            "stages_cpu_s": {k: round(v, 2) for k, v in sorted(bench_pipeline.STAGES.items(), key=lambda kv: -kv[1])}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["build", "add", "one"])
    ap.add_argument("--n", type=int, action="append")
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--profile")
    ap.add_argument("--stores", type=Path, default=OUT, help="where the stores and add-N.jsonl are")
    a = ap.parse_args()
    _use(a.stores)
    ns = a.n or [3000, 10_000, 30_000]
    if a.what == "build":
        build(ns, a.add)
    elif a.what == "one":
        print(json.dumps(one(ns[0], a.profile)))
    else:
        for i, n in enumerate(ns):
            for k in range(a.repeat):
                args = [sys.executable, __file__, "one", "--n", str(n), "--stores", str(a.stores)]
                if a.profile and i == 0 and k == 0:
                    args += ["--profile", a.profile]
                out = subprocess.run(args, capture_output=True, text=True)
                if out.returncode:
                    sys.exit(out.stderr)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"store {n:,}: added {r['added']} in {r['wall_s']} s wall, {r['process_cpu_s']} s CPU of the "
                      f"process ({r['run_cpu_s']} s in run), peak RSS {r['peak_rss_mb']:,} MB", flush=True)
                print("  CPU s: " + ", ".join(f"{k} {v}" for k, v in r["stages_cpu_s"].items()), flush=True)


if __name__ == "__main__":
    main()

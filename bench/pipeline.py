"""End-to-end benchmark: `rasd run` on a generated corpus, as an analyst runs it.

usage: python bench/pipeline.py [--n 10000 ...] [--add 100] [--batch 200] [--workers 1]
Each --n runs in its own process (peak RSS is that run's) over the corpus built by
../shared/tools/gen_corpus.py (seed 42, shared with the other benchmarks). It ingests the
first n articles into a new store through `rasd.pipeline.run` (read, clean, describe, time,
copies, events, stories, extraction, SQLite writes), then adds --add articles more from the
same corpus to the finished store in a second run, as news arriving later would.
Prints articles/s (wall) and articles per CPU-second (user+sys of this process: on a shared
machine the wall time measures the other work too), CPU microseconds per article by stage, CPU ms
per article over the first and last tenth of the input (by batch), peak RSS, and the time and
memory of the small second run.
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cluster import corpus, slice_lines  # bench/cluster.py: the shared generated corpus (seed 42)

STAGES: dict[str, float] = defaultdict(float)


def _timed(owner: Any, name: str, label: str) -> None:
    """Wrap `owner.name` so its time adds to STAGES[label]."""
    fn: Callable[..., Any] = getattr(owner, name)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kw: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kw)
        finally:
            STAGES[label] += time.process_time() - t

    setattr(owner, name, wrapper)


def _instrument() -> None:
    import rasd.pipeline as p
    from rasd.events.corpus import Corpus
    from rasd.extract.stage import ExtractStage
    from rasd.store.db import Store

    for name, label in (("clean", "clean"), ("describe", "describe"), ("resolve_time", "time refs"),
                        ("event_titles", "event titles")):
        _timed(p, name, label)
    _timed(Corpus, "load", "corpus load")
    _timed(Corpus, "add_all", "copies+events+stories")
    _timed(Corpus, "rows", "corpus rows")
    _timed(ExtractStage, "rows", "extraction")
    _timed(Store, "save_batch", "sqlite writes")


def one(n: int, add: int, batch: int, tmp: Path, workers: int = 1) -> dict[str, Any]:
    """Ingest the first n articles into a new store under `tmp`; leave the next `add` for `add_more`."""
    import rasd.pipeline as p
    from rasd.config import settings
    from rasd.copies.warm import warm
    from rasd.pipeline import run
    from rasd.store import Store

    warm()  # compiled loops loaded (or compiled) before the clock starts
    _instrument()
    src = corpus(n + add) / "corpus.jsonl"
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    slice_lines(src, first, 0, n)
    slice_lines(src, second, n, n + add)
    marks: list[tuple[int, float]] = []
    save = p.Store.save_batch

    def mark(self: Any, articles: Any, *a: Any, **kw: Any) -> Any:
        out = save(self, articles, *a, **kw)
        if articles:
            marks.append((len(articles), time.process_time()))
        return out

    p.Store.save_batch = mark  # type: ignore[method-assign]
    t0, c0 = time.perf_counter(), time.process_time()
    with Store(tmp / "bench.db") as store:
        summary = run([first], store, config=settings(batch_size=batch, workers=workers))
    total, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stages = {k: v / max(1, len(summary.stored)) * 1e6 for k, v in STAGES.items()}
    done, prev, per = 0, c0, []
    for k, t in marks:
        per.append((done, k, t - prev))
        done, prev = done + k, t
    tenth = max(1, n // 10)
    head = [x for x in per if x[0] < tenth]
    tail = [x for x in per if x[0] + x[1] > n - tenth]

    def ms(xs: list[tuple[int, int, float]]) -> float:
        return 1000 * sum(x[2] for x in xs) / max(1, sum(x[1] for x in xs))

    return {
        "n": n, "stored": len(summary.stored), "seconds": round(total, 1), "articles_per_s": round(n / total, 1),
        "cpu_seconds": round(cpu, 1), "articles_per_cpu_s": round(n / cpu, 1),
        "ms_first_tenth": round(ms(head), 2), "ms_last_tenth": round(ms(tail), 2), "peak_rss_mb": round(peak),
        "us_per_article": {k: round(v) for k, v in sorted(stages.items(), key=lambda kv: -kv[1])},
    }  # fmt: skip


def add_more(tmp: Path, batch: int) -> dict[str, Any]:
    """The second, small run: new articles into the finished store, in a process of its own."""
    from rasd.config import settings
    from rasd.pipeline import run
    from rasd.store import Store

    t0, c0 = time.perf_counter(), time.process_time()
    with Store(tmp / "bench.db") as store:
        summary = run([tmp / "second.jsonl"], store, config=settings(batch_size=batch))
    return {"add": len(summary.stored), "add_seconds": round(time.perf_counter() - t0, 2),
            "add_run_cpu_seconds": round(time.process_time() - c0, 2),
            "add_cpu_seconds": round(_cpu(), 2),
            "add_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _cpu() -> float:
    """User+sys seconds of this process so far (imports and loading included)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _child(*args: str) -> dict[str, Any]:
    """Run this script in a fresh process (started from the small parent, so its peak RSS is its own)."""
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if out.returncode:
        sys.exit(out.stderr)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, action="append", help="articles (repeatable); default 10000")
    ap.add_argument("--add", type=int, default=100, help="articles added to the finished store afterwards")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--workers", type=int, default=1, help="processes for the per-article stages (rasd run --workers)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--more", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one(a.one, a.add, a.batch, a.dir, a.workers)))
        return
    if a.more:
        print(json.dumps(add_more(a.dir, a.batch)))
        return
    for n in a.n or [10_000]:
        with tempfile.TemporaryDirectory() as tmp:
            r = _child("--one", str(n), "--add", str(a.add), "--batch", str(a.batch), "--dir", tmp,
                       "--workers", str(a.workers))
            r |= _child("--more", "--batch", str(a.batch), "--dir", tmp)
        print(f"n={r['n']:,} workers={a.workers}  {r['articles_per_s']:,} articles/s ({r['seconds']} s wall), "
              f"{r['articles_per_cpu_s']:,} articles per CPU-second ({r['cpu_seconds']} s user+sys)  "
              f"peak RSS {r['peak_rss_mb']:,} MB  ms/article first tenth {r['ms_first_tenth']}, "
              f"last tenth {r['ms_last_tenth']}")
        print("  us per article: " + ", ".join(f"{k} {v:,}" for k, v in r["us_per_article"].items()))
        print(f"  adding {r['add']} articles to that store: {r['add_seconds']} s wall, {r['add_cpu_seconds']} s CPU "
              f"for the whole process ({r['add_run_cpu_seconds']} s in `run`), peak RSS {r['add_peak_rss_mb']:,} MB")


if __name__ == "__main__":
    main()

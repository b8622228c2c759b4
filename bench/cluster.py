"""Corpus-stage benchmark: the copies index over a generated corpus; speed, memory, copy recall/precision.

usage: python bench/cluster.py --n 10000 [--n 100000 ...] [--batch 256] [--window N]
Each --n runs in its own process (so peak RSS is that run's), over the corpus built by
../shared/tools/gen_corpus.py with a fixed seed, read in file order. Articles go to the
copies index in batches of --batch (`rasd run` adds each batch of 200 in one call; 1: one `add` each).

gauge: us an article to hash the words of the first 1,024 articles, a CPU-only measure of how
fast the machine is at the time (it drifts by 1.5-2x here).
recall: planted copies (truth copy_of set) linked exact/near to their original or to another
copy of it; precision: exact/near links whose two articles belong to one planted group.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.copies import CopyConfig, CopyDoc, CopyIndex, CopyLink
from rasd.copies.features import words
from rasd.copies.warm import warm

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "tools" / "gen_corpus.py"
Record = dict[str, Any]



def slice_lines(src: Path, out: Path, start: int, stop: int) -> int:
    """Lines [start, stop) of a JSONL corpus into `out`; how many were written."""
    n = 0
    with src.open(encoding="utf-8") as f, out.open("w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= stop:
                break
            if i >= start:
                g.write(line)
                n += 1
    return n

def corpus(n: int) -> Path:
    """The generated corpus of n articles (built on first use, then reused)."""
    out = ROOT / "bench" / "out" / f"corpus-{n}"
    if not (out / "truth.jsonl").exists():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(n), str(out), "--seed", "42"], check=True)
    return out


def records(folder: Path) -> Iterator[Record]:
    """corpus.jsonl rows in file order."""
    with open(folder / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def groups(folder: Path) -> dict[str, str]:
    """article id -> its planted copy group (the original's id), for originals that have copies and their copies."""
    copy_of: dict[str, str] = {}
    with open(folder / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            if t["copy_of"]:
                copy_of[t["id"]] = t["copy_of"]
    out = dict(copy_of)
    out.update((orig, orig) for orig in set(copy_of.values()))
    return out


@dataclass(slots=True)
class Run:
    """What one run measured."""

    n: int = 0
    seconds: float = 0.0
    per_article: list[float] = field(default_factory=list)  # seconds, one per article (batch time / size)
    aligned: list[float] = field(default_factory=list)  # pairs aligned word by word, one per article (batch / size)
    links: list[CopyLink] = field(default_factory=list)

    def edge_ms(self, first: bool) -> float:
        """ms per article over the first (or last) 10% of the run."""
        return 1000 * _edge(self.per_article, first)

    def edge_aligned(self, first: bool) -> float:
        """Pairs aligned per article over the first (or last) 10% of the run (the corpus reuses more
        sentences as it grows, so this rises with n whatever the index does)."""
        return _edge(self.aligned, first)

    def worst_ms(self) -> float:
        """ms per article over the slowest tenth of the run (where the index doubled, if it did)."""
        k = max(1, len(self.per_article) // 10)
        return max(1000 * sum(self.per_article[i : i + k]) / k for i in range(0, len(self.per_article) - k + 1, k))


def _edge(values: list[float], first: bool) -> float:
    """Mean over the first (or last) 10%."""
    k = max(1, len(values) // 10)
    part = values[:k] if first else values[-k:]
    return sum(part) / len(part)


def feed(folder: Path, batch: int, config: CopyConfig) -> tuple[Run, CopyIndex]:
    """Every article through the copies index, in file order, `batch` at a time."""
    warm()  # builds the folding table and loads every compiled loop (~1-2 s, once a process)
    index = CopyIndex(config)
    run = Run()
    pending: list[Record] = []

    def flush() -> None:
        """The pending records through the copies stage (bench/events.py measures events and stories)."""
        docs = [CopyDoc(r["id"], dt.datetime.fromisoformat(r["published"]) if r.get("published") else None, r["text"])
                for r in pending]  # fmt: skip
        before = index.aligned_pairs
        t0 = time.perf_counter()
        found = index.add_many(docs)
        spent = time.perf_counter() - t0
        run.seconds += spent
        run.per_article.extend([spent / len(docs)] * len(docs))
        run.aligned.extend([(index.aligned_pairs - before) / len(docs)] * len(docs))
        for links in found:
            run.links.extend(links)
        run.n += len(docs)
        pending.clear()

    for record in records(folder):
        pending.append(record)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return run, index


def scores(links: list[CopyLink], group: dict[str, str]) -> tuple[float, float]:
    """(recall, precision) of exact/near links against the planted copy groups."""
    copy_links = [x for x in links if x.kind in ("exact", "near")]
    found = set()
    right = 0
    for x in copy_links:
        ga, gb = group.get(x.article), group.get(x.other)
        if ga is not None and ga == gb:
            right += 1
            found.update((x.article, x.other))
    copies = [a for a, g in group.items() if a != g]
    recall = sum(a in found for a in copies) / len(copies) if copies else 1.0
    precision = right / len(copy_links) if copy_links else 1.0
    return recall, precision


def gauge(folder: Path) -> float:
    """Machine speed: us an article to hash the words of the corpus's first 1,024 articles (best of 3;
    CPU-bound, independent of the index). This machine drifts by 1.5-2x between runs: compare rates
    with their gauge."""
    texts = [r["text"] for r, _ in zip(records(folder), range(1024), strict=False)]
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        words(texts)
        best = min(best, time.perf_counter() - t0)
    return 1e6 * best / len(texts)


def single(n: int, batch: int, window: int | None) -> dict[str, Any]:
    """One run, in this process: the figures as a dict."""
    folder = corpus(n)
    speed = gauge(folder)
    run, index = feed(folder, batch, CopyConfig(passage_max_docs=window))
    recall, precision = scores(run.links, groups(folder))
    stats = index.stats()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": run.n, "batch": batch, "rate": run.n / run.seconds, "rss_mb": rss, "gauge": speed,
        "recall": recall, "precision": precision, "first_ms": run.edge_ms(True), "last_ms": run.edge_ms(False),
        "worst_ms": run.worst_ms(), "aligned_first": run.edge_aligned(True), "aligned_last": run.edge_aligned(False),
        "passages": sum(x.kind == "passage" for x in run.links), "near": sum(x.kind == "near" for x in run.links),
        "exact": sum(x.kind == "exact" for x in run.links),
        "index_mb": (stats["bytes_signatures"] + stats["bytes_postings"] + stats["bytes_words"]) / 2**20,
    }  # fmt: skip


def main() -> None:
    """Run each size in a fresh process and print one table row per run."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, action="append", help="corpus size (repeatable); default 10000")
    ap.add_argument("--batch", type=int, default=256, help="articles per add_many call (1: one add each)")
    ap.add_argument("--window", type=int, default=None, help="passage window: keep the words of the latest N only")
    ap.add_argument("--single", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    sizes = a.n or [10_000]
    if a.single:
        print(json.dumps(single(sizes[0], a.batch, a.window)))
        return
    head = (f"{'n':>8} {'batch':>5} {'art/s':>7} {'peak RSS MB':>11} {'index MB':>8} {'recall':>7} {'precision':>9} "
            f"{'ms/art first 10%':>16} {'last 10%':>8} {'worst 10%':>9} "
            f"{'near':>6} {'exact':>5} {'passage':>7} {'aligned/art first, last 10%':>27} {'gauge us':>8}")  # fmt: skip
    print(head)
    for n in sizes:
        cmd = [sys.executable, __file__, "--single", "--n", str(n), "--batch", str(a.batch)]
        if a.window is not None:
            cmd += ["--window", str(a.window)]
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
        print(f"{r['n']:>8} {r['batch']:>5} {r['rate']:>7.0f} {r['rss_mb']:>11.0f} {r['index_mb']:>8.0f} "
              f"{r['recall']:>7.4f} {r['precision']:>9.4f} {r['first_ms']:>16.3f} {r['last_ms']:>8.3f} "
              f"{r['worst_ms']:>9.3f} {r['near']:>6} {r['exact']:>5} {r['passages']:>7} "
              f"{r['aligned_first']:>13.2f}, {r['aligned_last']:.2f} {r['gauge']:>12.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""Search engine benchmark: SQLite FTS5 (rasd's store, trigram index) against the word index beside
the store (tantivy: store/textindex.py).

usage: python bench/search.py --n 100000 [--corpus DIR/corpus.jsonl] [--engine both|sqlite|store|tantivy]
                              [--queries 2000] [--workdir DIR] [--keep PATH] [--repeat R] [--json]
The corpus is built by ../shared/tools/gen_corpus.py (seed 42) unless --corpus names one. Each
engine runs in a child process (so its peak memory is its own), in one process and one thread:
- sqlite: `Store.search` with FTS5 alone (RASD_SEARCH_INDEX=off) on a store of the N articles
  (`Store.save_batch` of articles built straight from the generated text, no pipeline);
- store: `Store.search` on the same store through its word index (synced after the build, as
  `rasd run` does): the whole path a search takes (parse with the store's spelling vocabulary,
  the index, the hit rows out of SQLite);
- tantivy: the word index alone (`TextIndex`), built straight from the corpus without a store (the
  engine the 1M stand-in measures, --repeat 10);
- build: the N articles indexed from nothing (store: the index sync only);
- disk: the store's files / the index folder after the build;
- queries: the same generated queries for both (single words, two words of one article apart, a
  quoted two-word phrase, a known name), each parsed by `store/query.py` and asked for its 20 best
  by bm25; queries/s over the whole run and p50/p99 of each query's wall time, after 100 warm-ups;
- peak memory: the child's maximum resident set (ru_maxrss);
- the same in CPU time of the process (build, queries/s, p50/p99), which other work on a shared
  machine disturbs less than wall time.
Generated text says nothing about quality: the search eval (`rasd eval search`) is where that is measured.

Figures (2-core machine shared with four other agents, load average 6-11: read the CPU columns):
| engine | articles | build wall/CPU s | disk MB | queries/s wall/CPU | p50 ms wall/CPU | p99 ms wall/CPU | peak MB |
|---|---|---|---|---|---|---|---|
| SQLite FTS5 | 100k | 725 / 190 | 2,116 | 5.4 / 9.8 | 77 / 43 | 1,573 / 606 | 122 |
| tantivy | 100k | 99 / 67 | 63 | 489 / 740 | 0.31 / 0.30 | 31 / 21 | 179 (run 1) |
| tantivy | 1M (100k x10) | 937 / 188 | 609 | 19.5 / 93 | 2.5 / 1.6 | 1,211 / 212 | 1,478 (texts cached) |
(500 queries at 100k, 2,000 at 1M; a first 100k run with 2,000 queries gave SQLite 2.0 queries/s,
p50 195 ms, p99 3.3 s wall and tantivy 156 queries/s, p99 111 ms wall, under heavier load.)
With the word index as rasd now runs it (store/textindex.py: core words plus every word's endings,
so a term is found inside a word as FTS5 finds it; 2,000 queries; load average ~12):
| engine | articles | build wall/CPU s | disk MB | queries/s wall/CPU | p50 ms wall/CPU | p99 ms wall/CPU | peak MB |
|---|---|---|---|---|---|---|---|
| tantivy (index alone) | 100k | 1,541 / 191 | 192 | 38.6 / 361 | 1.12 / 0.98 | 381 / 40 | 408 |
| sqlite (FTS5, `Store.search`) | 10k, pipeline store | - | 426 | 17.2 / 88 | 22 / 5.2 | 392 / 78 | 134 |
| store (`Store.search`, index) | 10k, pipeline store | 0.3 (sync) | 20 | 186 / 1,028 | 0.75 / 0.74 | 40 / 7.4 | 155 |
| tantivy, phrases as pairs | 100k | 725 / 278 | 365 | 202 / 831 | 0.60 / 0.58 | 27 / 7.0 | 638 |
| store, phrases as pairs | 10k, pipeline store | 59 (rasd index) | 45 | 392 / 1,490 | 0.64 / 0.63 | 9.9 / 1.6 | 177 |
(10k: bench/out/serve-10000.db, the store bench/serve.py builds with `rasd run`, --keep; 1,000
queries.) The endings field halves the 100k rate of the one-field index above (740 -> 361
queries/s CPU, p99 21 -> 40 ms) and buys the recall FTS5 had (`rasd eval search` 0.901 without it,
0.951 with it; FTS5 0.948). Not measured: the store engine at 100k (the 100k SQLite store takes
~12 min of CPU to build here) and anything at 1M with this index.
1M is the 100k corpus indexed ten times over (gen_corpus.py at 1M did not finish on the shared
machine): every posting list is ten times longer, as at 1M, but the text is repeated. SQLite at 1M
was not run (a 21 GB store, hours of build here).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cluster import corpus as corpus_folder  # bench/cluster.py
from rasd.arabic.normalize import normalize
from rasd.model import Article, Span
from rasd.store import Store
from rasd.store.query import parse
from rasd.store.textindex import IndexRow, TextIndex

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 20
WARMUP = 100
_WORD = re.compile(r"[\u0621-\u064a]+")
NAMES = ("ترمب", "زيلنسكي", "قرة باغ", "بوتين", "أردوغان", "ماكرون", "نتنياهو", "كاراباخ")


def corpus(n: int) -> Path:
    """The shared generated corpus of n articles (bench/cluster.py builds it once, seed 42)."""
    return corpus_folder(n) / "corpus.jsonl"


def docs(path: Path, n: int, repeat: int = 1) -> Iterator[dict[str, Any]]:
    """The corpus's first `n` articles, `repeat` times over (ids suffixed #1, #2... after the first)."""
    for r in range(repeat):
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= n:
                    break
                d = json.loads(line)
                if r:
                    d["id"] = f"{d['id']}#{r}"
                d["_line"] = i
                yield d


def make_queries(path: Path, n_docs: int, count: int, seed: int = 7) -> list[str]:
    """Queries people might type, drawn from the corpus's own words: 40% one word, 30% two words
    of one article far apart, 20% a quoted two-word phrase, 10% a name in any of its spellings."""
    rng = random.Random(seed)
    picks = sorted(rng.sample(range(n_docs), min(count, n_docs)))
    out: list[str] = []
    want = iter(picks)
    nxt = next(want, None)
    for i, d in enumerate(docs(path, n_docs)):
        if nxt is None:
            break
        if i != nxt:
            continue
        nxt = next(want, None)
        words = [w for w in _WORD.findall(d["text"]) if len(w) >= 4]
        if len(words) < 10:
            continue
        r = rng.random()
        if r < 0.4:
            out.append(rng.choice(words))
        elif r < 0.7:
            a = rng.randrange(len(words) - 6)
            out.append(f"{words[a]} {words[rng.randrange(a + 5, len(words))]}")
        elif r < 0.9:
            a = rng.randrange(len(words) - 1)
            out.append(f'"{words[a]} {words[a + 1]}"')
        else:
            out.append(rng.choice(NAMES))
    rng.shuffle(out)
    return out


def _article(d: dict[str, Any]) -> Article:
    text = str(d["text"])
    return Article(id=str(d["id"]), raw=text, origin="bench", fmt="jsonl", content_hash=str(hash(text)),
                   source=d.get("source"), paragraphs=(Span(0, len(text)),), title=d.get("title"),
                   language="ar")  # fmt: skip


class SqliteEngine:
    """rasd's store searched through `Store.search` (parse with the store's spelling vocabulary, match,
    rank, fetch the hit rows): with FTS5 alone (`sqlite`), or through the word index beside the store
    (`store`: store/textindex.py, synced after the store is built, as `rasd run` does). With --keep
    the store is built once and reused by later runs."""

    def __init__(self, work: Path, indexed: bool, keep: Path | None = None) -> None:
        self.indexed = indexed
        self.path = keep if keep is not None else work / "search.db"
        self.reused = self.path.exists()
        os.environ["RASD_SEARCH_INDEX"] = "on" if indexed else "off"
        self.store = Store(self.path)

    def build(self, items: Iterator[dict[str, Any]], repeat: int = 1) -> None:
        if not self.reused:
            batch: list[Article] = []
            for d in items:
                batch.append(_article(d))
                if len(batch) == 1000:
                    self.store.save_batch(batch)
                    batch = []
            if batch:
                self.store.save_batch(batch)
        if self.indexed:
            self.store.sync_search_index()

    def disk(self) -> int:
        if self.indexed:
            return sum(p.stat().st_size for p in Path(str(self.path) + ".search").rglob("*") if p.is_file())
        self.store.close()  # folds the write-ahead log into the file
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())

    def search(self, q: str) -> list[str]:
        return [h.id for h in self.store.search(q, limit=LIMIT)]


class TantivyEngine:
    """The word index alone (store/textindex.py), built straight from the corpus (no store): what
    `store` costs without SQLite, and the only engine built at 1M here (--repeat)."""

    def __init__(self, work: Path, keep: Path | None = None) -> None:
        self.path = keep if keep is not None else work / "tantivy"
        self.reused = (self.path / "ids.txt").is_file()
        if self.reused:
            self.index = TextIndex(self.path)
            self.ids = (self.path / "ids.txt").read_text(encoding="utf-8").split("\n")
        else:
            self.index = TextIndex(self.path, create="bench")

    def build(self, items: Iterator[dict[str, Any]], repeat: int = 1) -> None:
        if self.reused:
            return
        def rows() -> Iterator[IndexRow]:
            cache: dict[int, tuple[str, str]] = {}  # with --repeat, an article is normalized once
            for i, d in enumerate(items):
                norm = cache.get(d["_line"])
                if norm is None:
                    norm = (normalize(d.get("title") or ""), normalize(d["text"]))
                    if repeat > 1:
                        cache[d["_line"]] = norm
                self.ids.append(str(d["id"]))
                yield IndexRow(i, str(d["id"]), norm[0], norm[1], d.get("source"), "ar", None)

        self.ids: list[str] = []
        self.index.add(rows())
        (self.path / "ids.txt").write_text("\n".join(self.ids), encoding="utf-8")

    def disk(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def search(self, q: str) -> list[str]:
        return [self.ids[r] for r, _ in self.index.search(parse(q), LIMIT)]


def run_engine(name: str, path: Path, n: int, queries: list[str], work: Path, repeat: int = 1,
               keep: Path | None = None) -> dict[str, Any]:
    engine: SqliteEngine | TantivyEngine = (TantivyEngine(work, keep) if name == "tantivy" else
                                            SqliteEngine(work, name == "store", keep))  # fmt: skip
    t0, c0 = time.perf_counter(), time.process_time()
    engine.build(docs(path, n, repeat), repeat)
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    for q in queries[:WARMUP]:
        engine.search(q)
    times, cpu_times = [], []
    found = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for q in queries:
        s, c = time.perf_counter(), time.process_time()
        found += len(engine.search(q))
        times.append(time.perf_counter() - s)
        cpu_times.append(time.process_time() - c)
    total, cpu_total = time.perf_counter() - t0, time.process_time() - c0
    times.sort()
    cpu_times.sort()
    disk = engine.disk()
    return {
        "engine": name, "articles": n * repeat, "repeat": repeat, "build_s": round(build, 1),
        "disk_mb": round(disk / 1e6, 1),
        "queries": len(queries), "qps": round(len(queries) / total, 1),
        "p50_ms": round(times[len(times) // 2] * 1000, 2), "p99_ms": round(times[int(len(times) * 0.99)] * 1000, 2),
        "cpu_qps": round(len(queries) / cpu_total, 1) if cpu_total else None,
        "cpu_p50_ms": round(cpu_times[len(times) // 2] * 1000, 2),
        "cpu_p99_ms": round(cpu_times[int(len(times) * 0.99)] * 1000, 2),
        "build_cpu_s": round(build_cpu, 1),
        "hits_per_query": round(found / len(queries), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--corpus", type=Path, help="a gen_corpus.py corpus.jsonl (default: generate one)")
    ap.add_argument("--engine", choices=("both", "sqlite", "store", "tantivy"), default="both",
                    help="both: sqlite, store and tantivy, each in a child process")
    ap.add_argument("--keep", type=Path, help="where the store (sqlite/store) or the index folder (tantivy) is"
                    " built once, then reused")
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out", help="where the indexes are built")
    ap.add_argument("--repeat", type=int, default=1, help="index the corpus this many times over (distinct ids;"
                    " the tantivy side analyzes each text once): a 10x bigger index from a corpus at hand")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    path = a.corpus or corpus(a.n)
    if not path.exists():
        sys.exit(f"no corpus at {path}")
    if a.engine == "both":
        rows = []
        for name in ("sqlite", "store", "tantivy"):
            cmd = [sys.executable, __file__, "--n", str(a.n), "--corpus", str(path), "--engine", name,
                   "--queries", str(a.queries), "--workdir", str(a.workdir), "--repeat", str(a.repeat),
                   "--json", *(["--keep", str(a.keep)] if a.keep and name != "tantivy" else [])]  # fmt: skip
            rows.append(json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout))
        for r in rows:
            print(json.dumps(r) if a.json else
                  f"{r['engine']:8} {r['articles']:>9,} articles: build {r['build_s']:>7} s, disk {r['disk_mb']:>7} MB,"
                  f" {r['qps']:>8} queries/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, peak {r['peak_rss_mb']} MB"
                  f" ({r['hits_per_query']} hits/query); CPU only: build {r['build_cpu_s']} s,"
                  f" {r['cpu_qps']} queries/s, p50 {r['cpu_p50_ms']} ms, p99 {r['cpu_p99_ms']} ms")  # fmt: skip
        return
    queries = make_queries(path, a.n, a.queries)
    work = a.workdir / f"search-{a.engine}-{a.n}x{a.repeat}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        result = run_engine(a.engine, path, a.n, queries, work, a.repeat, a.keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result) if a.json else result)


if __name__ == "__main__":
    main()

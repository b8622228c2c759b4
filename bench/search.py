"""Search engine benchmark: SQLite FTS5 (rasd's store, trigram index) against tantivy as a derived index.

usage: python bench/search.py --n 100000 [--corpus DIR/corpus.jsonl] [--engine both|sqlite|tantivy]
                              [--queries 2000] [--workdir DIR] [--json]
The corpus is built by ../shared/tools/gen_corpus.py (seed 42) unless --corpus names one. Each
engine runs in a child process (so its peak memory is its own), in one process and one thread:
- build: the N articles indexed from nothing (sqlite: `Store.save_batch` of articles built
  straight from the generated text, no pipeline; tantivy: the same normalized title and text,
  each word reduced to its clitic-free core (`store/query.py: core`), one whitespace-token field);
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
1M is the 100k corpus indexed ten times over (gen_corpus.py at 1M did not finish on the shared
machine): every posting list is ten times longer, as at 1M, but the text is repeated. SQLite at 1M
was not run (a 21 GB store, hours of build here).
"""

from __future__ import annotations

import argparse
import json
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
from rasd.store.query import core, parse

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


def analyze(text: str) -> str:
    """Normalized words reduced to their clitic-free cores, space separated (tantivy's tokens)."""
    return " ".join(core(w) for w in _WORD.findall(normalize(text)))


class SqliteEngine:
    def __init__(self, work: Path) -> None:
        self.path = work / "search.db"
        self.store = Store(self.path)

    def build(self, items: Iterator[dict[str, Any]], repeat: int = 1) -> None:
        batch: list[Article] = []
        for d in items:
            batch.append(_article(d))
            if len(batch) == 1000:
                self.store.save_batch(batch)
                batch = []
        if batch:
            self.store.save_batch(batch)

    def disk(self) -> int:
        self.store.close()  # folds the write-ahead log into the file
        return sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))

    def search(self, q: str) -> list[str]:
        return [h.id for h in self.store.search(q, limit=LIMIT)]


class TantivyEngine:
    def __init__(self, work: Path) -> None:
        import tantivy

        self.t = tantivy
        sb = tantivy.SchemaBuilder()
        sb.add_text_field("id", stored=True, tokenizer_name="raw")
        sb.add_text_field("text", stored=False, tokenizer_name="whitespace")
        self.schema = sb.build()
        self.path = work / "tantivy"
        self.path.mkdir()
        self.index = tantivy.Index(self.schema, path=str(self.path))

    def build(self, items: Iterator[dict[str, Any]], repeat: int = 1) -> None:
        writer = self.index.writer(heap_size=256_000_000, num_threads=1)
        cache: dict[int, str] = {}  # with --repeat, an article is analyzed once (its text held in memory)
        for d in items:
            text = cache.get(d["_line"])
            if text is None:
                text = analyze(f"{d.get('title') or ''}\n{d['text']}")
                if repeat > 1:
                    cache[d["_line"]] = text
            writer.add_document(self.t.Document(id=str(d["id"]), text=text))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def disk(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def _term(self, term: str) -> Any:
        words: list[str | tuple[int, str]] = [core(w) for w in term.split()]
        if len(words) == 1:
            return self.t.Query.term_query(self.schema, "text", words[0])
        return self.t.Query.phrase_query(self.schema, "text", words)

    def search(self, q: str) -> list[str]:
        groups = parse(q).groups
        if not groups:
            return []
        Occur = self.t.Occur
        must = []
        for g in groups:
            alts = [self._term(t) for t in g]
            must.append((Occur.Must, alts[0] if len(alts) == 1 else
                         self.t.Query.boolean_query([(Occur.Should, a) for a in alts])))  # fmt: skip
        query = must[0][1] if len(must) == 1 else self.t.Query.boolean_query(must)
        res = self.searcher.search(query, LIMIT, count=False)
        return [self.searcher.doc(addr)["id"][0] for _, addr in res.hits]


def run_engine(name: str, path: Path, n: int, queries: list[str], work: Path, repeat: int = 1) -> dict[str, Any]:
    engine: SqliteEngine | TantivyEngine = SqliteEngine(work) if name == "sqlite" else TantivyEngine(work)
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
    ap.add_argument("--engine", choices=("both", "sqlite", "tantivy"), default="both")
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
        for name in ("sqlite", "tantivy"):
            cmd = [sys.executable, __file__, "--n", str(a.n), "--corpus", str(path), "--engine", name,
                   "--queries", str(a.queries), "--workdir", str(a.workdir), "--repeat", str(a.repeat),
                   "--json"]  # fmt: skip
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
        result = run_engine(a.engine, path, a.n, queries, work, a.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result) if a.json else result)


if __name__ == "__main__":
    main()

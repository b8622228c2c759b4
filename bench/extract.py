"""Extraction benchmark: entities, claims and numeric facts per article, on one core.

usage: python bench/extract.py [--n 2000] [--entities] [--model PATH] [--dump FILE]
Reads the first --n articles of the generated corpus shared with bench/cluster.py (seed 42,
../shared/tools/gen_corpus.py), runs the per-article stages first (not timed: bench/ingest.py
measures them), then times `rasd.extract.article.extract` alone on each article. Prints mean,
median and 95th-percentile ms per article, ms per KB, articles/s, peak RSS, and how many
mentions, claims and facts were found. The target is under 20 ms for a 3 KB article.
--entities times the entity finders alone (gazetteer scan and mentions, paragraph by paragraph, with
the corpus's people memory), whose target is at least 250 articles/s. --model PATH adds the local
entity tagger (`rasd entities train`) to either. Times are CPU time of this process (the machine is
shared: wall time measures the neighbours). --dump FILE writes every mention found (JSON lines), to
check that a speed change leaves the output identical (`cmp` two dumps).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import time
from dataclasses import astuple
from pathlib import Path

from cluster import corpus  # bench/cluster.py: the shared generated corpus (seed 42)
from rasd.extract.article import extract
from rasd.extract.entities import Context, find_mentions
from rasd.extract.people import People
from rasd.extract.tagger import Memory, Tagger, tag_paragraph
from rasd.extract.tokens import tokenize
from rasd.extract.types import Mention
from rasd.model import RawDoc
from rasd.names.gazetteer import find_names
from rasd.pipeline import process
from rasd.text.language import get_detector


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--entities", action="store_true", help="Time the entity finders alone.")
    ap.add_argument("--model", type=Path, default=None, help="An entity tagger trained by `rasd entities train`.")
    ap.add_argument("--dump", type=Path, default=None, help="Write the mentions found here (JSON lines).")
    args = ap.parse_args()
    tagger = Tagger(args.model) if args.model else None
    detector = get_detector()
    with open(corpus(10_000) / "corpus.jsonl", encoding="utf-8") as f:
        docs = [RawDoc(id=r["id"], raw=r["text"], origin="bench", fmt="jsonl", source=r.get("source"),
                       title=r.get("title"), published=r.get("published"))
                for r in (json.loads(line) for line in itertools.islice(f, args.n))]
    articles = [process(d, None, detector) for d in docs]
    extract(articles[0])  # builds the gazetteer and lexicons once, as a long run does
    times: list[float] = []
    mentions = claims = facts = 0
    people = People()
    found_all: list[Mention] = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for a in articles:
        s = time.process_time()
        if args.entities:
            ctx = Context(people=people.for_article())
            memory = Memory()
            for p in a.paragraphs:
                para = a.raw[p.start : p.end]
                hits = find_names(para)
                t = tokenize(para)  # once, as `extract` does
                found = find_mentions(para, p.start, hits, ctx, t)
                if tagger is not None:
                    found = tag_paragraph(tagger, para, hits, found, p.start, memory, t)
                mentions += len(found)
                found_all.extend(found)
            times.append(time.process_time() - s)
            if dump is not None:
                dump.write(json.dumps([a.id, [list(astuple(m)) for m in found_all]], ensure_ascii=False) + "\n")
                found_all.clear()
            continue
        x = extract(a, people=people, tagger=tagger)
        times.append(time.process_time() - s)
        if dump is not None:
            dump.write(json.dumps([a.id, [list(astuple(m)) for m in x.mentions],
                                   [[c.claimant, c.start, c.end, [f.kind for f in c.facts]] for c in x.claims]],
                                  ensure_ascii=False) + "\n")
        mentions, claims, facts = mentions + len(x.mentions), claims + len(x.claims), facts + len(x.facts)
    if dump is not None:
        dump.close()
    kb = sum(len(a.raw.encode("utf-8")) for a in articles) / 1024 / len(articles)
    ms = [t * 1000 for t in times]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p95 = statistics.quantiles(ms, n=20)[-1]
    print("| articles | KB/article | CPU ms mean | ms median | ms p95 | ms/KB | art/CPU-s | peak MB | mentions | claims"
          " | facts |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(ms):,} | {kb:.1f} | {statistics.mean(ms):.2f} | {statistics.median(ms):.2f} | {p95:.2f} | "
          f"{statistics.mean(ms) / kb:.2f} | {len(ms) / sum(times):.0f} | {peak:.0f} | {mentions:,} | {claims:,} | "
          f"{facts:,} |")


if __name__ == "__main__":
    main()

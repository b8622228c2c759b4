"""Event and story clustering benchmark over a generated corpus: speed, memory, flat cost, quality.

usage: python bench/events.py --n 10000 [--n 100000 ...]
Each --n runs in its own process (so peak RSS is that run's) over the corpus built by
../shared/tools/gen_corpus.py (seed 42, shared with bench/cluster.py), in file order.
Articles skip read/clean/describe (bench/ingest.py measures those): each JSONL record becomes
an Article with its given title and date, then features -> EventIndex -> StoryIndex.
Prints articles/s, ms per article over the first and last 10% (cost must stay flat as the
index grows), peak RSS, and B-cubed F1 against the planted events and stories (the text is
recombined sentences, so these scores say nothing about real news: they catch breakage).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time

from cluster import corpus  # bench/cluster.py: the shared generated corpus (seed 42)
from rasd.eval.metrics import bcubed
from rasd.events.cluster import EventIndex
from rasd.events.features import features
from rasd.events.stories import StoryIndex
from rasd.model import Article, Precision, Published, Span


def article(rec: dict[str, str]) -> Article:
    text = rec["text"]
    when = dt.datetime.fromisoformat(rec["published"]) if rec.get("published") else None
    pub = Published(when, Precision.MINUTE, None, "metadata") if when else None
    return Article(id=rec["id"], raw=text, origin="bench", fmt="jsonl", content_hash="", source=rec.get("source"),
                   paragraphs=(Span(0, len(text)),), title=rec.get("title"), published=pub)


def one(n: int) -> None:
    folder = corpus(n)
    events, index = EventIndex(), None
    index = StoryIndex(events)
    times: list[float] = []
    pred_e: dict[str, str] = {}
    t0 = time.perf_counter()
    with open(folder / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            s = time.perf_counter()
            a = article(json.loads(line))
            doc = features(a)
            d = events.add(doc)
            index.place(events.events[d.event], doc)
            pred_e[a.id] = d.event
            times.append(time.perf_counter() - s)
    total = time.perf_counter() - t0
    pred_s = {a: events.events[e].story or e for a, e in pred_e.items()}
    gold_e, gold_s = {}, {}
    with open(folder / "truth.jsonl", encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            gold_e[t["id"]], gold_s[t["id"]] = str(t["event"]), str(t["story"])
    k = max(1, len(times) // 10)
    first, last = sum(times[:k]) / k * 1000, sum(times[-k:]) / k * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {n:>9,} | {n / total:8.0f} | {first:6.2f} | {last:6.2f} | {peak:7.0f} | "
          f"{bcubed(gold_e, pred_e).f1:.3f} | {bcubed(gold_s, pred_s).f1:.3f} | {len(events.events):,} |", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, action="append", help="corpus sizes (default 10000)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one(args.one)
        return
    print("| articles | art/s | ms first 10% | ms last 10% | peak MB | events B3 F1 | stories B3 F1 | events |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.n or [10_000]:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)


if __name__ == "__main__":
    main()

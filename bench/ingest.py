"""Ingest benchmark: read + clean + describe + date a generated corpus; prints throughput and peak memory.

usage: python bench/ingest.py [--n 20000] [--store]   (corpus built by ../shared/tools/gen_corpus.py)
Figures compare across changes because the corpus is generated with a fixed seed.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rasd.model import Dropped
from rasd.pipeline import process
from rasd.read import read_path
from rasd.store import Store
from rasd.text.language import get_detector

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "tools" / "gen_corpus.py"


def corpus(n: int) -> Path:
    out = ROOT / "bench" / "out" / f"corpus-{n}"
    path = out / "corpus.jsonl"
    if not path.exists():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(GEN), str(n), str(out), "--seed", "42"], check=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--store", action="store_true", help="also write every article to a SQLite store")
    a = ap.parse_args()
    path = corpus(a.n)
    size = path.stat().st_size
    detector = get_detector()
    t0 = time.perf_counter()
    n = dropped = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db") if a.store else None
        batch = []
        for item in read_path(path):
            if isinstance(item, Dropped):
                dropped += 1
                continue
            batch.append(process(item, None, detector))
            n += 1
            if store and len(batch) >= 500:
                store.save_batch(batch)
                batch = []
        if store:
            store.save_batch(batch)
            store.close()
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles {n} (dropped {dropped}), {size / n / 1024:.1f} KB each, store={'yes' if a.store else 'no'}")
    print(f"time {dt:.1f} s  throughput {n / dt:.0f} articles/s  peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""Key-index benchmark: the cost of looking up and posting a batch of keys as the index grows.

usage: python bench/keyindex.py [--batches 1000] [--per 150000]
Each batch looks up `per` keys, then posts them (one batch ~ 1,000 articles of the copies stage,
which posts ~150 keys an article); a line every tenth of the run gives ms per batch and the
index size, then peak memory. The keys are uniform 64-bit values from a fixed seed: the index
only ever sees hashes, so this is its real input, and runs compare across changes.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from rasd.copies.keyindex import KeyIndex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batches", type=int, default=1000)
    ap.add_argument("--per", type=int, default=150_000, help="keys a batch")
    a = ap.parse_args()
    rng = np.random.default_rng(42)
    index = KeyIndex()
    step, spent, start = max(1, a.batches // 10), 0.0, time.perf_counter()
    print(f"{'postings':>10} {'ms/batch':>9} {'index MB':>9}")
    for b in range(a.batches):
        keys = rng.integers(0, 2**64 - 1, a.per, dtype=np.uint64)
        t0 = time.perf_counter()
        index.lookup(keys, 64, np.full(a.per, 32))
        index.add_run(keys, np.full(a.per, b, dtype=np.uint32))
        spent += time.perf_counter() - t0
        if (b + 1) % step == 0:
            print(f"{len(index):>10} {1000 * spent / step:>9.1f} {index.nbytes() / 2**20:>9.0f}", flush=True)
            spent = 0.0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{a.batches * a.per / (time.perf_counter() - start):,.0f} keys/s overall, peak RSS {rss:,.0f} MB")


if __name__ == "__main__":
    main()

"""Compile the copies stage's loops once (`python -m rasd.copies.warm`, run by `make setup`).

numba compiles each loop on its first call and caches the machine code beside the source, so
the first run after an install would otherwise spend ~30 s compiling inside `rasd run`. This
drives every compiled path once on a few written sentences: the fast and the slow character
fold, shingles, signatures, fingerprints, a probe and a post, a spill, a doubling, a
compaction and an alignment.
"""

from __future__ import annotations

import time

import numpy as np

from rasd.copies.index import CopyIndex
from rasd.copies.keyindex import KeyIndex
from rasd.copies.types import CopyDoc

_TEXT = "قال المتحدث باسم الوزارة إن فرق الإغاثة وصلت إلى المنطقة المنكوبة صباح اليوم وبدأت توزيع المساعدات"


def warm() -> float:
    """Run every compiled path once; the seconds it took."""
    start = time.perf_counter()
    index = CopyIndex()
    index.add_many([CopyDoc("a", None, _TEXT + " " + _TEXT[::-1]), CopyDoc("b", None, "\ufefb " + _TEXT)])
    index.add(CopyDoc("c", None, _TEXT))
    keys = KeyIndex(slots=1, bits=1)  # tiny buckets: spills and doublings
    keys.add_run(np.repeat(np.arange(40, dtype=np.uint64), 3), np.arange(120, dtype=np.uint32))
    keys.lookup_and_add(np.arange(40, dtype=np.uint64), np.full(40, 120, dtype=np.uint32), 4)
    keys.prunable = lambda k, v: v % 2 == 0
    keys.compact()
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"copies: compiled loops ready in {warm():.1f} s")

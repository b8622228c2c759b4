"""Align two texts word by word: the maximal passages they share, with small edits bridged.

Both texts are reduced to k-word n-gram hashes (uint32; a false match between two texts is a
~1e-5 event and one match never makes a passage). The probing text's n-grams go into a hash
table once, and every n-gram of the other text is looked up there (compiled loops). Matches on
one diagonal (same offset between the texts) at consecutive positions form a run; runs follow
each other into a passage when the gap between them is at most `max_gap` words on both sides.
That bridges a changed, inserted or deleted word: one changed word breaks the k n-grams that
hold it and leaves a one-word gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.copies.features import U32
from rasd.copies.jit import jit

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Passage:
    """Word ranges [a_start, a_end) and [b_start, b_end) that hold the same text, give or take edits."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


def align(a: U32, b: U32, k: int, max_gap: int, min_words: int) -> list[Passage]:
    """Shared passages of at least `min_words` words on both sides, in order of b (a and b: n-gram hashes)."""
    return align_many([a], [b], [0], k, max_gap, min_words)[0]


def align_many(probes: Sequence[U32], others: Sequence[U32], probe_of: Sequence[int], k: int, max_gap: int,
               min_words: int) -> list[list[Passage]]:  # fmt: skip
    """`align(probes[probe_of[p]], others[p], ...)` for every pair p, in one compiled call.

    Per probe, a hash table maps each of its n-grams to its first position; every n-gram of the
    other text is looked up there. Matches form runs on each diagonal; a run shorter than
    `min_words` with no other run of its pair within `max_gap` words (in b) can join no passage
    and is dropped before the runs are chained into passages.
    """
    out: list[list[Passage]] = [[] for _ in others]
    if not len(others) or not len(probes):
        return out
    a, a_bounds = _flat(probes)
    b, b_bounds = _flat(others)
    found = _align_all(a, a_bounds, b, b_bounds, np.asarray(probe_of, dtype=np.int64), k, max_gap, min_words)
    for p, a0, a1, b0, b1 in zip(*(x.tolist() for x in found), strict=True):
        out[p].append(Passage(a0, a1, b0, b1))
    return out


def _flat(texts: Sequence[U32]) -> tuple[U32, I64]:
    """The texts' n-grams one after the other, and where each text's begin."""
    sizes = np.fromiter((len(g) for g in texts), dtype=np.int64, count=len(texts))
    bounds = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(sizes, out=bounds[1:])
    return np.concatenate(texts).astype(np.uint32, copy=False), bounds


_FREE = np.int64(-1)


@jit
def _align_all(a: U32, a_bounds: I64, b: U32, b_bounds: I64, probe_of: I64, k: int, max_gap: int,
               min_words: int) -> tuple[I64, I64, I64, I64, I64]:  # fmt: skip
    """(pair, a_start, a_end, b_start, b_end) of every passage, pair by pair, each pair's by b_start."""
    out = np.zeros((64, 5), dtype=np.int64)
    n_out = 0
    table_g = np.zeros(16, dtype=np.uint32)
    table_p = np.full(16, _FREE, dtype=np.int64)
    built = -1
    mask = 15
    for p in range(len(probe_of)):
        q = probe_of[p]
        if q != built:  # a probe's table, built once for its pairs (they come together)
            lo, hi = a_bounds[q], a_bounds[q + 1]
            size = 16
            while size < 2 * (hi - lo):
                size *= 2
            if size > len(table_g):
                table_g = np.zeros(size, dtype=np.uint32)
                table_p = np.full(size, _FREE, dtype=np.int64)
            else:
                table_p[:size] = _FREE
            mask = size - 1
            for i in range(lo, hi):
                slot = _home(a[i], mask)
                while table_p[slot] != _FREE and table_g[slot] != a[i]:
                    slot = (slot + 1) & mask
                if table_p[slot] == _FREE:  # the first position of an n-gram only
                    table_g[slot] = a[i]
                    table_p[slot] = i - lo
            built = q
        runs = _runs(b[b_bounds[p] : b_bounds[p + 1]], a_bounds[q + 1] - a_bounds[q], table_g, table_p, mask, k)
        runs = _linked(runs, max_gap, min_words)
        chains = _chain(runs, max_gap, min_words)
        if n_out + len(chains) > len(out):
            grown = np.zeros((2 * (n_out + len(chains)), 5), dtype=np.int64)
            grown[:n_out] = out[:n_out]
            out = grown
        for c in range(len(chains)):
            out[n_out, 0] = p
            out[n_out, 1:] = chains[c]
            n_out += 1
    return out[:n_out, 0].copy(), out[:n_out, 1].copy(), out[:n_out, 2].copy(), out[:n_out, 3].copy(), \
        out[:n_out, 4].copy()


@jit
def _home(g: np.uint32, mask: int) -> int:
    """The first slot of n-gram g in a table of mask + 1 slots."""
    return int((np.uint64(g) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) & mask


@jit
def _runs(b: U32, n_a: int, table_g: U32, table_p: I64, mask: int, k: int) -> I64:
    """Runs of matches, (a_start, a_end, b_start, b_end) rows by b_start: each n-gram of b matched to
    the first position of that n-gram in a (n_a n-grams), consecutive matches on one diagonal joined.

    A position of b matches at most one of a, so runs start at distinct positions of b and come out
    in order as b is read; `last` keeps, per diagonal, the run that may continue there."""
    last = np.full(n_a + len(b) + 1, -1, dtype=np.int64)  # by diagonal + len(b): its latest run
    runs = np.zeros((len(b), 4), dtype=np.int64)
    r = 0
    for j in range(len(b)):
        slot = _home(b[j], mask)
        while table_p[slot] != _FREE and table_g[slot] != b[j]:
            slot = (slot + 1) & mask
        i = table_p[slot]
        if i == _FREE:
            continue
        d = i - j + len(b)
        q = last[d]
        if q >= 0 and runs[q, 3] - k + 1 == j:
            runs[q, 1] += 1
            runs[q, 3] += 1
        else:
            runs[r, 0], runs[r, 1], runs[r, 2], runs[r, 3] = i, i + k, j, j + k
            last[d] = r
            r += 1
    return runs[:r]


@jit
def _linked(runs: I64, max_gap: int, min_words: int) -> I64:
    """The runs (by b_start) that can be part of a passage: long enough alone, or with another run
    within `max_gap` words in b (one that ends at most max_gap before them or overlaps them, or the
    next one)."""
    n = len(runs)
    keep = np.zeros(n, dtype=np.bool_)
    reach = -(1 << 40)  # the furthest b_end so far
    for i in range(n):
        before = i > 0 and reach + max_gap >= runs[i, 2]
        after = i + 1 < n and runs[i + 1, 2] <= runs[i, 3] + max_gap
        keep[i] = before or after or runs[i, 3] - runs[i, 2] >= min_words
        reach = max(reach, runs[i, 3])
    return runs[keep]


@jit
def _chain(runs: I64, max_gap: int, min_words: int) -> I64:
    """Chain runs (a_start, a_end, b_start, b_end), coming by b_start, into passages of >= min_words
    words on both sides, by b_start.

    A run continues the open chain with the furthest b_end that it `_joins`; chains that end more
    than max_gap before a run can no longer grow and are closed."""
    n = len(runs)
    chains = np.zeros((n, 4), dtype=np.int64)
    closed = np.zeros(n, dtype=np.bool_)
    made = 0
    for i in range(n):
        a0, a1, b0, b1 = runs[i, 0], runs[i, 1], runs[i, 2], runs[i, 3]
        best = -1
        for c in range(made):
            if closed[c]:
                continue
            if chains[c, 3] + max_gap < b0:
                closed[c] = True
                continue
            if _joins(chains[c], a0, b0, max_gap) and (best < 0 or chains[c, 3] > chains[best, 3]):
                best = c
        if best < 0:
            chains[made, 0], chains[made, 1], chains[made, 2], chains[made, 3] = a0, a1, b0, b1
            made += 1
        else:
            chains[best, 1] = max(chains[best, 1], a1)
            chains[best, 3] = max(chains[best, 3], b1)
    out = np.zeros((made, 4), dtype=np.int64)
    m = 0
    for c in range(made):  # chains start at distinct b positions, in order
        if chains[c, 1] - chains[c, 0] >= min_words and chains[c, 3] - chains[c, 2] >= min_words:
            out[m] = chains[c]
            m += 1
    return out[:m]


@jit
def _joins(c: I64, a0: int, b0: int, max_gap: int) -> bool:
    """Can a run starting at (a0, b0) continue chain c? Gaps of up to max_gap words; slight overlaps allowed."""
    return bool(abs(a0 - c[1]) <= max_gap and abs(b0 - c[3]) <= max_gap and a0 > c[0] and b0 > c[2])

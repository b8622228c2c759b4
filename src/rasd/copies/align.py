"""Align two texts word by word: the maximal passages they share, with small edits bridged.

Both texts are reduced to k-word n-gram hashes (uint32; a false match between two texts is a
~1e-5 event and one match never makes a passage). The probing text's n-grams are sorted once,
and every n-gram of the other text is searched in them (numpy, no loop over words). Matches on
one diagonal (same offset between the texts) at consecutive positions form a run; runs follow
each other into a passage when the gap between them is at most `max_gap` words on both sides.
That bridges a changed, inserted or deleted word: one changed word breaks the k n-grams that
hold it and leaves a one-word gap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.copies.features import U32, U64

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
    """`align(probes[probe_of[p]], others[p], ...)` for every pair p, with one numpy pass for them all.

    The n-grams of every probe are sorted once, keyed by probe; every n-gram of every other text is
    searched there. Matches form runs on each diagonal; a run shorter than `min_words` with no other
    run of its pair within `max_gap` words (in b) can join no passage and is dropped before the
    chaining, the only per-run Python loop, which so sees a few runs a pair instead of hundreds.
    """
    out: list[list[Passage]] = [[] for _ in others]
    if not len(others) or not len(probes):
        return out
    a_key, a_pos = _keyed([np.asarray(g, dtype=np.uint32) for g in probes], np.arange(len(probes)))
    order = np.argsort(a_key, kind="stable")  # among equal n-grams of a probe, its first position first
    a_key, a_pos = a_key[order], a_pos[order]
    q, jb = _keyed([np.asarray(g, dtype=np.uint32) for g in others], np.asarray(probe_of, dtype=np.int64))
    pair = np.repeat(np.arange(len(others)), [len(g) for g in others])
    lo = np.searchsorted(a_key, q)
    hit = np.flatnonzero(a_key.take(lo, mode="clip") == q)
    if len(hit) == 0:
        return out
    pair, ia, jb = pair[hit], a_pos[lo[hit]], jb[hit]
    diag = ia - jb
    order = np.lexsort((jb, diag, pair))  # by pair, then diagonal; b positions increase along one
    pair, jb, diag = pair[order], jb[order], diag[order]
    new = np.ones(len(jb), dtype=np.bool_)
    new[1:] = (pair[1:] != pair[:-1]) | (diag[1:] != diag[:-1]) | (jb[1:] != jb[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(jb)) - 1
    r_pair, b0, b1, d = pair[first], jb[first], jb[last] + k, diag[first]
    order = np.lexsort((np.arange(len(first)), b0, r_pair))  # by pair, then b_start (ties: by diagonal)
    r_pair, b0, b1, d = r_pair[order], b0[order], b1[order], d[order]
    keep = _may_chain(r_pair, b0, b1, max_gap) | (b1 - b0 >= min_words)
    r_pair, b0, b1, d = r_pair[keep], b0[keep], b1[keep], d[keep]
    bounds = np.searchsorted(r_pair, np.arange(len(others) + 1)).tolist()
    a0_l, a1_l, b0_l, b1_l = (b0 + d).tolist(), (b1 + d).tolist(), b0.tolist(), b1.tolist()
    for p in np.unique(r_pair).tolist():
        lo_p, hi_p = bounds[p], bounds[p + 1]
        runs = zip(a0_l[lo_p:hi_p], a1_l[lo_p:hi_p], b0_l[lo_p:hi_p], b1_l[lo_p:hi_p], strict=True)
        out[p] = _chain(runs, max_gap, min_words)
    return out


def _keyed(texts: list[U32], owner: I64) -> tuple[U64, I64]:
    """The n-grams of several texts as (owner << 32 | n-gram) keys, and each one's position in its text."""
    sizes = np.array([len(g) for g in texts], dtype=np.int64)
    grams = np.concatenate(texts).astype(np.uint64)
    keys: U64 = (np.repeat(owner.astype(np.uint64), sizes) << np.uint64(32)) | grams
    return keys, np.arange(len(grams), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def _may_chain(pair: I64, b0: I64, b1: I64, max_gap: int) -> Bools:
    """Runs (sorted by pair, then b0) with another run of their pair within `max_gap` words in b:
    one that ends at most max_gap before them (or overlaps them), or the next one."""
    n = len(pair)
    reach = np.maximum.accumulate((pair << 32) | b1)  # the furthest b_end so far, within the pair
    before = np.zeros(n, dtype=np.bool_)
    before[1:] = ((reach[:-1] >> 32) == pair[1:]) & ((reach[:-1] & 0xFFFFFFFF) + max_gap >= b0[1:])
    after = np.zeros(n, dtype=np.bool_)
    after[:-1] = (pair[1:] == pair[:-1]) & (b0[1:] <= b1[:-1] + max_gap)
    out: Bools = before | after
    return out


def _chain(runs: Iterable[tuple[int, int, int, int]], max_gap: int, min_words: int) -> list[Passage]:
    """Chain runs (a_start, a_end, b_start, b_end), coming by b_start, into passages of >= min_words words."""
    done: list[list[int]] = []
    open_: list[list[int]] = []  # chains [a_start, a_end, b_start, b_end] that a later run may extend
    for a0, a1, b0, b1 in runs:
        still = [c for c in open_ if c[3] + max_gap >= b0]
        if len(still) < len(open_):  # runs come by b_start: the others can no longer grow
            done.extend(c for c in open_ if c[3] + max_gap < b0)
            open_ = still
        best: list[int] | None = None
        for c in open_:
            if _joins(c, a0, b0, max_gap) and (best is None or c[3] > best[3]):
                best = c
        if best is None:
            open_.append([a0, a1, b0, b1])
        else:
            best[1], best[3] = max(best[1], a1), max(best[3], b1)
    chains = sorted(done + open_, key=lambda c: c[2])
    return [Passage(*c) for c in chains if c[1] - c[0] >= min_words and c[3] - c[2] >= min_words]


def _joins(c: list[int], a0: int, b0: int, max_gap: int) -> bool:
    """Can a run starting at (a0, b0) continue chain c? Gaps of up to max_gap words; slight overlaps allowed."""
    return abs(a0 - c[1]) <= max_gap and abs(b0 - c[3]) <= max_gap and a0 > c[0] and b0 > c[2]

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

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.copies.features import U32

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Passage:
    """Word ranges [a_start, a_end) and [b_start, b_end) that hold the same text, give or take edits."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class Sorted:
    """The probing text's n-grams, sorted, with the position each came from."""

    grams: U32
    order: I64


def prepare(grams: U32) -> Sorted:
    """Sort the probing side once; it is then aligned against any number of texts."""
    order = np.argsort(grams, kind="stable")
    return Sorted(grams[order], order.astype(np.int64))


def runs(a: Sorted, b: U32, k: int) -> list[tuple[int, int, int, int]]:
    """Maximal runs of matching n-grams as word ranges (a_start, a_end, b_start, b_end), by b_start."""
    if len(a.grams) == 0 or len(b) == 0:
        return []
    lo = np.searchsorted(a.grams, b)
    jb = np.flatnonzero(a.grams.take(lo, mode="clip") == b)
    if len(jb) == 0:
        return []
    ia = a.order[lo[jb]]
    diag = ia - jb
    by_diag = np.argsort(diag, kind="stable")  # within a diagonal, b positions stay increasing
    ia, jb, diag = ia[by_diag], jb[by_diag], diag[by_diag]
    new_run = np.ones(len(jb), dtype=np.bool_)
    new_run[1:] = (diag[1:] != diag[:-1]) | (jb[1:] != jb[:-1] + 1)
    first = np.flatnonzero(new_run)
    last = np.append(first[1:], len(jb)) - 1
    b0, b1, d = jb[first], jb[last] + k, diag[first]
    by_b = np.argsort(b0, kind="stable").tolist()
    b0_l, b1_l, d_l = b0.tolist(), b1.tolist(), d.tolist()
    return [(b0_l[i] + d_l[i], b1_l[i] + d_l[i], b0_l[i], b1_l[i]) for i in by_b]


def align(a: Sorted, b: U32, k: int, max_gap: int, min_words: int) -> list[Passage]:
    """Shared passages of at least `min_words` words on both sides, in order of b."""
    done: list[list[int]] = []
    open_: list[list[int]] = []  # chains [a_start, a_end, b_start, b_end] that a later run may extend
    for a0, a1, b0, b1 in runs(a, b, k):
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

"""A compact multimap from 64-bit keys to 32-bit values (document numbers), for millions of postings.

A Python dict costs ~100 bytes an entry; 1M articles x ~150 keys would need over 10 GB.
Here new postings go to a dict (fast inserts and lookups at C speed with `map`/`update`),
and when it holds `buffer_size` postings they become a sorted run: numpy arrays of keys and
values, 12 bytes a posting. Runs are merged so that each is at least `ratio` times larger
than the next: a handful of runs at an amortized cost of a few copies per posting.
Ratio 4 was measured best (1,000 batches of 150k postings: 0.09 ms an article over the last
10% of lookups and merges, against 0.14 at ratio 8, 0.21 at 2 and 0.10 at 1 with 6 runs).

Postings that `prunable` marks are dropped whenever their run is rewritten.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat

import numpy as np
import numpy.typing as npt

from rasd.copies.features import U32, U64

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Prunable = Callable[[U64, U32], Bools]  # (keys, values) -> postings no longer wanted
_TABLE_MIN = 1 << 20  # runs this large get a prefix table (smaller ones stay in cache anyway)


class _Run:
    """Sorted keys with their values.

    A large run also keeps a prefix table: where each value of the keys' top bits starts. A query
    then bisects only its own bucket (~8 keys) instead of the whole run: ~3 cache misses a key
    instead of ~27 at 100M postings, which keeps the cost of a lookup flat as the index grows.
    """

    def __init__(self, keys: U64, vals: U32) -> None:
        self.keys = keys
        self.vals = vals
        self.size = len(keys)
        self._shift = np.uint64(0)
        self._starts: I64 | None = None
        if self.size >= _TABLE_MIN:
            bits = self.size.bit_length() - 3
            self._shift = np.uint64(64 - bits)
            starts = np.searchsorted(keys, np.arange(1 << bits, dtype=np.uint64) << self._shift)
            self._starts = np.append(starts, self.size).astype(np.int64)

    def nbytes(self) -> int:
        """Memory held."""
        table = 0 if self._starts is None else self._starts.nbytes
        return self.keys.nbytes + self.vals.nbytes + table

    def find(self, q: U64) -> tuple[I64, I64, I64]:
        """(i, first, count): the query keys q[i] present, where their postings start, how many."""
        if self._starts is None:
            lo = np.searchsorted(self.keys, q)
            hit = np.flatnonzero(self.keys.take(lo, mode="clip") == q)
            first = lo[hit]
            count = np.searchsorted(self.keys, q[hit], side="right") - first
            return hit, first, count
        bucket = (q >> self._shift).astype(np.intp)
        end = self._starts[bucket + 1]
        lo = _bisect(self.keys, q, self._starts[bucket], end, right=False)
        hit = np.flatnonzero((lo < end) & (self.keys.take(lo, mode="clip") == q))
        first = lo[hit]
        count = _bisect(self.keys, q[hit], first + 1, end[hit], right=True) - first
        return hit, first, count


def _bisect(keys: U64, q: U64, lo: I64, hi: I64, right: bool) -> I64:
    """Per query, the first position in [lo, hi) whose key is >= q (> q when `right`), vectorized:
    each step halves every open range and drops the ranges already closed."""
    lo, hi = lo.copy(), hi.copy()
    idx = np.flatnonzero(lo < hi)
    while len(idx):
        low, high, mid_q = lo[idx], hi[idx], q[idx]
        mid = (low + high) >> 1
        at = keys[mid]
        go = at <= mid_q if right else at < mid_q
        low = np.where(go, mid + 1, low)
        high = np.where(go, high, mid)
        lo[idx], hi[idx] = low, high
        idx = idx[low < high]
    return lo


class KeyIndex:
    """Postings key -> document number; `lookup` returns each query key's postings, oldest first."""

    def __init__(self, buffer_size: int = 1 << 16, ratio: int = 4) -> None:
        self._buffer: dict[int, int | list[int]] = {}  # for lookups
        self._chunks: list[tuple[U64, int]] = []  # the same postings, for flushing: (keys, value)
        self._buffered = 0
        self._buffer_size = buffer_size
        self._ratio = ratio
        self._runs: list[_Run] = []  # largest (oldest) first
        self.prunable: Prunable | None = None

    def __len__(self) -> int:
        return self._buffered + sum(r.size for r in self._runs)

    def nbytes(self) -> int:
        """Memory held by the sorted runs (the dict buffer, at most `buffer_size` postings, is not counted)."""
        return sum(r.nbytes() for r in self._runs)

    def add(self, keys: U64, value: int) -> None:
        """Post `value` under each of the keys."""
        buf = self._buffer
        klist = keys.tolist()
        got = list(map(buf.get, klist))
        if got.count(None) == len(got):
            buf.update(zip(klist, repeat(value)))
        else:
            for k, g in zip(klist, got, strict=True):
                if g is None:
                    buf[k] = value
                elif isinstance(g, int):
                    buf[k] = [g, value]
                else:
                    g.append(value)
        self._chunks.append((keys, value))
        self._buffered += len(klist)
        if self._buffered >= self._buffer_size:
            self.flush()

    def add_run(self, keys: U64, vals: U32) -> None:
        """Post vals[i] under keys[i], many at once: they become a sorted run (the buffer is flushed first,
        so that runs stay ordered by age)."""
        self.flush()
        if len(keys):
            order = np.argsort(keys, kind="stable")
            self._push(keys[order], vals[order])

    def lookup(self, keys: U64, cap: int, max_df: I64 | None = None) -> tuple[I64, U32, I64]:
        """(i, value) for the postings of keys[i], oldest first, and each key's posting count.

        At most `cap` postings a key; none for a key with more than max_df[i] postings.
        """
        total = np.zeros(len(keys), dtype=np.int64)
        found: list[tuple[U32, I64, I64, I64]] = []  # per run: values, hit keys, first posting, count
        for run in self._runs:
            hit, first, count = run.find(keys)
            if len(hit):
                total[hit] += count
                found.append((run.vals, hit, first, count))
        buffered = (
            []
            if not self._buffer
            else [
                (i, [g] if isinstance(g, int) else g)
                for i, g in enumerate(map(self._buffer.get, keys.tolist()))
                if g is not None
            ]
        )
        for i, g in buffered:
            total[i] += len(g)
        room = np.full(len(keys), cap, dtype=np.int64)
        if max_df is not None:
            room[total > max_df] = 0
        qi: list[I64] = []
        vals: list[U32] = []
        for run_vals, hit, first, count in found:
            take = np.minimum(count, room[hit])
            room[hit] -= take
            qi.append(np.repeat(hit, take))
            vals.append(run_vals[ranges(first, take)])
        extra_i: list[int] = []
        extra_v: list[int] = []
        for i, g in buffered:
            r = int(room[i])
            if r > 0:
                extra_v.extend(g[:r])
                extra_i.extend([i] * min(r, len(g)))
        qi.append(np.array(extra_i, dtype=np.int64))
        vals.append(np.array(extra_v, dtype=np.uint32))
        return np.concatenate(qi), np.concatenate(vals), total

    def flush(self) -> None:
        """Turn the buffer into a sorted run and merge runs that have grown too close in size."""
        if not self._buffered:
            return
        keys = np.concatenate([k for k, _ in self._chunks])
        vals = np.repeat(np.array([v for _, v in self._chunks], dtype=np.uint32), [len(k) for k, _ in self._chunks])
        order = np.argsort(keys, kind="stable")
        self._buffer = {}
        self._chunks = []
        self._buffered = 0
        self._push(keys[order], vals[order])

    def compact(self) -> None:
        """Rewrite every run without the postings `prunable` marks."""
        self.flush()
        self._runs = [_Run(*self._prune(r.keys, r.vals)) for r in self._runs]

    def _push(self, keys: U64, vals: U32) -> None:
        """Add a sorted run, newest, merging it with runs that are not much larger."""
        run = self._prune(keys, vals)
        while self._runs and self._runs[-1].size <= self._ratio * len(run[0]):
            older = self._runs.pop()
            run = _merge(self._prune(older.keys, older.vals), run)
        self._runs.append(_Run(*run))

    def _prune(self, keys: U64, vals: U32) -> tuple[U64, U32]:
        """Drop the postings `prunable` marks."""
        if self.prunable is None or len(vals) == 0:
            return keys, vals
        drop = self.prunable(keys, vals)
        return (keys[~drop], vals[~drop]) if drop.any() else (keys, vals)


def ranges(starts: I64, counts: I64) -> I64:
    """Concatenated aranges: starts[i] .. starts[i] + counts[i]."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    out: I64 = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, counts)
    return out


def _merge(old: tuple[U64, U32], new: tuple[U64, U32]) -> tuple[U64, U32]:
    """Merge two sorted runs; among equal keys the older postings come first."""
    old_k, old_v = old
    new_k, new_v = new
    at = np.searchsorted(old_k, new_k, side="right") + np.arange(len(new_k))
    keys = np.empty(len(old_k) + len(new_k), dtype=np.uint64)
    vals = np.empty(len(keys), dtype=np.uint32)
    is_new = np.zeros(len(keys), dtype=np.bool_)
    is_new[at] = True
    keys[at], vals[at] = new_k, new_v
    keys[~is_new], vals[~is_new] = old_k, old_v
    return keys, vals

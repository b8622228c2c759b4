"""A compact multimap from 64-bit keys to 32-bit values (document numbers), for hundreds of millions of postings.

A Python dict costs ~100 bytes an entry: 1M articles x ~150 keys would need 15 GB. Here the
postings live in bucketed hash tables of numpy arrays, 13 bytes a slot: bucket b is row b of
`tags`, `hashes` and `vals`, up to `slots` postings in the order they were posted. A key is
stored as its mixed hash (`mix64`, a bijection): the range of its top bits picks one of
`parts` tables, bits 8 and up its bucket there, and its low byte is a tag. A lookup reads the
16 tags of one bucket (one cache line) and compares full hashes only where a tag matches, so
its cost does not depend on the size of the index, and a batch of postings is written with a
handful of array operations. (Sorted runs merged LSM-style, which this replaced, needed a
binary search per run and merges that rewrote the largest run: their cost per article grew
1.4x from the first to the last 10% of 1M articles.)

When a table is `max_load` full it doubles: each bucket splits in two by one more bit of the
hash, keeping its order (dense array passes over that table). The parts cover unequal shares
of the hash space, so they fill up one after another and each doubling moves 1/parts of the
postings: growing costs about one move per posting, spread over the stream. A full bucket
sends further postings to its table's overflow dict (about 1% of postings at load 0.75, and
the hot keys such as boilerplate fingerprints), which goes back into the table at each
doubling. Only keys whose bucket is full and has spilled can have postings there, so only they
are looked up in it, and a key's overflow postings are always newer than those in the table.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from rasd.copies.features import U32, U64, mix64, unmix64

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
U8 = npt.NDArray[np.uint8]
Bools = npt.NDArray[np.bool_]
Prunable = Callable[[U64, U32], Bools]  # (keys, values) -> postings no longer wanted
_CHUNK = 1 << 20  # slots re-placed at a time when the table doubles or is compacted


class KeyIndex:
    """Postings key -> document number; `lookup` returns each query key's postings, oldest first.

    The hashes are split by value into `parts` tables whose shares of the hash space grow
    geometrically (by 2**(1/parts) from one to the next), so the parts reach `max_load` one
    after another and each doubling moves 1/parts of the postings: the cost of growing is spread
    over the stream instead of falling on one batch.
    """

    def __init__(self, slots: int = 16, max_load: float = 0.75, bits: int = 6, parts: int = 16) -> None:
        if slots < 1 or not 1 <= bits <= 40 or not 0.0 < max_load <= 1.0 or not 1 <= parts <= 256:
            raise ValueError(f"need slots >= 1, 1 <= bits <= 40, 0 < max_load <= 1 and 1 <= parts <= 256 (got "
                             f"{slots}, {bits}, {max_load}, {parts}); try slots=16, max_load=0.75, bits=6, parts=16")
        share = 2.0 ** (np.arange(parts) / parts)
        edges = np.round(np.cumsum(share / share.sum()) * 256).astype(np.int64)  # in 1/256ths of the hash space
        self._part_of: U8 = np.searchsorted(edges, np.arange(256), side="right").astype(np.uint8)  # by top byte
        self._parts = [_Table(slots, max_load, bits) for _ in range(parts)]
        self.prunable: Prunable | None = None

    def __len__(self) -> int:
        return sum(len(t) for t in self._parts)

    def nbytes(self) -> int:
        """Memory held by the tables, and about what their overflow dicts hold."""
        return sum(t.nbytes() for t in self._parts)

    def add_run(self, keys: U64, vals: U32) -> None:
        """Post vals[i] under keys[i], in order: among postings of one key, later ones count as newer."""
        h = mix64(keys)
        for t, at in self._split(h):
            t.add(h[at], vals[at])

    def lookup(self, keys: U64, cap: int, max_df: I64 | None = None) -> tuple[I64, U32, I64]:
        """(i, value) for the postings of keys[i], oldest first for each key, and each key's posting count.

        At most `cap` postings a key; none for a key with more than max_df[i] postings.
        """
        h = mix64(keys)
        total = np.zeros(len(keys), dtype=np.int64)
        qi: list[I64] = [np.zeros(0, dtype=np.int64)]
        vals: list[U32] = [np.zeros(0, dtype=np.uint32)]
        for t, at in self._split(h):
            i, v, count = t.lookup(h[at], cap, None if max_df is None else max_df[at])
            total[at] = count
            qi.append(at[i])
            vals.append(v)
        return np.concatenate(qi), np.concatenate(vals), total

    def compact(self) -> None:
        """Drop the postings `prunable` marks."""
        if self.prunable is not None:
            for t in self._parts:
                t.compact(self.prunable)

    def _split(self, h: U64) -> list[tuple[_Table, I64]]:
        """Each part with the positions of the hashes it holds, in their order."""
        part = self._part_of[h >> np.uint64(56)]
        order = np.argsort(part, kind="stable")  # a radix sort on one byte
        bounds = np.searchsorted(part[order], np.arange(len(self._parts) + 1)).tolist()
        return [(t, order[bounds[k] : bounds[k + 1]]) for k, t in enumerate(self._parts) if bounds[k + 1] > bounds[k]]


class _Table:
    """One part: a bucketed hash table of mixed hashes. Its bucket is taken from bits 8 and up of the
    hash (its tag is the low byte; the part, the top bits' range), so doubling moves a posting of
    bucket b either nowhere or to bucket b + buckets."""

    def __init__(self, slots: int, max_load: float, bits: int) -> None:
        self._slots = slots
        self._max_load = max_load
        self._bits = bits
        self._tags, self._hashes, self._vals = _table(1 << bits, slots)
        self._fill: I32 = np.zeros(1 << bits, dtype=np.int32)
        self._spilled: Bools = np.zeros(1 << bits, dtype=np.bool_)  # buckets with postings in the overflow dict
        self._stored = 0  # postings in the table
        self._over: dict[int, list[int]] = {}  # hash -> postings that found its bucket full
        self._overflowed = 0

    def __len__(self) -> int:
        return self._stored + self._overflowed

    def nbytes(self) -> int:
        """Memory held by the table, and about what the overflow dict holds (~100 bytes a key, 8 a posting)."""
        table = self._tags.nbytes + self._hashes.nbytes + self._vals.nbytes + self._fill.nbytes
        return table + 100 * len(self._over) + 8 * self._overflowed

    def add(self, h: U64, vals: U32) -> None:
        """Post vals[i] under hash h[i], in order."""
        while self._stored + len(h) > self._max_load * self._hashes.size:
            self._rebuild(grow=True)
        self._insert(h, vals)

    def lookup(self, h: U64, cap: int, max_df: I64 | None = None) -> tuple[I64, U32, I64]:
        """(i, value) for the postings of h[i], oldest first, and each hash's posting count."""
        n = len(h)
        bucket = self._bucket(h)
        rows = np.take(self._tags, bucket, axis=0)
        same = rows == _tag(h)[:, None]
        some = np.flatnonzero(same.view(np.uint8).reshape(n, -1).max(axis=1)) if n else np.zeros(0, np.int64)
        qi, slot = np.nonzero(same[some])  # most keys match no tag: skip them before the 2-D nonzero
        qi = some[qi]
        hit = self._hashes[bucket[qi], slot] == h[qi]
        qi, slot = qi[hit], slot[hit]
        total = np.bincount(qi, minlength=n).astype(np.int64)
        in_table = total.copy()
        extra: list[tuple[int, list[int]]] = []
        if self._over:
            full = np.flatnonzero(rows[:, -1])
            full = full[self._spilled[bucket[full]]]
            for i, got in zip(full.tolist(), map(self._over.get, h[full].tolist()), strict=True):
                if got is not None:
                    total[i] += len(got)
                    extra.append((i, got))
        room = np.full(n, cap, dtype=np.int64)
        if max_df is not None:
            room[total > max_df] = 0
        if (total > room).any():
            keep = np.arange(len(qi)) - np.searchsorted(qi, qi) < room[qi]  # qi is sorted, slots in posting order
            qi, slot = qi[keep], slot[keep]
        vals = self._vals[bucket[qi], slot]
        if not extra:
            return qi.astype(np.int64), vals, total
        left = room - np.minimum(in_table, room)
        more_i: list[int] = []
        more_v: list[int] = []
        for i, got in extra:
            r = int(left[i])
            if r > 0:
                more_v.extend(got[:r])
                more_i.extend([i] * min(r, len(got)))
        qi = np.concatenate((qi, np.array(more_i, dtype=np.int64)))
        order = np.argsort(qi, kind="stable")  # each key's table postings, then its newer overflow ones
        return qi[order].astype(np.int64), np.concatenate((vals, np.array(more_v, dtype=np.uint32)))[order], total

    def compact(self, prunable: Prunable) -> None:
        """Drop the postings `prunable` marks."""
        if len(self):
            self._rebuild(grow=False, prunable=prunable)

    def _bucket(self, h: U64) -> I64:
        """The bucket of each mixed hash: `bits` bits above its tag byte."""
        out: I64 = ((h >> np.uint64(8)) & np.uint64((1 << self._bits) - 1)).astype(np.int64)
        return out

    def _insert(self, h: U64, vals: U32) -> None:
        """Append each posting to its bucket, in order; what does not fit goes to the overflow dict."""
        n = len(h)
        bucket, width = self._bucket(h), n.bit_length()
        if self._bits + width < 63:  # by bucket, then posting order, in one int64 sort (beats a stable argsort)
            ordered = np.sort((bucket << np.int64(width)) | np.arange(n))
            order, b = ordered & ((1 << width) - 1), ordered >> np.int64(width)
        else:
            order = np.argsort(bucket, kind="stable")
            b = bucket[order]
        h, vals = h[order], vals[order]
        new = np.ones(n, dtype=np.bool_)
        new[1:] = b[1:] != b[:-1]
        starts = np.flatnonzero(new)
        pos = self._fill[b] + (np.arange(n) - np.repeat(starts, np.diff(np.append(starts, n))))
        fits = pos < self._slots
        at = b[fits] * self._slots + pos[fits]
        self._tags.ravel()[at] = _tag(h[fits])
        self._hashes.ravel()[at] = h[fits]
        self._vals.ravel()[at] = vals[fits]
        self._fill[b[starts]] = np.minimum(pos[np.append(starts[1:], n) - 1] + 1, self._slots)
        placed = int(fits.sum())
        self._stored += placed
        if placed == n:
            return
        self._spilled[b[~fits]] = True
        h, vals = h[~fits], vals[~fits]
        by_key = np.argsort(h, kind="stable")  # one dict operation a key (hot keys post many at once)
        h, vals = h[by_key], vals[by_key]
        first = np.flatnonzero(np.append(True, h[1:] != h[:-1]))
        ends, vlist, over = np.append(first[1:], len(h)).tolist(), vals.tolist(), self._over
        for k, lo, hi in zip(h[first].tolist(), first.tolist(), ends, strict=True):
            got = over.get(k)
            if got is None:
                over[k] = vlist[lo:hi]
            else:
                got.extend(vlist[lo:hi])
        self._overflowed += n - placed

    def _rebuild(self, grow: bool, prunable: Prunable | None = None) -> None:
        """Re-place every posting, bucket by bucket and in order: into twice the buckets (`grow`: bucket
        b splits into b and b + buckets by the next bit of the hash), or into the same ones without
        what `prunable` marks. Overflow postings go back in last."""
        s, nb = self._slots, len(self._fill)
        tags, hashes, vals = _table(nb << grow, s, spare=True)
        fill = np.zeros(nb << grow, dtype=np.int32)
        bit = np.uint64(8 + self._bits)  # the bit after the bucket's
        step = max(1, _CHUNK // s)
        for lo in range(0, nb, step):
            hi = min(nb, lo + step)
            t, h, v = self._tags[lo:hi], self._hashes[lo:hi], self._vals[lo:hi]
            valid = t != 0
            if prunable is not None:
                valid[valid] = ~prunable(unmix64(h[valid]), v[valid])
            upper = valid & ((h >> bit) & np.uint64(1)).astype(np.bool_) if grow else np.zeros_like(valid)
            n_valid, n_upper = np.cumsum(valid, axis=1, dtype=np.uint8), np.cumsum(upper, axis=1, dtype=np.uint8)
            rank = np.where(upper, n_upper, n_valid - n_upper).astype(np.int64) - 1  # among its bucket's kept ones
            rows = np.arange(lo, hi, dtype=np.int64)[:, None] + upper * nb
            dest = np.where(valid, rows * s + rank, tags.size - 1).ravel()  # the rest go to the spare slot
            tags.ravel()[dest], hashes.ravel()[dest], vals.ravel()[dest] = t.ravel(), h.ravel(), v.ravel()
            fill[lo:hi] = n_valid[:, -1] - n_upper[:, -1]
            if grow:
                fill[nb + lo : nb + hi] = n_upper[:, -1]
        over, self._over = self._over, {}
        self._bits += grow
        self._tags, self._hashes = tags[:-1].reshape(-1, s), hashes[:-1].reshape(-1, s)
        self._vals = vals[:-1].reshape(-1, s)
        self._fill, self._spilled = fill, np.zeros(len(fill), dtype=np.bool_)
        self._stored, self._overflowed = int(fill.sum()), 0
        if over:
            sizes = [len(g) for g in over.values()]
            h_over = np.repeat(np.fromiter(over.keys(), dtype=np.uint64, count=len(over)), sizes)
            v_over = np.array([x for g in over.values() for x in g], dtype=np.uint32)
            if prunable is not None:
                keep = ~prunable(unmix64(h_over), v_over)
                h_over, v_over = h_over[keep], v_over[keep]
            if len(h_over):
                self._insert(h_over, v_over)


def _table(buckets: int, slots: int, spare: bool = False) -> tuple[U8, U64, U32]:
    """Empty tags, hashes and values: (buckets, slots) arrays, or flat with one spare slot at the end."""
    shape: tuple[int, ...] = (buckets * slots + 1,) if spare else (buckets, slots)
    return np.zeros(shape, dtype=np.uint8), np.zeros(shape, dtype=np.uint64), np.zeros(shape, dtype=np.uint32)


def _tag(h: U64) -> U8:
    """1-255 from the low byte of a mixed hash (0 marks an empty slot)."""
    out: U8 = ((h & np.uint64(0xFF)) % np.uint64(255) + np.uint64(1)).astype(np.uint8)
    return out


def ranges(starts: I64, counts: I64) -> I64:
    """Concatenated aranges: starts[i] .. starts[i] + counts[i]."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    out: I64 = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, counts)
    return out

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
from rasd.copies.jit import jit

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
U8 = npt.NDArray[np.uint8]
Bools = npt.NDArray[np.bool_]
Prunable = Callable[[U64, U32], Bools]  # (keys, values) -> postings no longer wanted


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
        in_table = np.zeros(n, dtype=np.int64)
        full = np.zeros(n, dtype=np.bool_)
        _count(self._tags, self._hashes, self._fill, self._spilled, self._mask(), h, in_table, full)
        total = in_table.copy()
        extra: list[tuple[int, list[int]]] = []
        if self._over:
            full_at = np.flatnonzero(full)
            for i, got in zip(full_at.tolist(), map(self._over.get, h[full_at].tolist()), strict=True):
                if got is not None:
                    total[i] += len(got)
                    extra.append((i, got))
        room = np.full(n, cap, dtype=np.int64)
        if max_df is not None:
            room[total > max_df] = 0
        take = np.minimum(in_table, room)
        which = np.flatnonzero(take)
        qi = np.repeat(which, take[which])
        vals = np.empty(len(qi), dtype=np.uint32)
        _emit(self._tags, self._hashes, self._vals, self._fill, self._mask(), h, which, take, vals)
        if not extra:
            return qi, vals, total
        left = room - take
        more_i: list[int] = []
        more_v: list[int] = []
        for i, got in extra:
            r = int(left[i])
            if r > 0:
                more_v.extend(got[:r])
                more_i.extend([i] * min(r, len(got)))
        qi = np.concatenate((qi, np.array(more_i, dtype=np.int64)))
        order = np.argsort(qi, kind="stable")  # each key's table postings, then its newer overflow ones
        return qi[order], np.concatenate((vals, np.array(more_v, dtype=np.uint32)))[order], total

    def compact(self, prunable: Prunable) -> None:
        """Drop the postings `prunable` marks."""
        if len(self):
            self._rebuild(grow=False, prunable=prunable)

    def _mask(self) -> np.uint64:
        """Selects the bucket bits of a hash shifted past its tag byte."""
        return np.uint64((1 << self._bits) - 1)

    def _insert(self, h: U64, vals: U32) -> None:
        """Append each posting to its bucket, in order; what does not fit goes to the overflow dict."""
        spill = np.zeros(len(h), dtype=np.bool_)
        placed = _place(self._tags, self._hashes, self._vals, self._fill, self._spilled, self._mask(), h, vals, spill)
        self._stored += placed
        if placed == len(h):
            return
        h, vals = h[spill], vals[spill]
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
        self._overflowed += len(h)

    def _rebuild(self, grow: bool, prunable: Prunable | None = None) -> None:
        """Re-place every posting, bucket by bucket and in order: into twice the buckets (`grow`: bucket
        b splits into b and b + buckets by the next bit of the hash), or into the same ones without
        what `prunable` marks. Overflow postings go back in last."""
        drop = np.zeros((0, 0), dtype=np.bool_)
        if prunable is not None:
            drop = np.zeros(self._tags.shape, dtype=np.bool_)
            valid = self._tags != 0
            drop[valid] = prunable(unmix64(self._hashes[valid]), self._vals[valid])
        nb = len(self._fill) << grow
        tags, hashes, vals = _table(nb, self._slots)
        fill = np.zeros(nb, dtype=np.int32)
        _move(self._tags, self._hashes, self._vals, self._fill, drop, np.uint64(1 << (8 + self._bits)) if grow
              else np.uint64(0), tags, hashes, vals, fill)  # fmt: skip
        over, self._over = self._over, {}
        self._bits += grow
        self._tags, self._hashes, self._vals = tags, hashes, vals
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


@jit
def _tag_of(h: np.uint64) -> np.uint8:
    """1-255 from the low byte of a mixed hash (0 marks an empty slot)."""
    return np.uint8((h & np.uint64(0xFF)) % np.uint64(255) + np.uint64(1))


@jit
def _count(tags: U8, hashes: U64, fill: I32, spilled: Bools, mask: np.uint64, h: U64, count: I64, full: Bools) -> None:
    """Per hash: its postings in the table (`count`), and whether its bucket is full and has spilled
    (`full`: only then can it have postings in the overflow dict)."""
    slots = tags.shape[1]
    for i in range(len(h)):
        x = h[i]
        b = (x >> np.uint64(8)) & mask
        t = _tag_of(x)
        c = 0
        for s in range(fill[b]):
            if tags[b, s] == t and hashes[b, s] == x:
                c += 1
        count[i] = c
        full[i] = fill[b] == slots and spilled[b]


@jit
def _emit(tags: U8, hashes: U64, vals: U32, fill: I32, mask: np.uint64, h: U64, which: I64, take: I64,
          out: U32) -> None:  # fmt: skip
    """The first take[i] table postings of h[i], for each i in `which`, one after the other into `out`."""
    k = 0
    for i in which:
        x = h[i]
        b = (x >> np.uint64(8)) & mask
        t = _tag_of(x)
        left = take[i]
        for s in range(fill[b]):
            if left == 0:
                break
            if tags[b, s] == t and hashes[b, s] == x:
                out[k] = vals[b, s]
                k += 1
                left -= 1


@jit
def _place(tags: U8, hashes: U64, vals: U32, fill: I32, spilled: Bools, mask: np.uint64, h: U64, v: U32,
           spill: Bools) -> int:  # fmt: skip
    """Append each posting to its bucket in order; mark in `spill` those that find it full. Returns how
    many were placed."""
    slots = tags.shape[1]
    placed = 0
    for i in range(len(h)):
        x = h[i]
        b = (x >> np.uint64(8)) & mask
        f = fill[b]
        if f < slots:
            tags[b, f] = _tag_of(x)
            hashes[b, f] = x
            vals[b, f] = v[i]
            fill[b] = f + 1
            placed += 1
        else:
            spill[i] = True
            spilled[b] = True
    return placed


@jit
def _move(tags: U8, hashes: U64, vals: U32, fill: I32, drop: Bools, split: np.uint64, new_tags: U8,
          new_hashes: U64, new_vals: U32, new_fill: I32) -> None:  # fmt: skip
    """Every posting not in `drop` (empty: none) from the old table to the new one, bucket by bucket
    and in order: to bucket b, or b + old buckets where the hash has the `split` bit."""
    nb = len(fill)
    pruning = drop.size > 0
    for b in range(nb):
        for s in range(fill[b]):
            if pruning and drop[b, s]:
                continue
            x = hashes[b, s]
            d = b + nb if x & split else b
            f = new_fill[d]
            new_tags[d, f] = tags[b, s]
            new_hashes[d, f] = x
            new_vals[d, f] = vals[b, s]
            new_fill[d] = f + 1


def _table(buckets: int, slots: int) -> tuple[U8, U64, U32]:
    """Empty tags, hashes and values: (buckets, slots) arrays."""
    return (np.zeros((buckets, slots), dtype=np.uint8), np.zeros((buckets, slots), dtype=np.uint64),
            np.zeros((buckets, slots), dtype=np.uint32))  # fmt: skip


def ranges(starts: I64, counts: I64) -> I64:
    """Concatenated aranges: starts[i] .. starts[i] + counts[i]."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(counts) - counts
    out: I64 = np.arange(total, dtype=np.int64) - np.repeat(offsets - starts, counts)
    return out

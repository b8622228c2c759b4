"""A compact multimap from 64-bit keys to 32-bit values (document numbers), for hundreds of millions of postings.

A Python dict costs ~100 bytes an entry: 1M articles x ~150 keys would need 15 GB. Here the
postings live in bucketed hash tables of numpy arrays, 16 bytes a slot (`buckets.Buckets`):
bucket b holds up to `slots` postings in the order they were posted. A key is stored as its
mixed hash (`mix64`, a bijection): the range of its top bits picks one of `parts` tables,
bits 8 and up its bucket there, and its low byte is a tag. A lookup reads the 16 tags of one
bucket (one cache line) and compares full hashes only where a tag matches, so its cost does
not depend on the size of the index. Probes, appends and moves are compiled loops
(`rasd.copies.buckets`, one call for all the parts of a batch); this module sizes the arrays.
(Sorted runs merged LSM-style, which this replaced, needed a binary search per run and merges
that rewrote the largest run: their cost per article grew 1.4x from the first to the last 10%
of 1M articles.)

When a table is `max_load` full it doubles: each bucket splits in two by one more bit of the
hash, keeping its order, in place: the table's memory is remapped to twice its size (mremap,
no copy), the postings that change bucket move to the new half and the others close up. (A copy
into new memory, which this replaced, first-touched twice the memory and held old and new at
once; over half its time was the system handing out fresh pages: doubling cost 20 us an article
at 300k articles, now 14.) The parts cover unequal shares of the hash space, so they fill up one
after another and each doubling moves 1/parts of the postings: growing costs about one move
per posting, spread over the stream. A full bucket sends further postings to its table's
spill store (`buckets.Spill`: linked blocks of 16 a key), about 6% of postings on the generated
corpus, mostly hot keys such as boilerplate fingerprints with thousands of postings each;
they go back into the buckets at each doubling where they fit. Only keys whose bucket is full
and has spilled are looked up there, and a key's spilled postings are always newer than those
in its bucket. (The spill store was a Python dict of lists until the Python around it cost
more than the compiled probes: 13 of 155 keys an article hit a spilled bucket at 100k.)
"""

from __future__ import annotations

import mmap
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from rasd.copies.buckets import BLOCK, Buckets, Spill, probe, rehash, respill, row_bytes, spilled_hashes, split
from rasd.copies.features import U32, U64, mix64, unmix64

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
        """Memory held by the tables and their spill stores."""
        return sum(t.nbytes() for t in self._parts)

    def add_run(self, keys: U64, vals: U32) -> None:
        """Post vals[i] under keys[i], in order: among postings of one key, later ones count as newer."""
        self._probe(keys, vals, 0, None)  # cap 0: posting only

    def lookup(self, keys: U64, cap: int, max_df: I64 | None = None) -> tuple[I64, U32, I64]:
        """(i, value) for the postings of keys[i], oldest first for each key, and each key's posting count.

        At most `cap` postings a key; none for a key with more than max_df[i] postings.
        """
        return self._probe(keys, None, cap, max_df)

    def lookup_and_add(self, keys: U64, vals: U32, cap: int, max_df: I64 | None = None) -> tuple[I64, U32, I64]:
        """For each key in order, `lookup` it, then post its value: a key that repeats sees the
        postings of its earlier occurrences. One pass over the buckets does both."""
        return self._probe(keys, vals, cap, max_df)

    def _probe(self, keys: U64, vals: U32 | None, cap: int, max_df: I64 | None) -> tuple[I64, U32, I64]:
        """Look up (and post, with vals) in one compiled pass over all the parts, in the keys' order."""
        h = mix64(keys)
        parts = self._parts
        if vals is not None:
            share = np.bincount(self._part_of[h >> np.uint64(56)], minlength=len(parts))
            for t, n in zip(parts, share.tolist(), strict=True):
                if n:
                    t.make_room(n)
        total = np.zeros(len(keys), dtype=np.int64)
        qi, found, placed, _ = probe(tuple(t.buckets for t in parts), tuple(t.spill for t in parts),
                                     np.array([t.mask() for t in parts], dtype=np.uint64), self._part_of, h,
                                     _NO_VALS if vals is None else vals, cap, _NO_DF if max_df is None else max_df,
                                     vals is not None, total)  # fmt: skip
        for t, n in zip(parts, placed.tolist(), strict=True):
            t.stored += n
        return qi, found, total

    def compact(self) -> None:
        """Drop the postings `prunable` marks."""
        if self.prunable is not None:
            for t in self._parts:
                t.compact(self.prunable)


class _Table:
    """One part: a bucketed hash table of mixed hashes with its spill store (`buckets`). Its bucket is
    taken from bits 8 and up of the hash (its tag is the low byte; the part, the top bits' range), so
    doubling moves a posting of bucket b either nowhere or to bucket b + buckets."""

    def __init__(self, slots: int, max_load: float, bits: int) -> None:
        self._max_load = max_load
        self._bits = bits
        self._slots = slots
        self._mem = _memory((1 << bits) * row_bytes(slots))
        self._t = Buckets.over(np.frombuffer(self._mem, np.uint8), 1 << bits, slots)
        self._s = Spill.empty(16, 16)
        self.stored = 0  # postings in the buckets

    def __len__(self) -> int:
        return self.stored + int(self._s.used[2])

    def nbytes(self) -> int:
        """Memory held by the buckets and the spill store."""
        return self._t.nbytes() + self._s.nbytes()

    @property
    def buckets(self) -> Buckets:
        """The bucketed table (replaced when it doubles)."""
        return self._t

    @property
    def spill(self) -> Spill:
        """The spill store (replaced when it grows)."""
        return self._s

    def _doubled(self, old: int) -> Buckets:
        """The table's memory enlarged to twice `old` buckets, the new ones empty. The kernel remaps
        it (mremap) instead of copying it, the new half is zero until written, and the mapping keeps
        its huge pages; where that cannot be done (a view still held, no remap on this system) the
        rows are copied into new memory."""
        size = 2 * old * row_bytes(self._slots)
        self._t = _NO_BUCKETS
        try:
            self._mem.resize(size)
        except (BufferError, OSError, SystemError, ValueError):
            bigger = _memory(size)
            np.frombuffer(bigger, np.uint8)[: len(self._mem)] = np.frombuffer(self._mem, np.uint8)
            self._mem = bigger
        return Buckets.over(np.frombuffer(self._mem, np.uint8), 2 * old, self._slots)

    def make_room(self, n: int) -> None:
        """Double until n more postings keep the buckets under max_load, and make room in the spill store."""
        while self.stored + n > self._max_load * self._t.hashes.size:
            self._rebuild(grow=True)
        self._s = _reserve(self._s, n, n)

    def compact(self, prunable: Prunable) -> None:
        """Drop the postings `prunable` marks."""
        if len(self):
            self._rebuild(grow=False, prunable=prunable)

    def mask(self) -> np.uint64:
        """Selects the bucket bits of a hash shifted past its tag byte."""
        return np.uint64((1 << self._bits) - 1)

    def _rebuild(self, grow: bool, prunable: Prunable | None = None) -> None:
        """Re-place every posting, in order: into twice the buckets (`grow`: bucket b splits into b and
        b + buckets by the next bit of the hash), or into the same ones without what `prunable` marks.
        Spilled postings go back in last, into the buckets if they now fit."""
        t, s = self._t, self._s
        drop, spill_drop = _NOTHING, _NOTHING
        if prunable is not None:
            drop = np.zeros(t.tags.shape, dtype=np.bool_)
            valid = t.tags != 0
            drop[valid] = prunable(unmix64(t.hashes[valid]), t.vals[valid])
            by_block = prunable(unmix64(np.repeat(spilled_hashes(s), BLOCK)), s.val[: s.used[1]].ravel())
            spill_drop = by_block.reshape(-1, BLOCK)  # a block's unused places are never read
        old = len(t.spilled)
        if grow:
            del t  # no view of the table may be left when its memory is remapped
            self._bits += 1
            self._t = t = self._doubled(old)
        split(t, old, drop, np.uint64(1 << (7 + self._bits)) if grow else np.uint64(0))
        self._s = _reserve(Spill.empty(16, 16), int(s.used[0]), int(s.used[1]))
        respill(s, spill_drop, t, self._s, self.mask())
        self.stored = int(np.count_nonzero(t.tags))


def _memory(size: int) -> mmap.mmap:
    """`size` zero bytes of private anonymous memory, in huge pages where the system allows."""
    flags = getattr(mmap, "MAP_PRIVATE", 0) | getattr(mmap, "MAP_ANONYMOUS", 0)
    mem = mmap.mmap(-1, size, flags=flags) if flags else mmap.mmap(-1, size)
    if hasattr(mmap, "MADV_HUGEPAGE"):
        mem.madvise(mmap.MADV_HUGEPAGE)
    return mem


_NO_BUCKETS = Buckets.over(np.zeros(2 * row_bytes(1), np.uint8), 1, 1)  # a stand-in while a table is remapped
_NO_DF = np.zeros(0, dtype=np.int64)
_NO_VALS = np.zeros(0, dtype=np.uint32)
_NOTHING = np.zeros((0, 0), dtype=np.bool_)


def _reserve(s: Spill, keys: int, blocks: int) -> Spill:
    """`s`, or a copy with room for `keys` more hashes (at most half full) and `blocks` more blocks."""
    hashes, used = int(s.used[0]), int(s.used[1])
    if used + blocks > len(s.next):
        size = max(2 * len(s.next), used + blocks)
        val, nxt = np.zeros((size, BLOCK), dtype=np.uint32), np.zeros(size, dtype=np.int64)
        val[:used], nxt[:used] = s.val[:used], s.next[:used]
        s = s._replace(val=val, next=nxt)
    if 2 * (hashes + keys) > len(s.entries):
        slots = 1 << (4 * (hashes + keys)).bit_length()
        bigger = Spill.empty(slots, 0)._replace(val=s.val, next=s.next, used=s.used)
        rehash(s, bigger)
        s = bigger
    return s

"""Compiled operations on the parts of the key index (`keyindex._Table`): each a bucketed hash
table of postings, with a spill store for the postings that find their bucket full.

`Buckets`: bucket b is row b of `tags`, `hashes` and `vals`, filled from slot 0 in posting
order (its nonzero tags). The bucket of a mixed hash is `(h >> 8) & mask`, its tag the low byte
mapped to 1-255 (0: empty), so a probe reads one cache line of tags and compares full hashes
only where a tag matches.

`Spill`: the postings of full buckets, kept for each hash (oldest first) in a linked list of
blocks of `BLOCK` postings (one cache line: reading a hot key's first 64 postings costs 4
misses, not 64), found through an open-addressing table of hashes (`entries`: a slot holds a
hash, its posting count and its first and last block in one row, so finding a hash costs one
miss; count 0 marks a free slot). Only buckets marked `spilled` are looked up there. Hot keys
(boilerplate fingerprints, large copy groups) post thousands of times: they live here, which
keeps every bucket's probe within its own lines. `used` counts the hashes in the store, its
blocks and its postings; the caller makes room (`keyindex._reserve`) before posting.

A hash's postings in the table are older than its postings in the spill store: a bucket only
spills once full, and doubling re-places the table's postings before the spilled ones.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from rasd.copies.features import I64, U32, U64
from rasd.copies.jit import jit

U8 = npt.NDArray[np.uint8]
Bools = npt.NDArray[np.bool_]


class Buckets(NamedTuple):
    """(buckets, slots) tags, hashes and values; per bucket whether it has spilled. A bucket's fill is
    the number of nonzero tags it starts with: reading it costs no cache line beyond the tags.

    All four are views of one array (`raw`) with a row per bucket: its tags and spilled flag, then
    its hashes, then its values, each part starting on a cache line. A bucket's lines thus lie on
    one memory page: a probe costs one address translation, not one per array (on this virtual
    machine a translation miss costs about as much as the cache miss itself).
    """

    raw: U8
    tags: U8
    hashes: U64
    vals: U32
    spilled: Bools

    @staticmethod
    def over(raw: U8, buckets: int, slots: int) -> Buckets:
        """`buckets` buckets of `slots` slots in the zeroed bytes `raw`, from its first cache line
        boundary (room for their rows after it)."""
        at_hashes = _lines(slots + 1)
        at_vals = at_hashes + 8 * slots
        skip = -raw.ctypes.data % _LINE
        rows = raw[skip : skip + buckets * row_bytes(slots)].reshape(buckets, -1)
        hashes = rows[:, at_hashes:at_vals].view(np.uint64)
        vals = rows[:, at_vals : at_vals + 4 * slots].view(np.uint32)
        return Buckets(raw, rows[:, :slots], hashes, vals, rows[:, slots].view(np.bool_))

    def nbytes(self) -> int:
        return self.raw.nbytes


_LINE = 64  # bytes a cache line


def _lines(size: int) -> int:
    """size rounded up to whole cache lines."""
    return -(-size // _LINE) * _LINE


def row_bytes(slots: int) -> int:
    """Bytes a bucket: its tags and spilled flag, hashes and values, each part from a cache line."""
    return _lines(_lines(slots + 1) + 12 * slots)


BLOCK = 16  # spilled postings a block


class Spill(NamedTuple):
    """Blocks of postings of the hashes whose bucket was full, by an open-addressing table of hashes."""

    entries: U64  # (slots, 4): hash, postings (0: a free slot), first block, last block; one line a probe
    val: U32  # (blocks, BLOCK)
    next: I64  # the block after each, -1: none
    used: I64  # [hashes, blocks, postings]

    @staticmethod
    def empty(slots: int, blocks: int) -> Spill:
        """A store with `slots` hash slots (a power of two) and room for `blocks` blocks."""
        return Spill(np.zeros((slots, 4), np.uint64), np.zeros((blocks, BLOCK), np.uint32), np.zeros(blocks, np.int64),
                     np.zeros(3, np.int64))  # fmt: skip

    def nbytes(self) -> int:
        return sum(a.nbytes for a in self)


_KEY, _SIZE, _HEAD, _TAIL = 0, 1, 2, 3  # columns of Spill.entries
_GROUP = 16  # probes whose bucket lines are loaded together


@jit
def _tag_of(h: np.uint64) -> np.uint8:
    """1-255 from the low byte of a mixed hash."""
    return np.uint8((h & np.uint64(0xFF)) % np.uint64(255) + np.uint64(1))


@jit
def _slot(s: Spill, x: np.uint64) -> np.int64:
    """The slot of hash x in the spill store, or the free slot where it would go."""
    m = np.int64(len(s.entries) - 1)
    i = np.int64((x >> np.uint64(32)) & np.uint64(m))
    while s.entries[i, _SIZE] != 0 and s.entries[i, _KEY] != x:
        i = (i + 1) & m
    return i


@jit
def _spill_one(s: Spill, x: np.uint64, v: np.uint32) -> None:
    """Append posting v to hash x's blocks."""
    i = _slot(s, x)
    size = np.int64(s.entries[i, _SIZE])
    off = size % BLOCK
    if off == 0:  # a new block: the hash's first, or its last is full
        p = s.used[1]
        s.used[1] += 1
        s.next[p] = -1
        if size == 0:
            s.entries[i, _KEY] = x
            s.entries[i, _HEAD] = p
            s.used[0] += 1
        else:
            s.next[np.int64(s.entries[i, _TAIL])] = p
        s.entries[i, _TAIL] = p
    s.val[np.int64(s.entries[i, _TAIL]), off] = v
    s.entries[i, _SIZE] = size + 1
    s.used[2] += 1


@jit
def _fill(t: Buckets, b: np.uint64) -> int:
    """Postings in bucket b (its slots fill from the first)."""
    slots = t.tags.shape[1]
    f = 0
    while f < slots and t.tags[b, f] != 0:
        f += 1
    return f


@jit
def _touch(t: Buckets, mask: np.uint64, x: np.uint64) -> np.uint64:
    """Read the lines of hash x's bucket that a probe and a post use (its tags, hashes and values):
    independent loads that the processor overlaps, so the cache misses of a group of probes cost
    about one miss instead of several each (the result is used only so that the loads are kept)."""
    b = (x >> np.uint64(8)) & mask
    half = t.tags.shape[1] // 2
    touched: np.uint64 = np.uint64(t.tags[b, 0]) ^ t.hashes[b, 0] ^ t.hashes[b, half] ^ np.uint64(t.vals[b, 0])
    return touched


@jit
def _post_one(t: Buckets, s: Spill, mask: np.uint64, x: np.uint64, v: np.uint32) -> bool:
    """Append posting v under hash x to its bucket, or to the spill store if the bucket is full.
    True when it went to the bucket."""
    b = (x >> np.uint64(8)) & mask
    f = _fill(t, b)
    if f < t.tags.shape[1]:
        t.tags[b, f] = _tag_of(x)
        t.hashes[b, f] = x
        t.vals[b, f] = v
        return True
    t.spilled[b] = True
    _spill_one(s, x, v)
    return False


@jit
def probe(ts: tuple[Buckets, ...], ss: tuple[Spill, ...], masks: U64, part_of: U8, h: U64, v: U32, cap: int,
          max_df: I64, posting: bool, total: I64) -> tuple[I64, U32, I64, np.uint64]:  # fmt: skip
    """For each hash h[i] in order, in its part p = `part_of[h[i] >> 56]` (table ts[p], spill store
    ss[p], bucket mask masks[p]): its postings (`total[i]`) and the first of them (i, value), oldest
    first, at most `cap` and none when total[i] > max_df[i] (max_df empty: no limit); then, when
    `posting`, post v[i] under h[i], so that a later h[k] == h[i] of the call sees it (cap 0:
    posting only).

    The hashes are taken part by part, each part's in their order (a counting sort), so a part's
    arrays are fetched once. Probing and posting in one pass reads each bucket once: its lines are
    still in cache when the posting is written. Returns (i, value) of the postings found, how many
    postings went to each part's buckets (the rest spilled), and the xor of the touched lines
    (unused: returned so that the loads are not optimized away).
    """
    n = len(h)
    part = np.empty(n, dtype=np.int64)
    start = np.zeros(len(ts) + 1, dtype=np.int64)
    for i in range(n):
        part[i] = part_of[h[i] >> np.uint64(56)]
        start[part[i] + 1] += 1
    for p in range(len(ts)):
        start[p + 1] += start[p]
    order = np.empty(n, dtype=np.int64)
    at = start[:-1].copy()
    for i in range(n):
        order[at[part[i]]] = i
        at[part[i]] += 1
    qi = np.zeros(max(16, n), dtype=np.int64)
    out = np.zeros(len(qi), dtype=np.uint32)
    placed = np.zeros(len(ts), dtype=np.int64)
    k = 0
    sink = np.uint64(0)
    for p in range(len(ts)):
        if start[p + 1] > start[p]:
            qi, out, k, placed[p], touched = _probe_part(ts[p], ss[p], masks[p], h, v, order[start[p] : start[p + 1]],
                                                         cap, max_df, posting, total, qi, out, k)  # fmt: skip
            sink ^= touched
    return qi[:k], out[:k], placed, sink


@jit
def _probe_part(t: Buckets, s: Spill, mask: np.uint64, h: U64, v: U32, idx: I64, cap: int, max_df: I64,
                posting: bool, total: I64, qi: I64, out: U32,
                k: int) -> tuple[I64, U32, int, int, np.uint64]:  # fmt: skip
    """`probe` for the hashes h[idx] of one part, in order: the found postings go to qi and out
    from k (grown when full). Returns qi, out, the new k, the postings placed in buckets, the sink."""
    slots = t.tags.shape[1]
    limited = len(max_df) > 0
    placed = 0
    sink = np.uint64(0)
    for lo in range(0, len(idx), _GROUP):
        hi = min(lo + _GROUP, len(idx))
        for r in range(lo, hi):
            sink ^= _touch(t, mask, h[idx[r]])
        for r in range(lo, hi):
            i = idx[r]
            x = h[i]
            b = (x >> np.uint64(8)) & mask
            tag = _tag_of(x)
            c = 0
            f = 0
            while f < slots and t.tags[b, f] != 0:
                if t.tags[b, f] == tag and t.hashes[b, f] == x:
                    c += 1
                f += 1
            j = np.int64(-1)
            if f == slots and t.spilled[b]:
                j = _slot(s, x)
                c += int(s.entries[j, _SIZE])
            total[i] = c
            left = 0 if limited and c > max_df[i] else min(c, cap)
            if k + left > len(qi):
                qi, out = _grown(qi, out, k + left)
            for g in range(f):
                if left == 0:
                    break
                if t.tags[b, g] == tag and t.hashes[b, g] == x:
                    qi[k] = i
                    out[k] = t.vals[b, g]
                    k += 1
                    left -= 1
            q = np.int64(s.entries[j, _HEAD]) if left > 0 else -1
            off = 0
            while left > 0:
                qi[k] = i
                out[k] = s.val[q, off]
                k += 1
                left -= 1
                off += 1
                if off == BLOCK:
                    q, off = s.next[q], 0
            if posting:
                placed += _post_one(t, s, mask, x, v[i])
    return qi, out, k, placed, sink


@jit
def _grown(qi: I64, out: U32, need: int) -> tuple[I64, U32]:
    """qi and out in arrays at least twice as long and `need` long."""
    size = max(2 * len(qi), need)
    qi2, out2 = np.zeros(size, dtype=np.int64), np.zeros(size, dtype=np.uint32)
    qi2[: len(qi)] = qi
    out2[: len(out)] = out
    return qi2, out2


@jit
def split(t: Buckets, old: int, drop: Bools, bit: np.uint64) -> None:
    """In place, keeping each hash's order: the postings of buckets [0, old) whose hash has `bit`
    move to bucket b + old (empty: t holds 2 * old buckets when bit is set), the others close up;
    postings marked in `drop` (by slot; may be empty) are removed; spilled flags are cleared (the
    caller posts the spilled postings again, `respill`)."""
    pruning = drop.size > 0
    for b in range(old):
        f0 = 0  # the fill of bucket b, and of b + old
        f1 = 0
        n = _fill(t, np.uint64(b))
        for k in range(n):
            if pruning and drop[b, k]:
                continue
            x = t.hashes[b, k]
            tag, v = t.tags[b, k], t.vals[b, k]
            up = int((x & bit) != 0)  # branch-free: the bit is a coin toss (25% faster)
            d = b + old * up
            f = f0 + (f1 - f0) * up  # in bucket b, f0 <= k: a posting is read before its slot is written
            f1 += up
            f0 += 1 - up
            t.tags[d, f] = tag
            t.hashes[d, f] = x
            t.vals[d, f] = v
        for k in range(f0, n):
            t.tags[b, k] = 0
        t.spilled[b] = False


@jit
def respill(s: Spill, spill_drop: Bools, t: Buckets, new_spill: Spill, mask: np.uint64) -> None:
    """Post the postings of `s` again, each hash's in order, into its bucket of t where it fits,
    else into `new_spill`; those marked in `spill_drop` (by block and place; may be empty) are left out."""
    pruning = spill_drop.size > 0
    for j in range(len(s.entries)):
        if s.entries[j, _SIZE] == 0:
            continue
        x = s.entries[j, _KEY]
        p = np.int64(s.entries[j, _HEAD])
        for q in range(np.int64(s.entries[j, _SIZE])):
            off = q % BLOCK
            if not (pruning and spill_drop[p, off]):
                _post_one(t, new_spill, mask, x, s.val[p, off])
            if off == BLOCK - 1:
                p = s.next[p]


@jit
def spilled_hashes(s: Spill) -> U64:
    """The hash of each block (its postings' hash), by block number."""
    out = np.zeros(s.used[1], dtype=np.uint64)
    for j in range(len(s.entries)):
        p = np.int64(s.entries[j, _HEAD])
        while s.entries[j, _SIZE] != 0 and p >= 0:
            out[p] = s.entries[j, _KEY]
            p = s.next[p]
    return out


@jit
def rehash(s: Spill, new: Spill) -> None:
    """The spill store's hashes into a larger table (the postings stay where they are)."""
    for j in range(len(s.entries)):
        if s.entries[j, _SIZE] != 0:
            new.entries[_slot(new, s.entries[j, _KEY])] = s.entries[j]

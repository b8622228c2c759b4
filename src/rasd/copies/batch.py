"""Keys shared inside one batch: which earlier articles of the batch posted the same key.

`add_many` must give the links of adding its articles one by one, so an article's candidates
include the earlier articles of its batch with the same band key or fingerprint. Compiled
loops with a hash table of the batch's keys replace a lexsort of the whole batch: `Shared`
links each key's postings in article order, and `pairs` walks those lists.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from rasd.copies.features import I64, U64
from rasd.copies.jit import jit


class Shared(NamedTuple):
    """Per posting: how many earlier articles of the batch posted its key (`rank`), and the first
    posting of its key (`first`); `next` links a key's postings in article order (-1: the last)."""

    rank: I64
    first: I64
    next: I64


def shared(keys: U64, owner: I64, articles: int) -> Shared:
    """The batch's postings (key, article) linked by key; an article posts a key at most once."""
    n = len(keys)
    out = Shared(np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), np.full(n, -1, dtype=np.int64))
    _link(keys, owner, articles, out)
    return out


@jit
def _link(keys: U64, owner: I64, articles: int, out: Shared) -> None:
    """Visit the postings by article (a counting sort), and link each to the postings of its key."""
    n = len(keys)
    start = np.zeros(articles + 1, dtype=np.int64)
    for i in range(n):
        start[owner[i] + 1] += 1
    for a in range(articles):
        start[a + 1] += start[a]
    order = np.zeros(n, dtype=np.int64)
    for i in range(n):
        order[start[owner[i]]] = i
        start[owner[i]] += 1
    size = 16
    while size < 2 * n:
        size *= 2
    mask = np.uint64(size - 1)
    slot_key = np.zeros(size, dtype=np.uint64)
    slot_first = np.full(size, -1, dtype=np.int64)
    slot_last = np.zeros(size, dtype=np.int64)
    slot_count = np.zeros(size, dtype=np.int64)
    for j in range(n):
        i = order[j]
        x = keys[i]
        s = (x * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(20) & mask
        while slot_first[s] != -1 and slot_key[s] != x:
            s = (s + np.uint64(1)) & mask
        if slot_first[s] == -1:
            slot_key[s] = x
            slot_first[s] = i
        else:
            out.next[slot_last[s]] = i
        slot_last[s] = i
        out.rank[i] = slot_count[s]
        out.first[i] = slot_first[s]
        slot_count[s] += 1


def pairs(s: Shared, owner: I64, take: I64) -> tuple[I64, I64]:
    """(article, earlier article) for the first take[i] earlier postings of each posting i's key."""
    total = int(take.sum())
    probe, other = np.zeros(total, dtype=np.int64), np.zeros(total, dtype=np.int64)
    _walk(s, owner, take, probe, other)
    return probe, other


@jit
def _walk(s: Shared, owner: I64, take: I64, probe: I64, other: I64) -> None:
    k = 0
    for i in range(len(take)):
        p = s.first[i]
        for _ in range(take[i]):
            probe[k] = owner[i]
            other[k] = owner[p]
            k += 1
            p = s.next[p]

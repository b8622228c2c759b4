"""Documents earlier runs indexed, kept in the store and read only as far as new articles need them.

A `CopyIndex` given a `PastSource` (the store, wired by events/corpus.py) goes on from the saved
index instead of rebuilding it from every stored text: document numbers continue after the last
saved one, and before a batch is matched the saved postings of its keys enter the in-memory key
index (the earliest `cap` of each key, all a lookup ever reads: `CopyConfig.bucket_cap` postings
a key, and whether it has more than `print_max_df`), once per key, before any posting of this
run under that key, so each key's postings keep their order. The ids, lengths and signatures of
the saved documents a batch meets are read then, and their words (for alignment) are computed
again from their stored text. What the index adds (documents and postings) is handed back by
`take_rows` and saved with the batch. A run thus reads what its articles touch, not the store.

Saved documents found through postings were in the passage window when they were indexed, and
stay in it (the store keeps every article's text): the window bounds (`forget_before`,
`CopyConfig.passage_max_docs`) are for an index held in memory only.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from rasd.copies.features import I64, U32, U64

F64 = npt.NDArray[np.float64]


class PastSource(Protocol):
    """Where saved documents and postings are read (the store's copy tables)."""

    def copy_next(self) -> tuple[int, float]:
        """The next document number (1 + the largest saved) and the clock (the latest date stamp)."""
        ...

    def copy_postings(self, keys: list[int], cap: int) -> tuple[list[int], list[int]]:
        """(key, doc) of the earliest `cap` postings of each key (keys as signed 64-bit), by key then doc."""
        ...

    def copy_docs(self, docs: list[int]) -> list[tuple[int, str, int, bytes]]:
        """(doc, article id, characters, signature bytes) of the saved documents asked for."""
        ...

    def copy_numbers(self, ids: list[str]) -> dict[str, int]:
        """article id -> its saved document number, for the ids that have one."""
        ...

    def copy_texts_of(self, docs: list[int]) -> dict[int, str]:
        """doc -> the text it was indexed with."""
        ...


@dataclass(slots=True)
class CopyRows:
    """What an index added since the last `take_rows`: documents and postings, to save."""

    docs: list[tuple[int, str, int, float, bytes]] = field(default_factory=list)  # doc, id, length, stamp, signature
    keys: list[tuple[int, int]] = field(default_factory=list)  # (key as signed 64-bit, doc)


class Past:
    """The saved part of an index: what it has read of it, and what it added since the last save."""

    def __init__(self, source: PastSource, width: int, without: Collection[str] = ()) -> None:
        self.source = source
        self.width = width
        self.base, self.clock = source.copy_next()  # documents below `base` are saved ones
        # saved versions of edited articles: never found again (their rows go with the next batch)
        self._hidden = set(source.copy_numbers(list(without)).values()) if without else set()
        self._ids: dict[int, str] = {}
        self._length: dict[int, int] = {}
        self._sig: dict[int, U32] = {}
        self._docs: list[tuple[int, str, int, float, bytes]] = []
        self._keys: list[U64] = []
        self._vals: list[U32] = []

    def postings(self, keys: U64, cap: int) -> tuple[U64, U32]:
        """The saved postings of `keys` (distinct), earliest `cap` per key, grouped by key in doc order."""
        if not len(keys):
            return np.zeros(0, np.uint64), np.zeros(0, np.uint32)
        k, d = self.source.copy_postings(keys.view(np.int64).tolist(), cap + len(self._hidden))
        ks, ds = np.array(k, dtype=np.int64).view(np.uint64), np.array(d, dtype=np.int64)
        if self._hidden and len(ds):
            keep = ~np.isin(ds, np.fromiter(self._hidden, np.int64, len(self._hidden)))
            ks, ds = ks[keep], ds[keep]
            first = np.concatenate(([True], ks[1:] != ks[:-1])) if len(ks) else np.zeros(0, np.bool_)
            rank = np.arange(len(ks)) - np.maximum.accumulate(np.where(first, np.arange(len(ks)), 0))
            ks, ds = ks[rank < cap], ds[rank < cap]
        return ks, ds.astype(np.uint32)

    def numbers(self, ids: list[str]) -> set[str]:
        """Which of `ids` are saved (and not hidden)."""
        return {a for a, d in self.source.copy_numbers(ids).items() if d not in self._hidden}

    def read(self, docs: I64) -> None:
        """Read the ids, lengths and signatures of these saved documents (those not read yet)."""
        need = sorted({d for d in docs.tolist() if d not in self._ids})
        for d, aid, length, sig in self.source.copy_docs(need):
            self._ids[d], self._length[d] = aid, length
            self._sig[d] = np.frombuffer(sig, dtype=np.uint32)

    def id(self, d: int) -> str:
        return self._ids[d]

    def length(self, d: int) -> int:
        return self._length[d]

    def agreement(self, sigs: U32, probe: I64, docs: I64) -> F64:
        """Share of equal minima of sigs[probe[i]] and the saved signature of docs[i] (read first)."""
        self.read(docs)
        theirs = np.stack([self._sig[d] for d in docs.tolist()]) if len(docs) else np.zeros((0, self.width), np.uint32)
        same = np.count_nonzero(theirs == sigs[probe], axis=1)
        out: F64 = same / self.width
        return out

    def texts(self, docs: list[int]) -> dict[int, str]:
        return self.source.copy_texts_of(docs)

    def added(self, docs: list[tuple[int, str, int, float, bytes]], keys: U64, vals: U32) -> None:
        """Remember documents and postings this run added, for `take_rows`."""
        self._docs.extend(docs)
        if len(keys):
            self._keys.append(keys)
            self._vals.append(vals)

    def take_rows(self) -> CopyRows:
        """What was added since the last call."""
        rows = CopyRows(self._docs)
        if self._keys:
            keys, vals = np.concatenate(self._keys).view(np.int64), np.concatenate(self._vals)
            rows.keys = list(zip(keys.tolist(), vals.tolist(), strict=True))
        self._docs, self._keys, self._vals = [], [], []
        return rows

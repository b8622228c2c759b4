"""Sparse count vectors with corpus IDF: the arithmetic shared by events and stories.

Keys are numbered in order of first sight (`Vocab`); counts are numpy arrays of ids and counts
in insertion order (`Bag`), weighed into unit vectors (`Vec`). The array arithmetic reproduces
the plain formulas bit for bit: logarithms come from `math` (through tables or over distinct
values), sums run left to right in the order the plain-Python code iterated, so scores do not
depend on which path computed them. Not thread-safe (a vocabulary's scratch array is shared).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Counts = tuple[IntArray, IntArray]  # ids, counts
_EMPTY_I: IntArray = np.zeros(0, np.int64)
_EMPTY_F: FloatArray = np.zeros(0, np.float64)


def _grown(a: IntArray, size: int, fill: int) -> IntArray:
    return np.concatenate([a, np.full(max(size, 2 * len(a)) - len(a), fill, np.int64)])


class _Ids(dict[str, int]):
    """Key -> id; an unseen key gets the next id."""

    __slots__ = ("keys_",)

    def __init__(self) -> None:
        super().__init__()
        self.keys_: list[str] = []

    def __missing__(self, key: str) -> int:
        i = self[key] = len(self.keys_)
        self.keys_.append(key)
        return i


class Vocab:
    """Keys numbered in order of first sight, with a scratch array indexed by id."""

    __slots__ = ("_ids", "_pos", "_zero")

    def __init__(self) -> None:
        self._ids = _Ids()
        self._pos: IntArray = np.full(1024, -1, np.int64)
        self._zero: IntArray = np.zeros(1024, np.int64)

    def __len__(self) -> int:
        return len(self._ids.keys_)

    def ids(self, keys: Iterable[str], n: int | None = None) -> IntArray:
        """Ids of `keys` in order (`n` of them), numbering unseen ones."""
        if n is None:
            keys = list(keys)
            n = len(keys)
        return np.fromiter(map(self._ids.__getitem__, keys), np.int64, n)

    def id_list(self, keys: Iterable[str]) -> list[int]:
        """`ids` as a list (cheaper than an array for a few keys)."""
        return list(map(self._ids.__getitem__, keys))

    def key(self, i: int) -> str:
        return self._ids.keys_[i]

    def find(self, key: str) -> int | None:
        return self._ids.get(key)

    def scratch(self) -> IntArray:
        """id -> position, -1 everywhere: callers set what they need and reset it to -1."""
        if len(self) > len(self._pos):
            self._pos = _grown(self._pos, len(self), -1)
        return self._pos

    def tally(self, every: IntArray) -> Counts:
        """The distinct ids of `every` in order of first occurrence, and how often each occurs."""
        pos = self.scratch()
        if len(self) > len(self._zero):
            self._zero = _grown(self._zero, len(self), 0)
        n, tally = len(every), self._zero
        back = np.arange(n, 0, -1)  # n - index: the largest marks the first occurrence
        np.maximum.at(pos, every, back)
        np.add.at(tally, every, 1)
        ids = every[pos[every] == back]
        cnt = tally[ids]
        pos[ids], tally[ids] = -1, 0
        return ids, cnt


class _Table:
    """f(0), f(1), ... computed by `math` once and looked up as an array."""

    def __init__(self, f: Callable[[int], float]) -> None:
        self.f = f
        self.values: FloatArray = _EMPTY_F

    def at(self, idx: IntArray) -> FloatArray:
        top = int(idx.max()) if idx.size else 0
        if top >= len(self.values):
            n = max(top + 1, 2 * len(self.values), 64)
            self.values = np.array([self.f(i) for i in range(n)], np.float64)
        return self.values[idx]


_LOG_DF = _Table(lambda c: math.log(c + 1))  # the idf of weigh: base - log(df + 1)
_LOG1P = _Table(math.log1p)  # sublinear tf of whole counts


class Bag(Mapping[str, int]):
    """Counts over a vocabulary in insertion order, as a Counter kept by `top` would hold them."""

    __slots__ = ("_dict", "cnt", "ids", "vocab")

    def __init__(self, vocab: Vocab | None = None, counts: Mapping[str, int] | None = None) -> None:
        self.vocab = vocab if vocab is not None else Vocab()
        self.ids, self.cnt = _EMPTY_I, _EMPTY_I
        self._dict: dict[str, int] | None = None  # built on first lookup by key
        if counts:
            self.ids = self.vocab.ids(counts, len(counts))
            self.cnt = counts.cnt if isinstance(counts, Bag) else np.fromiter(counts.values(), np.int64, len(counts))

    @classmethod
    def of(cls, vocab: Vocab, ids: IntArray, cnt: IntArray) -> Bag:
        bag = cls(vocab)
        bag.ids, bag.cnt = ids, cnt
        return bag

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[str]:
        return map(self.vocab.key, self.ids.tolist())

    def __getitem__(self, key: str) -> int:
        if self._dict is None:
            self._dict = self.to_dict()
        return self._dict[key]

    def merge(self, ids: IntArray, cnt: IntArray, limit: int) -> None:
        """Add counts (distinct ids), then keep the `limit` largest; ties keep the earlier key.

        The same counts in the same order as `top(Counter(self) + Counter(new), limit)`.
        """
        pos = self.vocab.scratch()
        pos[self.ids] = np.arange(len(self.ids))
        p = pos[ids]
        pos[self.ids] = -1
        old = p >= 0
        cnt_all = self.cnt.copy()
        cnt_all[p[old]] += cnt[old]
        new = ~old
        ids_all = np.concatenate([self.ids, ids[new]])
        cnt_all = np.concatenate([cnt_all, cnt[new]])
        if len(ids_all) > limit:
            keep = np.argsort(-cnt_all, kind="stable")[:limit]
            ids_all, cnt_all = ids_all[keep], cnt_all[keep]
        self.ids, self.cnt, self._dict = ids_all, cnt_all, None

    def subtract(self, ids: IntArray, cnt: IntArray) -> None:
        """Take counts out again (what `merge` added for one document); keys left at 0 go."""
        if not len(self.ids) or not len(ids):
            return
        pos = self.vocab.scratch()
        pos[self.ids] = np.arange(len(self.ids))
        p = pos[ids]
        pos[self.ids] = -1
        here = p >= 0
        left = self.cnt.copy()
        left[p[here]] -= cnt[here]
        keep = left > 0
        self.ids, self.cnt, self._dict = self.ids[keep], left[keep], None

    def to_dict(self) -> dict[str, int]:
        return dict(zip(self, self.cnt.tolist(), strict=True))

    def rehome(self, vocab: Vocab) -> Bag:
        """The same counts over another vocabulary."""
        return self if vocab is self.vocab else Bag(vocab, self.to_dict())


class DocFreq:
    """Document frequencies of one feature family, seen online, over a vocabulary."""

    __slots__ = ("_df", "_touched", "docs", "vocab")

    def __init__(self, docs: int = 0, df: Mapping[str, int] | None = None, vocab: Vocab | None = None) -> None:
        self.docs = docs
        self.vocab = vocab if vocab is not None else Vocab()
        self._df: IntArray = np.zeros(max(1024, len(self.vocab)), np.int64)
        self._touched: list[IntArray] = []  # ids counted since the last `take_changed`
        if df:
            ids, cnt = self.counts(df)
            self._fit()
            self._df[ids] = cnt

    def _fit(self) -> None:
        if len(self.vocab) > len(self._df):
            self._df = _grown(self._df, len(self.vocab), 0)

    def counts(self, keys: Mapping[str, int]) -> Counts:
        """`keys` as arrays of ids and counts, in order."""
        if isinstance(keys, Bag):
            return (keys.ids if keys.vocab is self.vocab else self.vocab.ids(keys, len(keys))), keys.cnt
        n = len(keys)
        return self.vocab.ids(keys, n), np.fromiter(keys.values(), np.int64, n)

    def add(self, keys: Mapping[str, int]) -> Counts:
        """Count one document with these keys; returns them as `counts` does."""
        self.docs += 1
        ids, cnt = self.counts(keys)
        self._fit()
        self._df[ids] += 1
        self._touched.append(ids)
        return ids, cnt

    def remove(self, keys: Mapping[str, int]) -> None:
        """Uncount one document counted by `add` with these keys (an edited article's old version)."""
        self.docs = max(0, self.docs - 1)
        ids, _ = self.counts(keys)
        self._fit()
        self._df[ids] = np.maximum(self._df[ids] - 1, 0)
        self._touched.append(ids)

    def take_changed(self) -> dict[str, object]:
        """What changed since the last call, in the form of `to_json`: the documents seen, and the
        frequency of each key counted since (by id). `from_json` of the first `to_json` updated by
        each later `take_changed` in order gives the same frequencies as `to_json` at the end."""
        ids = np.unique(np.concatenate(self._touched)) if self._touched else np.zeros(0, np.int64)
        self._touched = []
        key = self.vocab.key
        return {"docs": self.docs, "df": {key(i): c for i, c in zip(ids.tolist(), self._df[ids].tolist(), strict=True)}}

    def df_of(self, ids: IntArray) -> IntArray:
        """Document frequency of each id."""
        self._fit()
        return self._df[ids]

    def count(self, key: str) -> int:
        i = self.vocab.find(key)
        return 0 if i is None or i >= len(self._df) else int(self._df[i])

    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.count(key) + 1)) + 1.0

    def to_json(self) -> dict[str, object]:
        self._fit()
        key = self.vocab.key
        return {"docs": self.docs, "df": {key(i): c for i, c in enumerate(self._df[: len(self.vocab)].tolist()) if c}}

    @classmethod
    def from_json(cls, data: Mapping[str, object], vocab: Vocab | None = None) -> DocFreq:
        docs = data.get("docs", 0)
        df = data.get("df", {})
        return cls(int(docs) if isinstance(docs, int) else 0, df if isinstance(df, dict) else {}, vocab)


class Vec(NamedTuple):
    """A unit vector: ids and weights, in the order of the counts it was weighed from."""

    ids: IntArray
    w: FloatArray


EMPTY = Vec(_EMPTY_I, _EMPTY_F)


def log1p_counts(cnt: IntArray) -> FloatArray:
    """math.log1p of each whole count."""
    return _LOG1P.at(cnt)


def _tf(cnt: IntArray, scale: int | float) -> FloatArray:
    """log1p(c / scale) of each count, by math.log1p."""
    if scale == 1:
        return _LOG1P.at(cnt)
    present = np.zeros(int(cnt.max()) + 1, np.bool_)
    present[cnt] = True
    seen = np.flatnonzero(present)
    table = np.zeros(len(present), np.float64)
    table[seen] = [math.log1p(c / scale) for c in seen.tolist()]  # few distinct counts
    return table[cnt]


def _sum(x: FloatArray) -> float:
    """Left-to-right sum, as Python's sum() of the same floats."""
    return float(np.cumsum(x)[-1]) if x.size else 0.0


def weights(df: DocFreq, ids: IntArray, cnt: IntArray, scale: int | float = 1) -> Vec:
    """`weigh` on arrays: sublinear tf times idf, unit length, in the given order."""
    if not ids.size:
        return EMPTY
    base = math.log(df.docs + 1) + 1.0
    vec = _tf(cnt, scale) * (base - _LOG_DF.at(df.df_of(ids)))
    norm = math.sqrt(_sum(vec * vec))
    return Vec(ids, vec / norm) if norm else EMPTY


def cosine_vec(a: Vec, b: Vec, vocab: Vocab) -> float:
    """`cosine` of two vectors over `vocab` (sums over the smaller one, in its order)."""
    if len(a.ids) > len(b.ids):
        a, b = b, a
    if not a.ids.size:
        return 0.0
    pos = vocab.scratch()
    pos[b.ids] = np.arange(len(b.ids))
    p = pos[a.ids]
    pos[b.ids] = -1
    m = p >= 0
    return _sum(a.w[m] * b.w[p[m]])


def weigh(counts: Mapping[str, float], df: DocFreq, scale: float = 1.0) -> dict[str, float]:
    """Sublinear tf times idf, unit length. `scale` divides counts first (a mean over members)."""
    base, log, log1p = math.log(df.docs + 1) + 1.0, math.log, math.log1p
    seen = df.df_of(df.vocab.ids(counts, len(counts))).tolist()
    vec = {k: log1p(c / scale) * (base - log(f + 1)) for (k, c), f in zip(counts.items(), seen, strict=True) if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterates over the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())

"""The trained tagger's decoding without crfsuite's per-call work: the same features, weights and
Viterbi, with each word's share of the score computed once.

crfsuite's `Tagger.tag` receives every token's ~45 feature strings, looks each up in the model's
dictionary and sums its weights, for every paragraph again. A CRF's state score is a sum over
features, so it splits into parts that depend on one thing each (`rasd.extract.tagger_features`
builds the same features as strings for training): the word itself, the word as the neighbour at
-2/-1/+1/+2, the gazetteer and rules labels (own and as neighbours), the punctuation around it and
the pair with the word before. Each part's weight vector is summed once from the model (news
repeats its words: a word met again costs one dictionary lookup), a paragraph's scores are a
gather-and-sum over a small table, and the best path is crfsuite's Viterbi (same recursion, same
tie-breaking: the first label of equal score wins), compiled with numba. Only the order in which
the weights are added differs from crfsuite, by rounding in the last bits; `bench/extract.py
--dump` compares the two on generated articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

from rasd.extract.tagger_features import COARSE, OFFSETS, cover, hit_label, lexical, mention_label
from rasd.extract.tokens import Tokens
from rasd.extract.types import Mention
from rasd.names.gazetteer import GazetteerHit

_F = TypeVar("_F", bound=Callable[..., Any])
_SLOTS = 6 + 3 * len(OFFSETS) + 1  # own word, g, r, pb, pa, first; per offset word, g, r; the pair
_MAX_PAIRS = 1 << 20
_MAX_WORDS = 1 << 19


def _jit(f: _F) -> _F:
    return cast(_F, numba.njit(cache=True, nogil=True)(f))


@_jit
def _viterbi(state: npt.NDArray[np.float64], trans: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """crfsuite's crf1dc_viterbi: best label path given state scores (T x L) and transitions (L x L)."""
    n, size = state.shape
    score = np.empty((n, size))
    back = np.zeros((n, size), dtype=np.int64)
    for j in range(size):
        score[0, j] = state[0, j]
    for k in range(1, n):
        for j in range(size):
            best = -np.inf
            arg = -1
            for i in range(size):
                s = score[k - 1, i] + trans[i, j]
                if best < s:
                    best = s
                    arg = i
            if arg >= 0:
                back[k, j] = arg
            score[k, j] = best + state[k, j]
    out = np.zeros(n, dtype=np.int64)
    best = -np.inf
    for i in range(size):
        if best < score[n - 1, i]:
            best = score[n - 1, i]
            out[n - 1] = i
    for k in range(n - 1, 0, -1):
        out[k - 1] = back[k, out[k]]
    return out


class Scorer:
    """A crfsuite model's weights as tables; `labels` tags one paragraph like `pycrfsuite.Tagger.tag`."""

    def __init__(self, labels: Sequence[str], state: dict[tuple[str, str], float],
                 transitions: dict[tuple[str, str], float]) -> None:
        self.names = list(labels)
        lid = {lab: i for i, lab in enumerate(self.names)}
        size = len(self.names)
        self._attr: dict[str, npt.NDArray[np.float64]] = {}
        for (attr, lab), w in state.items():
            v = self._attr.get(attr)
            if v is None:
                v = self._attr[attr] = np.zeros(size)
            v[lid[lab]] += w
        self.trans = np.zeros((size, size))
        for (a, b), w in transitions.items():
            self.trans[lid[a], lid[b]] = w
        self._reset()

    def _reset(self) -> None:
        """Empty the caches (at start, and when a long run has filled them)."""
        self._table = np.zeros((1024, len(self.names)))  # row 0: nothing
        self._used = 1
        self._rows: dict[tuple[str, ...], int] = {}
        self._words: dict[str, tuple[int, int, int, int, int, str]] = {}  # raw word -> rows, its "s=" form
        self._labels: dict[tuple[str, str], tuple[int, ...]] = {}  # (g=, r=) labels -> own and offset rows
        self._marks: dict[tuple[str, str, bool], int] = {}
        self._pairs: dict[tuple[str, str], int] = {}
        self._none = tuple(self._row((f"{d}:none",)) for d in OFFSETS)
        self._first = self._row(("first",))
        self._end = self._row(("pa=$",))

    @classmethod
    def from_tagger(cls, tagger: Any) -> Scorer:
        """From an open `pycrfsuite.Tagger` (its labels in model order, weights from `info()`)."""
        info = tagger.info()
        return cls(tagger.labels(), info.state_features, info.transitions)

    def _row(self, attrs: tuple[str, ...], keep: bool = True) -> int:
        """The table row holding the summed weights of `attrs`, 0 when the model knows none of them
        (remembered only with `keep`: the caller may cache it itself)."""
        row = self._rows.get(attrs)
        if row is not None:
            return row
        vecs = [v for a in attrs if (v := self._attr.get(a)) is not None]
        if not vecs:
            if keep:
                self._rows[attrs] = 0
            return 0
        if self._used == len(self._table):
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        total = vecs[0].copy()
        for v in vecs[1:]:
            total += v
        self._table[self._used] = total
        row, self._used = self._used, self._used + 1
        self._rows[attrs] = row
        return row

    def _word(self, raw: str, w: str) -> tuple[int, int, int, int, int, str]:
        got = self._words.get(raw)
        if got is None:
            if len(self._words) > _MAX_WORDS:
                self._reset()
            head, flags, near = lexical(w, raw.isdigit(), raw.isascii())
            n0, n1, n2, n3 = (self._row(x) for x in near)
            got = self._words[raw] = (self._row((*head, *flags)), n0, n1, n2, n3, head[1])
        return got

    def _label(self, g: str, r: str) -> tuple[int, ...]:
        got = self._labels.get((g, r))
        if got is None:
            gg, rr = "g=" + g, "r=" + r
            got = (self._row((gg,)), self._row((rr,)),
                   *(x for d in OFFSETS for x in (self._row((f"{d}:{gg}",)), self._row((f"{d}:{rr}",)))))
            self._labels[g, r] = got
        return got

    def _punct(self, prefix: str, marks: str, last: bool) -> int:
        """The row of "pb=" + the last mark before a word, or "pa=" + the first mark after it."""
        key = (prefix, marks, last)
        row = self._marks.get(key)
        if row is None:
            m = marks.strip()
            row = self._marks[key] = self._row((prefix + (m[-1] if last else m[0]),)) if m else 0
        return row

    def _pair(self, a: str, b: str) -> int:
        row = self._pairs.get((a, b))
        if row is None:
            if len(self._pairs) > _MAX_PAIRS:  # a long run meets ever new pairs: forget them
                self._pairs.clear()
            row = self._pairs[a, b] = self._row((f"bi={a}|{b}",), keep=False)
        return row

    def labels(self, t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0
               ) -> list[str]:
        """The label of every token of `t` (`hits` index `t.text`, `mentions` index it plus `base`)."""
        n = len(t)
        if n == 0:
            return []
        text = t.text
        words = [self._word(text[s:e], w) for s, e, w in zip(t.starts, t.ends, t.norms, strict=True)]
        gaz = cover(t, [(h.start, h.end, hit_label(h)) for h in hits])
        rules = cover(t, [(m.start - base, m.end - base, mention_label(m)) for m in mentions if m.type in COARSE])
        labs = [self._label(g, r) for g, r in zip(gaz, rules, strict=True)]
        punct = t.punct_before
        pb = [self._punct("pb=", p, True) if p else 0 for p in punct]
        pa = [self._punct("pa=", p, False) if p else 0 for p in punct[1:]]
        pa.append(self._end)
        w_arr = np.array([x[:5] for x in words], dtype=np.int64)
        l_arr = np.array(labs, dtype=np.int64)
        idx = np.zeros((n, _SLOTS), dtype=np.int64)
        idx[:, 0] = w_arr[:, 0]
        idx[:, 1] = l_arr[:, 0]
        idx[:, 2] = l_arr[:, 1]
        idx[:, 3] = pb
        idx[:, 4] = pa
        idx[0, 5] = self._first
        for i, d in enumerate(OFFSETS):
            col = 6 + 3 * i
            lo, hi = max(0, -d), min(n, n - d)  # tokens k whose neighbour k + d exists
            if lo < hi:
                idx[lo:hi, col] = w_arr[lo + d : hi + d, 1 + i]
                idx[lo:hi, col + 1] = l_arr[lo + d : hi + d, 2 + 2 * i]
                idx[lo:hi, col + 2] = l_arr[lo + d : hi + d, 3 + 2 * i]
            idx[: min(lo, n), col] = self._none[i]
            idx[max(hi, 0) :, col] = self._none[i]
        idx[1:, _SLOTS - 1] = [self._pair(a[5], b[5]) for a, b in pairwise(words)]
        state = self._table[idx].sum(axis=1)
        return [self.names[i] for i in _viterbi(state, self.trans)]

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

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

from rasd.extract.tagger_clusters import Clusters
from rasd.extract.tagger_features import COARSE, OFFSETS, cluster_pair, hit_label, lexical, mention_label
from rasd.extract.tokens import Tokens
from rasd.extract.types import Mention
from rasd.names.gazetteer import GazetteerHit

_F = TypeVar("_F", bound=Callable[..., Any])
_SLOTS = 6 + 3 * len(OFFSETS) + 1  # own word, g, r, pb, pa, first; per offset word, g, r; the pair
_MAX_PAIRS = 1 << 20
_TYPES = ("PER", "LOC", "ORG")
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
                 transitions: dict[tuple[str, str], float], clusters: Clusters | None = None) -> None:
        self.names = list(labels)
        self._clusters = clusters
        lid = {lab: i for i, lab in enumerate(self.names)}
        size = len(self.names)
        self._attr: dict[str, npt.NDArray[np.float64]] = {}
        for (attr, lab), w in state.items():
            v = self._attr.get(attr)
            if v is None:
                v = self._attr[attr] = np.zeros(size)
            v[lid[lab]] += w
        self._outside = lid.get("O", -1)
        self._kinds = [(lab[:1], lab[2:] if lab[2:] in _TYPES else "") if lab != "O" else ("O", "")
                       for lab in self.names]
        self.trans = np.zeros((size, size))
        for (a, b), w in transitions.items():
            self.trans[lid[a], lid[b]] = w
        self._reset()

    def _reset(self) -> None:
        """Empty the caches (at start, and when a long run has filled them)."""
        self._table = np.zeros((1024, len(self.names)))  # row 0: nothing
        self._used = 1
        self._rows: dict[tuple[str, ...], int] = {}
        self._words: dict[str, int] = {}  # raw word -> its id: its rows in _word_rows, its "s=" form in _forms
        self._word_rows = np.zeros((1024, 1 + len(OFFSETS)), dtype=np.int64)  # own row, rows as a neighbour
        self._forms: list[str] = []
        self._labels: dict[tuple[str, str], tuple[int, ...]] = {}  # (g=, r=) labels -> own and offset rows
        self._marks: dict[tuple[str, str, bool], int] = {}
        self._pairs: dict[tuple[int, int], int] = {}  # word ids -> row of the pair's "bi=" feature
        self._none = tuple(self._row((f"{d}:none",)) for d in OFFSETS)
        self._first = self._row(("first",))
        self._end = self._row(("pa=$",))
        self._blank = np.array(self._label("", ""), dtype=np.int64)

    @classmethod
    def from_tagger(cls, tagger: Any, clusters: Clusters | None = None) -> Scorer:
        """From an open `pycrfsuite.Tagger` (its labels in model order, weights from `info()`) and the word
        clusters it was trained with, if any."""
        info = tagger.info()
        return cls(tagger.labels(), info.state_features, info.transitions, clusters)

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

    def _word(self, raw: str, w: str) -> int:
        """The id of a word as written (`w`: normalized), its rows computed the first time."""
        got = self._words.get(raw)
        if got is None:
            head, flags, near = lexical(w, raw.isdigit(), raw.isascii(), self._clusters)
            got = self._words[raw] = len(self._forms)
            if got == len(self._word_rows):
                self._word_rows = np.concatenate([self._word_rows, np.zeros_like(self._word_rows)])
            self._word_rows[got] = (self._row((*head, *flags)), *(self._row(x) for x in near))
            self._forms.append(head[1])
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

    def _pair(self, a: int, b: int) -> int:
        row = self._pairs.get((a, b))
        if row is None:
            if len(self._pairs) > _MAX_PAIRS:  # a long run meets ever new pairs: forget them
                self._pairs.clear()
            pair = f"bi={self._forms[a]}|{self._forms[b]}"
            attrs = (pair,) if self._clusters is None else (
                pair, cluster_pair(self._forms[a], self._forms[b], self._clusters))
            row = self._pairs[a, b] = self._row(attrs, keep=False)
        return row

    def labels(self, t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0
               ) -> list[str]:
        """The label of every token of `t` (`hits` index `t.text`, `mentions` index it plus `base`)."""
        return [self.names[i] for i in self.label_ids(t, hits, mentions, base)]

    def spans(self, t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0
              ) -> list[tuple[str, int, int]]:
        """(type, first token, end token) of each span the labels make (`rasd.extract.tagger.bio_spans`)."""
        ids = self.label_ids(t, hits, mentions, base)
        out: list[tuple[str, int, int]] = []
        cur: tuple[str, int] | None = None
        prev = -2
        for k in np.flatnonzero(ids != self._outside).tolist():
            kind, typ = self._kinds[ids[k]]
            if cur is not None and (k != prev + 1 or kind != "I" or typ != cur[0]):
                out.append((cur[0], cur[1], prev + 1))
                cur = None
            if cur is None and typ:
                cur = (typ, k)
            prev = k
        if cur is not None:
            out.append((cur[0], cur[1], prev + 1))
        return out

    def label_ids(self, t: Tokens, hits: Sequence[GazetteerHit], mentions: Sequence[Mention], base: int = 0
                  ) -> npt.NDArray[np.int64]:
        """The label id (index into `names`) of every token of `t`."""
        n = len(t)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        if len(self._words) > _MAX_WORDS:  # a long run's vocabulary: start the caches again
            self._reset()
        text = t.text
        raws = [text[s:e] for s, e in zip(t.starts, t.ends, strict=True)]
        get = self._words.get
        known = [get(x) for x in raws]
        ids: list[int] = cast(list[int], known) if None not in known else [
            i if i is not None else self._word(x, w) for i, x, w in zip(known, raws, t.norms, strict=True)]
        w_arr = self._word_rows[ids]
        l_arr = np.empty((n, len(self._blank)), dtype=np.int64)
        l_arr[:] = self._blank
        gaz = covered(t, [(h.start, h.end, hit_label(h)) for h in hits])
        rules = covered(t, [(m.start - base, m.end - base, mention_label(m)) for m in mentions if m.type in COARSE])
        for k in gaz.keys() | rules.keys():
            l_arr[k] = self._label(gaz.get(k, ""), rules.get(k, ""))
        punct = t.punct_before
        idx = np.zeros((n, _SLOTS), dtype=np.int64)
        idx[:, 0] = w_arr[:, 0]
        idx[:, 1] = l_arr[:, 0]
        idx[:, 2] = l_arr[:, 1]
        idx[:, 3] = [self._punct("pb=", p, True) if p else 0 for p in punct]
        idx[:-1, 4] = [self._punct("pa=", p, False) if p else 0 for p in punct[1:]]
        idx[n - 1, 4] = self._end
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
        if n > 1:
            pget = self._pairs.get
            found = [pget(p) for p in pairwise(ids)]
            idx[1:, _SLOTS - 1] = cast(list[int], found) if None not in found else [
                r if r is not None else self._pair(a, b) for r, (a, b) in zip(found, pairwise(ids), strict=True)]
        return _viterbi(self._table[idx].sum(axis=1), self.trans)


def covered(t: Tokens, spans: Sequence[tuple[int, int, str]]) -> dict[int, str]:
    """`rasd.extract.tagger_features.cover` for the tokens a span covers only: token -> "B-X"/"I-X"."""
    out: dict[int, str] = {}
    ends = t.ends
    n = len(ends)
    for s, e, label in sorted(spans):
        j = bisect_right(ends, s)  # the first token ending after s (spans sorted: never before the last one)
        first = True
        while j < n and t.starts[j] < e:
            if j not in out:
                out[j] = ("B-" if first else "I-") + label
            first = False
            j += 1
    return out

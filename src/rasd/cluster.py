"""Online event clustering: each arriving article joins the best event or opens a new one.

An event is one happening: its articles are close in time and in wording. The score of an
article against an event mixes cosine similarities of lemma terms, character 4-grams and named
anchors (places, actors), each weighted by corpus IDF, and is damped by the gap in days.
Candidates come from an inverted index keyed by (term, day): only events with a day inside
the article's window and a shared distinctive term are ever scored, so the cost per article
stays flat as the store grows. Undated articles look up a bounded list of recent events per
term and must clear a higher bar.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rasd.config import ClusterConfig
from rasd.features import DocFeatures
from rasd.vectors import DocFreq, cosine, top, weigh

Vectors = tuple[dict[str, float], dict[str, float], dict[str, float]]  # terms, grams, names


@dataclass(slots=True)
class Event:
    """The running summary of one event (counts are sums over its articles)."""

    id: str
    members: list[str] = field(default_factory=list)
    days: Counter[dt.date] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    grams: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    name_types: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    title_day: dt.date | None = None
    sources: Counter[str] = field(default_factory=Counter)
    story: str | None = None

    @property
    def first(self) -> dt.date | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> dt.date | None:
        return max(self.days) if self.days else None

    def add(self, doc: DocFeatures, cfg: ClusterConfig) -> None:
        self.members.append(doc.id)
        if doc.day:
            self.days[doc.day] += 1
        self.terms = top(self.terms + Counter(doc.terms), cfg.top_terms)
        self.grams = top(self.grams + Counter(doc.grams), cfg.top_grams)
        self.names.update(doc.names)
        self.name_types.update(doc.name_types)
        if doc.source:
            self.sources[doc.source] += 1
        earlier = doc.day is not None and (self.title_day is None or doc.day < self.title_day)
        if doc.title and (self.title is None or earlier):
            self.title, self.title_day = doc.title, doc.day

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "members": self.members, "days": {d.isoformat(): n for d, n in self.days.items()},
            "terms": dict(self.terms), "grams": dict(self.grams), "names": dict(self.names),
            "name_types": self.name_types, "title": self.title,
            "title_day": self.title_day.isoformat() if self.title_day else None,
            "sources": dict(self.sources), "story": self.story,
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], members=list(d["members"]),
            days=Counter({dt.date.fromisoformat(k): v for k, v in d["days"].items()}),
            terms=Counter(d["terms"]), grams=Counter(d["grams"]), names=Counter(d["names"]),
            name_types=dict(d["name_types"]), title=d["title"],
            title_day=dt.date.fromisoformat(d["title_day"]) if d["title_day"] else None,
            sources=Counter(d["sources"]), story=d["story"],
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Decision:
    """Where an article went and why: the event, whether it was new, and the winning score."""

    article: str
    event: str
    new: bool
    score: float


class EventIndex:
    """Events and the inverted index that finds candidates for a new article."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.cfg = config or ClusterConfig()
        self.events: dict[str, Event] = {}
        self.df_terms = DocFreq()
        self.df_grams = DocFreq()
        self.df_names = DocFreq()
        self._by_day: defaultdict[tuple[str, dt.date], set[str]] = defaultdict(set)
        self._recent: defaultdict[str, deque[str]] = defaultdict(lambda: deque(maxlen=self.cfg.undated_candidates))
        self.dirty: set[str] = set()
        self._vectors: dict[str, tuple[int, int, Vectors]] = {}

    # -- scoring --------------------------------------------------------------------------

    def _keys(self, doc: DocFeatures) -> list[str]:
        """The article's most distinctive terms, plus its named anchors: what retrieval uses."""
        ranked = sorted(doc.terms, key=lambda t: -math.log1p(doc.terms[t]) * self.df_terms.idf(t))
        return ranked[: self.cfg.retrieval_terms] + [f"@{k}" for k in doc.names]

    def _candidates(self, doc: DocFeatures) -> set[str]:
        keys = self._keys(doc)
        if doc.day is None:
            return {e for k in keys for e in self._recent.get(k, ())}
        w = self.cfg.window_days
        days = [doc.day + dt.timedelta(days=i) for i in range(-w, w + 1)]
        return {e for k in keys for d in days for e in self._by_day.get((k, d), ())}

    def _gap(self, doc: DocFeatures, ev: Event) -> int | None:
        if doc.day is None or not ev.days:
            return None
        days = (doc.day, *doc.ref_days)
        return min(abs((a - b).days) for a in days for b in ev.days)

    def doc_vectors(self, doc: DocFeatures) -> Vectors:
        return (weigh(doc.terms, self.df_terms), weigh(doc.grams, self.df_grams), weigh(doc.names, self.df_names))

    def event_vectors(self, ev: Event) -> Vectors:
        """The event's weighted vectors, cached until it changes or the corpus grows by 10%."""
        docs = self.df_terms.docs
        hit = self._vectors.get(ev.id)
        if hit is not None and hit[0] == len(ev.members) and docs <= hit[1] * 1.1:
            return hit[2]
        n = len(ev.members)
        vecs = (weigh(ev.terms, self.df_terms, n), weigh(ev.grams, self.df_grams, n),
                weigh(ev.names, self.df_names, n))
        self._vectors[ev.id] = (n, docs, vecs)
        return vecs

    def similarity(self, doc: DocFeatures, ev: Event, vecs: Vectors | None = None) -> float:
        """How well `doc` fits `ev`: weighted cosines, damped by the gap in days."""
        cfg = self.cfg
        d_terms, d_grams, d_names = vecs or self.doc_vectors(doc)
        e_terms, e_grams, e_names = self.event_vectors(ev)
        terms = cosine(d_terms, e_terms)
        if terms < cfg.min_terms:
            return 0.0  # shared names alone (a match in Baku the day of a battle) make no event
        s = cfg.w_terms * terms + cfg.w_grams * cosine(d_grams, e_grams) + cfg.w_names * cosine(d_names, e_names)
        gap = self._gap(doc, ev)
        if gap is not None:
            s *= math.exp(-max(0, gap - 1) / cfg.day_decay)
        return s

    def _fits_span(self, doc: DocFeatures, ev: Event) -> bool:
        if doc.day is None or not ev.days:
            return True
        lo, hi = min(ev.first or doc.day, doc.day), max(ev.last or doc.day, doc.day)
        return (hi - lo).days <= self.cfg.max_span_days

    def best(self, doc: DocFeatures) -> tuple[Event | None, float]:
        """The best-scoring candidate event and its score (None when there is no candidate)."""
        best, best_s = None, 0.0
        vecs = self.doc_vectors(doc)
        for eid in sorted(self._candidates(doc)):
            ev = self.events[eid]
            if not self._fits_span(doc, ev):
                continue
            s = self.similarity(doc, ev, vecs)
            if s > best_s:
                best, best_s = ev, s
        return best, best_s

    # -- updating -------------------------------------------------------------------------

    def add(self, doc: DocFeatures) -> Decision:
        """Place one article: join the best event above the threshold, or open a new one."""
        self.df_terms.add(doc.terms)
        self.df_grams.add(doc.grams)
        self.df_names.add(doc.names)
        ev, s = self.best(doc)
        bar = self.cfg.join_threshold if doc.day is not None else self.cfg.undated_threshold
        new = ev is None or s < bar
        if ev is None or new:
            ev = Event(id=f"ev-{doc.id}")
            self.events[ev.id] = ev
        ev.add(doc, self.cfg)
        self._post(doc, ev.id)
        self.dirty.add(ev.id)
        return Decision(doc.id, ev.id, new, round(s, 4))

    def _post(self, doc: DocFeatures, eid: str) -> None:
        for k in self._keys(doc):
            if doc.day is not None:
                self._by_day[(k, doc.day)].add(eid)
            q = self._recent[k]
            if eid not in q:
                q.append(eid)

    def restore(self, events: Iterable[Event], stats: dict[str, Any] | None) -> None:
        """Load events and IDF statistics saved by an earlier run, and index the events again."""
        if stats:
            self.df_terms = DocFreq.from_json(stats["terms"])
            self.df_grams = DocFreq.from_json(stats["grams"])
            self.df_names = DocFreq.from_json(stats["names"])
        for ev in events:
            self.events[ev.id] = ev
            self._repost(ev)

    def _repost(self, ev: Event) -> None:
        """Index a restored event under its own strongest terms and names on each of its days."""
        ranked = sorted(ev.terms, key=lambda t: -ev.terms[t] * self.df_terms.idf(t))
        keys = ranked[: self.cfg.retrieval_terms * 2] + [f"@{k}" for k in ev.names]
        for k in keys:
            for d in ev.days:
                self._by_day[(k, d)].add(ev.id)
            self._recent[k].append(ev.id)

    def stats(self) -> dict[str, Any]:
        return {"terms": self.df_terms.to_json(), "grams": self.df_grams.to_json(), "names": self.df_names.to_json()}

    def take_dirty(self) -> Iterator[Event]:
        """Events changed since the last call (to save), each once."""
        for eid in sorted(self.dirty):
            yield self.events[eid]
        self.dirty.clear()

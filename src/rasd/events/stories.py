"""Stories: events linked across long gaps by their lasting places and actors.

A story keeps the summed counts of its events' named anchors (gazetteer keys, so قره باغ and
كاراباخ are one anchor) and, with a smaller weight, of their terms. Generic words (زلزال،
الحرب) are not anchors and weigh little through IDF, so two earthquakes with different places
stay two stories, while Karabakh in 2020 and in 2023 becomes one. No time window applies: a
story may sleep for years. An event that is still small and alone in its story may move to a
better story when later articles sharpen its anchors, which makes the result depend less on
the order in which articles arrive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rasd.config import ClusterConfig
from rasd.events.actions import ANALYSIS
from rasd.events.cluster import Event, EventIndex
from rasd.events.features import DocFeatures
from rasd.events.vectors import Bag, Counts, Vec, Vocab, cosine, cosine_vec, weigh, weights


@dataclass(slots=True)
class Story:
    id: str
    events: list[str] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)
    terms: Bag = field(default_factory=Bag)  # kept to cfg.top_terms
    articles: int = 0
    first: dt.date | None = None
    last: dt.date | None = None

    def add(self, names: Mapping[str, int], terms: Counts, days: Iterable[dt.date], articles: int,
            cfg: ClusterConfig) -> None:
        """Count in names, and terms given as counts over this story's vocabulary."""
        self.names.update(names)
        self.terms.merge(*terms, cfg.top_terms)
        self.articles += articles
        for d in days:
            self.first = d if self.first is None else min(self.first, d)
            self.last = d if self.last is None else max(self.last, d)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "events": self.events, "names": dict(self.names), "terms": self.terms.to_dict(),
            "articles": self.articles, "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any], terms: Vocab | None = None) -> Story:
        return cls(
            id=d["id"], events=list(d["events"]), names=Counter(d["names"]), terms=Bag(terms, d["terms"]),
            articles=int(d["articles"]), first=dt.date.fromisoformat(d["first"]) if d["first"] else None,
            last=dt.date.fromisoformat(d["last"]) if d["last"] else None,
        )  # fmt: skip


class StoryIndex:
    """Stories over the events of an `EventIndex` (whose IDF statistics it shares)."""

    def __init__(self, events: EventIndex) -> None:
        self.ev = events
        self.cfg = events.cfg
        self.stories: dict[str, Story] = {}
        self._by_name: defaultdict[str, deque[str]] = defaultdict(lambda: deque(maxlen=200))
        self.dirty: set[str] = set()
        self.removed: set[str] = set()

    def vectors(self, event: Event) -> tuple[Vec, dict[str, float]]:
        """The event's terms and names as a story weighs them (whole counts, current IDF)."""
        ev = self.ev
        return weights(ev.df_terms, event.terms.ids, event.terms.cnt), weigh(event.names, ev.df_names)

    def similarity(self, event: Event, st: Story, vecs: tuple[Vec, dict[str, float]] | None = None) -> float:
        ev = self.ev
        terms, names = vecs or self.vectors(event)
        content = cosine_vec(terms, weights(ev.df_terms, st.terms.ids, st.terms.cnt), ev.df_terms.vocab)
        if content < self.cfg.story_min_terms:
            return 0.0
        return self.cfg.story_w_names * cosine(names, weigh(st.names, ev.df_names)) + (
            self.cfg.story_w_terms * content
        )

    def best(self, event: Event, exclude: str | None = None) -> tuple[Story | None, float]:
        cands = {s for k in event.names for s in self._by_name.get(k, ()) if s != exclude and s in self.stories}
        best, best_s = None, 0.0
        vecs = self.vectors(event) if cands else None
        for sid in sorted(cands):
            s = self.similarity(event, self.stories[sid], vecs)
            if s > best_s:
                best, best_s = self.stories[sid], s
        return best, best_s

    def place(self, event: Event, doc: DocFeatures) -> str:
        """Update stories after `doc` joined `event`; returns the event's story id."""
        cfg = self.cfg
        if event.story is None:
            st, s = self.best(event)
            if st is None or s < cfg.story_threshold:
                st = Story(id=f"st-{event.id.removeprefix('ev-')}", terms=Bag(self.ev.df_terms.vocab))
                self.stories[st.id] = st
            self._join(event, st)
            return st.id
        st = self.stories[event.story]
        st.add(doc.names, self.ev.term_counts(doc), [doc.day] if doc.day else [], 1, cfg)
        self._post(st.id, doc.names)
        self.dirty.add(st.id)
        riders = [e for e in st.events if e != event.id]
        if len(event.members) <= cfg.story_regroup_max and all(map(self._lone_analysis, riders)):
            other, s = self.best(event, exclude=st.id)
            if other is not None and s >= cfg.story_threshold:
                if riders:  # analyses of this happening that came first: they follow it
                    self.absorb(other, st)
                else:
                    del self.stories[st.id]
                    self.dirty.discard(st.id)
                    self.removed.add(st.id)
                    self._join(event, other)
        return event.story or st.id

    def _lone_analysis(self, eid: str) -> bool:
        """Is event `eid` one analysis article (an explainer that came before the reports)?"""
        ev = self.ev.events.get(eid)
        return ev is not None and len(ev.members) == 1 and ev.actions.get(ANALYSIS, 0) > 0

    def join(self, event: Event, sid: str) -> str:
        """Put a new event in story `sid` (the next happening of a series that story holds)."""
        self._join(event, self.stories[sid])
        return sid

    def _join(self, event: Event, st: Story) -> None:
        st.events.append(event.id)
        st.add(event.names, (event.terms.ids, event.terms.cnt), event.days, len(event.members), self.cfg)
        event.story = st.id
        self.ev.dirty.add(event.id)
        self._post(st.id, event.names)
        self.dirty.add(st.id)

    def absorb(self, big: Story, small: Story) -> None:
        """Every event of `small` joins `big`, with its names, terms, days and articles."""
        for eid in small.events:
            big.events.append(eid)
            ev = self.ev.events.get(eid)
            if ev is not None:
                ev.story = big.id
                self.ev.dirty.add(eid)
        big.add(small.names, (small.terms.ids, small.terms.cnt), [], small.articles, self.cfg)
        for d in (small.first, small.last):
            if d is not None:
                big.first = d if big.first is None else min(big.first, d)
                big.last = d if big.last is None else max(big.last, d)
        self._post(big.id, list(small.names))
        del self.stories[small.id]
        self.dirty.discard(small.id)
        self.dirty.add(big.id)
        self.removed.add(small.id)

    def _post(self, sid: str, names: Iterable[str]) -> None:
        names = list(names)
        if self.ev.log is not None:
            self.ev.log.append(["s", sid, names])
        self._post_names(sid, names)

    def _post_names(self, sid: str, names: Iterable[str]) -> None:
        for k in names:
            q = self._by_name[k]
            if sid not in q:
                q.append(sid)

    def withdraw(self, event_id: str, story_id: str | None, emptied: bool) -> None:
        """One article left `event_id` (which is now empty when `emptied`): the story counts one
        article less, and drops the event, and goes itself when no event is left."""
        st = self.stories.get(story_id) if story_id else None
        if st is None:
            return
        st.articles = max(0, st.articles - 1)
        self.dirty.add(st.id)
        if emptied and event_id in st.events:
            st.events.remove(event_id)
            if not st.events:
                del self.stories[st.id]
                self.dirty.discard(st.id)
                self.removed.add(st.id)

    def restore(self, stories: Iterable[Story]) -> None:
        """Stories saved by an earlier run; their name postings replayed from the event index's
        restored log when it had one (the same queues, in the same order), else posted afresh."""
        for st in stories:
            st.terms = st.terms.rehome(self.ev.df_terms.vocab)
            self.stories[st.id] = st
            if self.ev.log is None:
                self._post_names(st.id, st.names)
        for _, sid, names in self.ev.replayed:
            self._post_names(sid, names)
        self.ev.replayed = []

    def take_dirty(self) -> Iterator[Story]:
        for sid in sorted(self.dirty):
            if sid in self.stories:
                yield self.stories[sid]
        self.dirty.clear()

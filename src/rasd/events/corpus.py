"""The corpus stages behind one object: copies, events and stories, fed one article at a time.

`Corpus.add(article)` places an article (copy links, event, story) against everything added
before, in whatever order articles arrive. `rows()` hands the store what changed since the
last call; `Corpus.load(store)` rebuilds the indexes from a store, so a rerun continues where
the last run stopped instead of starting over.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rasd.config import ClusterConfig
from rasd.copies import CopyConfig, CopyDoc, CopyIndex, CopyLink
from rasd.events.cluster import Decision, Event, EventIndex
from rasd.events.features import features
from rasd.events.merge import fragment_of, merge_events, series_sibling
from rasd.events.stored import StoredEvents
from rasd.events.stories import Story, StoryIndex
from rasd.model import Article
from rasd.store.corpus import CorpusRows
from rasd.store.db import Store

STATE_KEY = "cluster_stats"  # the IDF statistics in full, as the last run left them
STATS_PREFIX = "stats:"  # then what each later batch changed: "stats:000000000", ... (see `rows`)
LOG_PREFIX = "posts:"  # one posting log per saved batch: "posts:000000000", ...
COMPACT_AFTER = 8  # saved statistics changes a run leaves before it writes the statistics in full
_FAMILIES = ("terms", "grams", "names")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one article landed."""

    article: str
    event: str
    story: str
    new_event: bool
    score: float
    links: tuple[CopyLink, ...] = ()


@dataclass(slots=True)
class _Pending:
    links: list[CopyLink] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)  # edited articles whose old links go
    removed_events: list[str] = field(default_factory=list)  # events their edits emptied
    gone: list[tuple[int, list[int]]] = field(default_factory=list)  # saved copy documents of edited articles


def copy_doc(article: Article) -> CopyDoc:
    pub = article.published
    return CopyDoc(article.id, pub.value if pub else None, article.text)


class Corpus:
    """Copies, events and stories for a stream of processed articles."""

    def __init__(self, config: ClusterConfig | None = None, copy_config: CopyConfig | None = None) -> None:
        self.copies = CopyIndex(copy_config)
        self.events = EventIndex(config)
        self.stories = StoryIndex(self.events)
        self._pending = _Pending()
        self._logged = 0  # posting logs saved so far
        self._stats_saved = 0  # statistics changes saved since the last full statistics

    def withdraw(self, old: Article, event_id: str) -> None:
        """Take the stored version of an edited article out of its event and story before the new
        version is placed; its copy links are deleted with the batch (`rows().unlinked`)."""
        story = self.events.events[event_id].story if event_id in self.events.events else None
        left = self.events.withdraw(old.id, event_id, features(old))
        self.stories.withdraw(event_id, story, left is None)
        if left is None:
            self._pending.removed_events.append(event_id)
        self._pending.unlinked.append(old.id)

    def add(self, article: Article) -> Placement:
        return self._place(article, tuple(self.copies.add(copy_doc(article))))

    def add_all(self, articles: Sequence[Article]) -> list[Placement]:
        """Place a batch in order: the same result as `add` one by one, with copies found in one
        vectorized pass (several times faster than one article at a time)."""
        self.events.forget_vectors()
        found = self.copies.add_many([copy_doc(a) for a in articles])
        return [self._place(a, tuple(x for x in links if x.other != a.id))  # not its own earlier version
                for a, links in zip(articles, found, strict=True)]

    def _place(self, article: Article, links: tuple[CopyLink, ...]) -> Placement:
        doc = features(article)
        sibling = series_sibling(self.events, doc)  # the happening before it in a series, if any
        decision = self.events.add(doc)
        event = self.events.events[decision.event]
        if decision.new and sibling is not None and sibling.story in self.stories.stories:
            story = self.stories.join(event, sibling.story or "")
        else:
            story = self.stories.place(event, doc)
        self._pending.links.extend(links)
        self._pending.decisions.append(decision)
        if not decision.new and len(event.members) <= self.events.cfg.core_size:  # its core grew
            found = fragment_of(self.events, event, doc)
            if found is not None:  # a fragment of another event: the two become one
                m = merge_events(self.events, self.stories, event, found[0], found[1])
                moved = set(m.members)
                self._pending.decisions = [d for d in self._pending.decisions if d.article not in moved]
                self._pending.decisions += [Decision(a, m.kept, False, m.score) for a in m.members]
                self._pending.removed_events.append(m.gone)
                event = self.events.events[m.kept]
                story = event.story or story
        return Placement(article.id, event.id, story, decision.new, decision.score, links)

    def rows(self) -> CorpusRows:
        """Everything changed since the last call, as store rows (the state included)."""
        rows = CorpusRows(unlinked=list(self._pending.unlinked), removed_events=list(self._pending.removed_events))
        for link in self._pending.links:
            rows.links.append((link.article, link.other, link.kind, link.score, json.dumps(link.spans)))
        for d in self._pending.decisions:
            rows.assignments.append((d.article, d.event, d.score, d.new))
        for ev in self.events.take_dirty():
            rows.events.append((
                ev.id, ev.story, ev.title, _iso(ev.first), _iso(ev.last), len(ev.members),
                json.dumps(ev.to_json(), ensure_ascii=False),
            ))  # fmt: skip
        for st in self.stories.take_dirty():
            rows.stories.append((
                st.id, _iso(st.first), _iso(st.last), st.articles, len(st.events),
                json.dumps(st.to_json(), ensure_ascii=False),
            ))  # fmt: skip
        saved = self.copies.take_rows()
        rows.copy_docs, rows.copy_keys, rows.copy_gone = saved.docs, saved.keys, self._pending.gone
        rows.removed_stories = sorted(self.stories.removed)
        self.stories.removed.clear()
        # The statistics this batch changed (the frequencies of the keys it counted), not all of them:
        # the full statistics grow with the vocabulary and cost more each batch (`state_in_full`).
        index = self.events
        changed = {"terms": index.df_terms.take_changed(), "grams": index.df_grams.take_changed(),
                   "names": index.df_names.take_changed()}
        blob = json.dumps(changed, ensure_ascii=False).encode("utf-8")
        rows.state[f"{STATS_PREFIX}{self._stats_saved:09d}"] = zlib.compress(blob, 3)
        self._stats_saved += 1
        if self.events.log is not None:  # this batch's postings, appended (a rerun replays them all)
            log = json.dumps(self.events.take_log(), ensure_ascii=False).encode("utf-8")
            rows.state[f"{LOG_PREFIX}{self._logged:09d}"] = zlib.compress(log, 3)
            self._logged += 1
        self._pending = _Pending()
        return rows

    @property
    def changes_saved(self) -> int:
        """Statistics changes saved after the full statistics (each is read by the next `load`)."""
        return self._stats_saved

    def state_in_full(self) -> dict[str, bytes]:
        """The full IDF statistics, to replace the saved changes (`Store.replace_corpus_state`): the
        end of a run writes them once, so the next run reads one row and few changes."""
        self._stats_saved = 0
        return {STATE_KEY: zlib.compress(json.dumps(self.events.stats(), ensure_ascii=False).encode("utf-8"), 3)}

    @classmethod
    def load(cls, store: Store, config: ClusterConfig | None = None) -> Corpus:
        """The corpus as an earlier run left it in `store` (empty for a new store). It reads saved
        events from `store` when it first needs them: use it while `store` is open."""
        corpus = cls(config)
        stats = saved_stats(store)
        corpus._stats_saved = len(store.corpus_states(STATS_PREFIX))
        logs = store.corpus_states(LOG_PREFIX)
        corpus._logged = len(logs)
        log = [e for part in logs for e in json.loads(zlib.decompress(part))] if logs else None
        index = corpus.events
        index.restore_stats(stats)
        terms, grams = index.df_terms.vocab, index.df_grams.vocab
        events: Iterable[Event] | StoredEvents
        if log is not None:  # the postings are replayed: events are read when an article first needs them
            events = StoredEvents(store.event_state, terms, grams)
        else:  # a store saved before logs were kept: every event is posted again
            events = (Event.from_json(s, terms, grams) for s in store.event_states())
        index.restore(events, None, log)
        corpus.stories.restore(Story.from_json(s, terms) for s in store.story_states())
        corpus.load_copies(store)
        return corpus

    def load_copies(self, store: Store, without: Collection[str] = ()) -> None:
        """The copy index of the store's placed articles but `without` (edited articles whose new
        versions are about to be placed), as a run starting now would have it: the saved index
        (copies/past.py), read as far as new articles need it; an old version's words find nothing
        any more (its saved document and postings are deleted with the batch), and its new version
        is indexed when it is placed. A store an older rasd wrote has its index filled first."""
        config = self.copies.config
        if store.copy_index_missing():
            store.fill_copy_index(_fill(store, config))
        if without:
            docs = store.copy_numbers(sorted(without))
            texts = store.copy_texts_of(sorted(docs.values()))
            found = sorted(d for d in docs.values() if d in texts)
            keys = CopyIndex(config).keys_of([texts[d] for d in found])
            self._pending.gone = [(d, k.view(np.int64).tolist()) for d, k in zip(found, keys, strict=True)]
        self.copies = CopyIndex(config, past=store, without=without)


def _fill(store: Store, config: CopyConfig, into: Store | None = None
          ) -> Iterator[tuple[list[tuple[int, str, int, float, bytes]], list[tuple[int, int]]]]:
    """The copies index of a store that has none, from its placed articles' texts in placement order,
    part by part (as runs that added them one batch at a time would have saved it), to be saved in
    `into` (`store` itself when None; its copies index must be empty)."""
    index = CopyIndex(config, past=into or store)
    batch: list[CopyDoc] = []
    for aid, published, text in store.copy_texts():
        batch.append(CopyDoc(aid, dt.datetime.fromisoformat(published) if published else None, text or ""))
        if len(batch) >= 1024:
            index.add_many(batch, link=False)
            rows = index.take_rows()
            yield rows.docs, rows.keys
            batch = []
    index.add_many(batch, link=False)
    rows = index.take_rows()
    yield rows.docs, rows.keys


def saved_stats(store: Store) -> dict[str, Any] | None:
    """The saved IDF statistics: the full ones, updated by each batch's changes saved after them."""
    blob = store.corpus_state(STATE_KEY)
    stats: dict[str, Any] | None = json.loads(zlib.decompress(blob)) if blob else None
    for part in store.corpus_states(STATS_PREFIX):
        changed = json.loads(zlib.decompress(part))
        if stats is None:
            stats = {f: {"docs": 0, "df": {}} for f in _FAMILIES}
        for f in _FAMILIES:
            stats[f]["docs"] = changed[f]["docs"]
            stats[f]["df"].update(changed[f]["df"])
    return stats


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None

"""Online event clustering: each arriving article joins the best event or opens a new one.

An event is one happening: its articles are close in time and in wording. The score of an
article against an event mixes cosine similarities of lemma terms, character 4-grams and named
anchors (places, actors), each weighted by corpus IDF, and is damped by the gap in days.
Candidates come from an inverted index keyed by day, then term: only events with a day inside
the article's window and a shared distinctive term are ever scored (at most `max_candidates`),
so the cost per article stays flat as the store grows. Undated articles look up a bounded list
of recent events per term and must clear a higher bar; one with a yearless dateline (day and
month) also looks up the days with that day and month in every year the index has seen, and is
compared with event days modulo the year, so wire stories months apart stay apart. Vectors are
numpy arrays (`rasd.events.vectors`) whose arithmetic gives the same floats as the plain dict formulas.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rasd.config import ClusterConfig
from rasd.events.actions import conflict
from rasd.events.days import MonthDay, md_gap, month_day, near_weekday
from rasd.events.features import GRAMS, DocFeatures
from rasd.events.vectors import Bag, Counts, DocFreq, Vec, Vocab, cosine, cosine_vec, log1p_counts, weigh, weights

Vectors = tuple[Vec, Vec, dict[str, float], Vec]  # terms, grams, names, head
_NO_POSTS: dict[str, list[str]] = {}


@dataclass(slots=True)
class Event:
    """The running summary of one event (counts are sums over its articles)."""

    id: str
    members: list[str] = field(default_factory=list)
    days: Counter[dt.date] = field(default_factory=Counter)
    terms: Bag = field(default_factory=Bag)  # kept to cfg.top_terms
    grams: Bag = field(default_factory=Bag)  # kept to cfg.top_grams
    names: Counter[str] = field(default_factory=Counter)
    name_types: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    title_day: dt.date | None = None
    sources: Counter[str] = field(default_factory=Counter)
    story: str | None = None
    month_days: Counter[MonthDay] = field(default_factory=Counter)  # yearless datelines of undated members
    head: Bag = field(default_factory=Bag)  # title and lead lemmas of the core, kept to cfg.top_terms
    core: int = 0  # members counted into the profile (terms, grams, names, head): the first cfg.core_size
    actions: Counter[str] = field(default_factory=Counter)  # key-action marks of the core's titles

    @property
    def first(self) -> dt.date | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> dt.date | None:
        return max(self.days) if self.days else None

    def add(self, doc: DocFeatures, cfg: ClusterConfig, terms: Counts, grams: Counts, head: Counts) -> None:
        """Count `doc` in; `terms`, `grams` and `head` are its counts over this event's vocabularies.

        Only the first `cfg.core_size` members shape the profile that later articles are compared
        with: a profile summed over every member grows general and then matches anything on the
        same actors, so an event would chain into a blob.
        """
        self.members.append(doc.id)
        if doc.when:
            self.days[doc.when] += 1
        elif doc.month_day:
            self.month_days[doc.month_day] += 1
        if self.core < cfg.core_size:
            self.core += 1
            self.terms.merge(*terms, cfg.top_terms)
            self.grams.merge(*grams, cfg.top_grams)
            self.head.merge(*head, cfg.top_terms)
            self.names.update(doc.names)
            self.actions.update(doc.actions)
        self.name_types.update(doc.name_types)
        if doc.source:
            self.sources[doc.source] += 1
        earlier = doc.day is not None and (self.title_day is None or doc.day < self.title_day)
        if doc.title and (self.title is None or earlier):
            self.title, self.title_day = doc.title, doc.day

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "members": self.members, "days": {d.isoformat(): n for d, n in self.days.items()},
            "terms": self.terms.to_dict(), "grams": self.grams.to_dict(), "names": dict(self.names),
            "name_types": self.name_types, "title": self.title,
            "title_day": self.title_day.isoformat() if self.title_day else None,
            "sources": dict(self.sources), "story": self.story,
            "month_days": [[m, d, n] for (m, d), n in self.month_days.items()],
            "head": self.head.to_dict(), "core": self.core, "actions": dict(self.actions),
        }  # fmt: skip

    @classmethod
    def from_json(cls, d: dict[str, Any], terms: Vocab | None = None, grams: Vocab | None = None) -> Event:
        """The event saved by `to_json`, its counts over the vocabularies given (new ones when None)."""
        return cls(
            id=d["id"], members=list(d["members"]),
            days=Counter({dt.date.fromisoformat(k): v for k, v in d["days"].items()}),
            terms=Bag(terms, d["terms"]), grams=Bag(grams, d["grams"]), names=Counter(d["names"]),
            name_types=dict(d["name_types"]), title=d["title"],
            title_day=dt.date.fromisoformat(d["title_day"]) if d["title_day"] else None,
            sources=Counter(d["sources"]), story=d["story"],
            month_days=Counter({(m, day): n for m, day, n in d.get("month_days", [])}),
            head=Bag(terms, d.get("head", {})), core=int(d.get("core", len(d["members"]))),
            actions=Counter(d.get("actions", {})),
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
        self.df_grams = DocFreq(vocab=GRAMS)
        self.df_names = DocFreq()
        self._by_day: dict[dt.date, dict[str, list[str]]] = {}  # day -> key -> events posted under it that day
        self._recent: dict[str, list[str]] = {}  # key -> the last `undated_candidates` events posted
        self._by_md: dict[MonthDay, dict[str, list[str]]] = {}  # yearless dateline -> key -> events (undated articles)
        self._years: set[int] = set()  # years of the days in `_by_day`
        self.dirty: set[str] = set()
        self._vectors: dict[str, tuple[int, int, Vectors]] = {}
        self._last: tuple[DocFeatures, Counts] | None = None  # the article just added, its term counts
        # Every posting, in order, since the last `take_log` (events' keys here, stories' names from
        # StoryIndex): a rerun replays it to rebuild exactly the index a run that never stopped has.
        # None when the index was restored from a store saved without a log (then it is rebuilt
        # approximately, from the events' own strongest terms).
        self.log: list[list[Any]] | None = []
        self.retired: set[str] = set()  # ids of events emptied by edits or merged (not reused)
        self.merged: dict[str, str] = {}  # event merged into another (`rasd.events.merge`) -> that one
        self.replayed: list[list[Any]] = []  # story postings of a restored log, for StoryIndex.restore

    # -- scoring --------------------------------------------------------------------------

    def _keys(self, doc: DocFeatures, terms: Counts | None = None) -> list[str]:
        """The article's most distinctive terms, plus its named anchors: what retrieval uses.

        Terms rank by -log1p(count) * idf, ties in the article's order (`terms`: its counts).
        numpy's log may differ from math.log in the last bit, so it only shortlists the terms
        within a margin of the cut; their keys are then computed exactly as `DocFreq.idf` does.
        """
        ids, cnt = terms if terms is not None else self.df_terms.counts(doc.terms)
        n, d = self.cfg.retrieval_terms, self.df_terms.docs + 1
        tf, df = -log1p_counts(cnt), self.df_terms.df_of(ids)
        short = np.arange(len(ids))
        if len(ids) > n:
            approx = tf * (np.log(d / (df + 1)) + 1.0)
            cut = np.partition(approx, n - 1)[n - 1]
            short = np.flatnonzero(approx <= cut + 1e-9 * (abs(cut) + 1.0))
        keys = [t * (math.log(d / (f + 1)) + 1.0) for t, f in zip(tf[short].tolist(), df[short].tolist(), strict=True)]
        best = sorted(range(len(keys)), key=keys.__getitem__)[:n]
        terms_ = list(doc.terms)
        pick = short.tolist()
        return [terms_[pick[i]] for i in best] + [f"@{k}" for k in doc.names]

    def _candidates(self, doc: DocFeatures, keys: list[str]) -> list[str]:
        """Events sharing a key with the article (on a day of its window), in id order.

        Beyond `max_candidates`, those sharing the most (key, day) postings are kept.
        """
        w, none = self.cfg.window_days, _NO_POSTS
        if doc.when is not None:
            win = [doc.when + dt.timedelta(days=i) for i in range(-w, w + 1)]
            hits = []
        else:
            recent = self._recent
            hits = [e for k in keys for e in recent.get(k, ())]
            win = [d + dt.timedelta(days=i) for d in self._same_day(doc.month_day) for i in range(-w, w + 1)]
        days = [self._by_day.get(d, none) for d in win]
        if self._by_md:  # events of undated articles with a yearless dateline on these days
            days += [self._by_md.get(md, none) for md in {month_day(d) for d in win}]
        hits += [e for on_day in days for k in keys for e in on_day.get(k, ())]
        if self.merged:  # the postings of a merged event lead to the event it joined
            hits = [self.merged.get(e, e) for e in hits]
        found = set(hits)
        if len(found) > self.cfg.max_candidates:
            ranked = sorted(Counter(hits).items(), key=lambda kv: (-kv[1], kv[0]))
            found = {e for e, _ in ranked[: self.cfg.max_candidates]}
        return sorted(found)

    def _same_day(self, md: MonthDay | None) -> list[dt.date]:
        """The day `md` (month, day) in each year the index has seen, where it exists."""
        if md is None:
            return []
        out = []
        for y in sorted(self._years):
            try:
                out.append(dt.date(y, *md))
            except ValueError:  # 29 February of a common year
                continue
        return out

    def _gap(self, doc: DocFeatures, ev: Event) -> int | None:
        """Days between the article and the event; modulo the year when either side has only a
        yearless dateline. None when either side has no day at all."""
        if doc.when is not None:
            if ev.days:
                days = (doc.when, *doc.ref_days)
                return min(abs((a - b).days) for a in days for b in ev.days)
            if not ev.month_days:
                return None
            return md_gap([month_day(d) for d in (doc.when, *doc.ref_days)], ev.month_days)
        if doc.month_day is None:
            return None
        return md_gap([doc.month_day], [*map(month_day, ev.days), *ev.month_days])

    def doc_vectors(self, doc: DocFeatures, terms: Counts | None = None, grams: Counts | None = None) -> Vectors:
        """The article's weighted vectors (`terms`, `grams`: its counts, when already looked up)."""
        t = terms if terms is not None else self.df_terms.counts(doc.terms)
        g = grams if grams is not None else self.df_grams.counts(doc.grams)
        h = self.df_terms.counts(doc.head)
        return (weights(self.df_terms, *t), weights(self.df_grams, *g), weigh(doc.names, self.df_names),
                weights(self.df_terms, *h))

    def event_vectors(self, ev: Event) -> Vectors:
        """The event's weighted vectors, cached until it changes or the corpus grows by 10%."""
        docs = self.df_terms.docs
        hit = self._vectors.get(ev.id)
        if hit is not None and hit[0] == ev.core and docs <= hit[1] * 1.1:
            return hit[2]
        n = ev.core
        vecs = (weights(self.df_terms, ev.terms.ids, ev.terms.cnt, n),
                weights(self.df_grams, ev.grams.ids, ev.grams.cnt, n), weigh(ev.names, self.df_names, n),
                weights(self.df_terms, ev.head.ids, ev.head.cnt, n))
        self._vectors[ev.id] = (n, docs, vecs)
        return vecs

    def similarity(self, doc: DocFeatures, ev: Event, vecs: Vectors | None = None, dense: bool = True) -> float:
        """How well `doc` fits `ev`: weighted cosines, damped by the gap in days."""
        cfg = self.cfg
        if cfg.split_actions and conflict(doc.actions, ev.actions):
            return 0.0  # the vote and its results, the first plane and the second: two happenings
        d_terms, d_grams, d_names, d_head = vecs or self.doc_vectors(doc)
        e_terms, e_grams, e_names, e_head = self.event_vectors(ev)
        head = cosine_vec(d_head, e_head, self.df_terms.vocab)
        terms = cosine_vec(d_terms, e_terms, self.df_terms.vocab)
        if terms < cfg.min_terms:
            return 0.0  # shared names alone (a match in Baku the day of a battle) make no event
        names = cosine(d_names, e_names)
        if dense and head < (cfg.min_head if doc.when is not None else cfg.min_head_undated):
            return 0.0  # in a dense stream, title and lead must share the happening, not only its actors
        s = (cfg.w_head * head + cfg.w_terms * terms + cfg.w_grams * cosine_vec(d_grams, e_grams, self.df_grams.vocab)
             + cfg.w_names * names)  # fmt: skip
        gap = self._gap(doc, ev)
        if gap is not None:
            s *= math.exp(-max(0, gap - 1) / cfg.day_decay)
        return s

    def _fits_span(self, doc: DocFeatures, ev: Event) -> bool:
        day = doc.when
        if day is None and doc.weekday is not None and ev.days and not near_weekday(doc.weekday, ev.days):
            return False  # "today, Thursday" is not the event covered on Sunday and Monday
        if day is None or not ev.days:
            gap = self._gap(doc, ev)  # modulo the year (yearless datelines), or None
            return gap is None or gap <= self.cfg.max_span_days
        lo, hi = min(ev.first or day, day), max(ev.last or day, day)
        return (hi - lo).days <= self.cfg.max_span_days

    def best(self, doc: DocFeatures, keys: list[str] | None = None, vecs: Vectors | None = None,
             ) -> tuple[Event | None, float]:
        """The best-scoring candidate event and its score (None when there is no candidate)."""
        best, best_s = None, 0.0
        vecs = vecs or self.doc_vectors(doc)
        cands = self._candidates(doc, keys if keys is not None else self._keys(doc))
        dense = len(cands) >= self.cfg.dense_candidates
        for eid in cands:
            ev = self.events.get(eid)
            if ev is None or not self._fits_span(doc, ev):  # None: retired (its postings stay)
                continue
            s = self.similarity(doc, ev, vecs, dense)
            if s > best_s:
                best, best_s = ev, s
        return best, best_s

    # -- updating -------------------------------------------------------------------------

    def add(self, doc: DocFeatures) -> Decision:
        """Place one article: join the best event above the threshold, or open a new one."""
        terms = self.df_terms.add(doc.terms)
        grams = self.df_grams.add(doc.grams)
        head = self.df_terms.counts(doc.head)
        self.df_names.add(doc.names)
        self._last = (doc, terms)
        keys = self._keys(doc, terms)
        ev, s = self.best(doc, keys, self.doc_vectors(doc, terms, grams))
        if doc.day is not None:
            bar = self.cfg.join_threshold
        elif ev is not None and self._gap(doc, ev) is not None:  # a day hint, or a yearless one
            bar = self.cfg.hint_threshold
        else:
            bar = self.cfg.undated_threshold
        if ev is not None:
            bar += self._size_bar(ev)
        new = ev is None or s < bar
        if ev is None or new:
            ev = Event(id=self._new_id(doc.id), terms=Bag(self.df_terms.vocab), grams=Bag(self.df_grams.vocab),
                       head=Bag(self.df_terms.vocab))
            self.events[ev.id] = ev
        ev.add(doc, self.cfg, terms, grams, head)
        self._post(doc, ev.id, keys)
        self.dirty.add(ev.id)
        return Decision(doc.id, ev.id, new, round(s, 4))

    def _size_bar(self, ev: Event) -> float:
        """How much more a large event asks of a new member: `size_step` for each doubling beyond
        `size_free` members. One happening told by every outlet still clears it; a topic that
        keeps absorbing loosely related articles stops growing."""
        n, free = len(ev.members), self.cfg.size_free
        return self.cfg.size_step * math.log2(n / free) if n > free else 0.0

    def _new_id(self, article: str) -> str:
        """"ev-<article>", or with "~2", "~3"... when an edited article reopens an event and the one
        its first version opened still stands (else the other members' event would be replaced)."""
        eid, k = f"ev-{article}", 1
        while eid in self.events or eid in self.retired:
            k += 1
            eid = f"ev-{article}~{k}"
        return eid

    def withdraw(self, article: str, eid: str, old: DocFeatures | None) -> Event | None:
        """Take an article out of event `eid` before its edited version is placed again: its
        membership, days and outlet no longer count, nor, when it was one of the core members
        that shape the profile, its words, word pairs, title-and-lead words and names; and the
        document frequencies forget it. Returns the event, or None when it is left empty (then
        it is retired). What stays: the postings that made the event a candidate for its words
        (retrieval only: a candidate is scored on the profile)."""
        ev = self.events.get(eid)
        if old is not None:
            self.df_terms.remove(old.terms)
            self.df_grams.remove(old.grams)
            self.df_names.remove(old.names)
        if ev is None or article not in ev.members:
            return ev
        core = ev.members.index(article) < ev.core
        ev.members.remove(article)
        self._vectors.pop(eid, None)
        self.dirty.add(eid)
        if old is not None:
            if old.when and ev.days[old.when] > 0:
                ev.days[old.when] -= 1
            elif old.month_day and ev.month_days[old.month_day] > 0:
                ev.month_days[old.month_day] -= 1
            if core:
                ev.core -= 1
                ev.terms.subtract(*self.df_terms.counts(old.terms))
                ev.grams.subtract(*self.df_grams.counts(old.grams))
                ev.head.subtract(*self.df_terms.counts(old.head))
                ev.names.subtract(old.names)
                ev.actions.subtract(old.actions)
            if old.source and ev.sources[old.source] > 0:
                ev.sources[old.source] -= 1
            for counter in (ev.days, ev.month_days, ev.names, ev.sources, ev.actions):
                for k in [k for k, n in counter.items() if n <= 0]:
                    del counter[k]
        if ev.members:
            return ev
        del self.events[eid]
        self.dirty.discard(eid)
        self.retired.add(eid)
        if self.log is not None:
            self.log.append(["r", eid])
        return None

    def term_counts(self, doc: DocFeatures) -> Counts:
        """`doc`'s terms as counts over `df_terms` (kept from `add` for the article just added)."""
        if self._last is not None and self._last[0] is doc:
            return self._last[1]
        return self.df_terms.counts(doc.terms)

    def _post(self, doc: DocFeatures, eid: str, keys: list[str]) -> None:
        if self.log is not None:
            md = list(doc.month_day) if doc.when is None and doc.month_day is not None else None
            self.log.append(["e", doc.when.isoformat() if doc.when else None, md, eid, keys])
        self._post_keys(doc.when, doc.month_day, eid, keys)

    def _post_keys(self, when: dt.date | None, month_day: MonthDay | None, eid: str, keys: list[str]) -> None:
        on_day = None
        if when is not None:
            on_day = self._by_day.setdefault(when, {})
            self._years.add(when.year)
        elif month_day is not None:
            on_day = self._by_md.setdefault(month_day, {})
        recent, most = self._recent, self.cfg.undated_candidates
        for k in keys:
            if on_day is not None:
                posted = on_day.get(k)
                if posted is None:
                    on_day[k] = [eid]
                elif eid not in posted:
                    posted.append(eid)
            q = recent.get(k)
            if q is None:
                recent[k] = [eid]
            elif eid not in q:
                q.append(eid)
                if len(q) > most:
                    del q[0]

    def restore(self, events: Iterable[Event] | dict[str, Event], stats: dict[str, Any] | None,
                log: Iterable[list[Any]] | None = None) -> None:
        """Load events and IDF statistics saved by an earlier run, and index the events again:
        by replaying the saved posting `log` (the index exactly as it was), or without one (a store
        saved before logs were kept) from each event's strongest terms. `events` may be a map that
        reads the saved events when first asked for (`rasd.events.stored`): it becomes `events`."""
        self.restore_stats(stats)
        if isinstance(events, dict):
            self.events = events
            events = ()
        for ev in events:
            ev.terms, ev.grams = ev.terms.rehome(self.df_terms.vocab), ev.grams.rehome(self.df_grams.vocab)
            ev.head = ev.head.rehome(self.df_terms.vocab)
            self.events[ev.id] = ev
            if log is None:
                self._repost(ev)
        if log is None:
            self.log = None if self.events else []
            return
        for entry in log:
            if entry[0] == "e":
                _, when, md, eid, keys = entry
                self._post_keys(dt.date.fromisoformat(when) if when else None, tuple(md) if md else None, eid, keys)
            elif entry[0] == "r":
                self.retired.add(entry[1])
            elif entry[0] == "m":
                self.retire_into(entry[1], entry[2])
            else:
                self.replayed.append(entry)

    def retire_into(self, gone: str, kept: str) -> None:
        """Event `gone` was merged into `kept`: its id is not reused, its postings lead to `kept`."""
        self.retired.add(gone)
        self.merged[gone] = kept
        for k, v in self.merged.items():
            if v == gone:
                self.merged[k] = kept

    def restore_stats(self, stats: dict[str, Any] | None) -> None:
        """IDF statistics saved by `stats` (nothing when None)."""
        if stats:
            self.df_terms = DocFreq.from_json(stats["terms"])
            self.df_grams = DocFreq.from_json(stats["grams"], GRAMS)
            self.df_names = DocFreq.from_json(stats["names"])

    def take_log(self) -> list[list[Any]]:
        """The postings since the last call (see `log`)."""
        out, self.log = (self.log or []), ([] if self.log is not None else None)
        return out

    def forget_vectors(self) -> None:
        """Drop cached event vectors. Called at each batch: a cache carried over a batch boundary
        would make a run that resumes there (with an empty cache) score differently."""
        self._vectors.clear()

    def _repost(self, ev: Event) -> None:
        """Index a restored event under its own strongest terms and names on each of its days."""
        terms = ev.terms.to_dict()
        ranked = sorted(terms, key=lambda t: -terms[t] * self.df_terms.idf(t))
        keys = ranked[: self.cfg.retrieval_terms * 2] + [f"@{k}" for k in ev.names]
        most = self.cfg.undated_candidates
        self._years.update(d.year for d in ev.days)
        postings = [self._by_day.setdefault(d, {}) for d in ev.days]
        postings += [self._by_md.setdefault(md, {}) for md in ev.month_days]
        for k in keys:
            for on_day in postings:
                posted = on_day.setdefault(k, [])
                if ev.id not in posted:
                    posted.append(ev.id)
            q = self._recent.setdefault(k, [])
            q.append(ev.id)
            if len(q) > most:
                del q[0]

    def stats(self) -> dict[str, Any]:
        return {"terms": self.df_terms.to_json(), "grams": self.df_grams.to_json(), "names": self.df_names.to_json()}

    def take_dirty(self) -> Iterator[Event]:
        """Events changed since the last call (to save), each once."""
        for eid in sorted(self.dirty):
            yield self.events[eid]
        self.dirty.clear()

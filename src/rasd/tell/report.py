"""The report's data: stories -> events (title, cited summary, ledger, sources and copy groups) ->
the story's timeline. `build` reads the store once per event; `render.py` writes HTML or Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rasd.extract.ledger import Ledger
from rasd.present.views import ledger_view, store_copy_of
from rasd.store import Store
from rasd.tell.docs import Doc
from rasd.tell.load import event_docs
from rasd.tell.summary import BUDGET, summarize
from rasd.tell.timeline import StoryEvent, story_timeline
from rasd.tell.title import event_title
from rasd.tell.types import Summary, Timeline


@dataclass(frozen=True, slots=True)
class Source:
    """One article of an event, numbered for the summary's citations."""

    n: int
    article: str
    outlet: str | None
    title: str | None
    when: str | None
    dated_by: str  # "stated", "fetched" or "undated"
    copy_of: str | None  # the canonical article of its copy group, when it is a copy


@dataclass(slots=True)
class EventReport:
    id: str
    first: str | None
    last: str | None
    summary: Summary
    ledger: Ledger
    sources: list[Source]
    copy_groups: list[tuple[str, list[str]]]  # canonical article -> its copies

    def number(self, article: str) -> int:
        return next((s.n for s in self.sources if s.article == article), 0)


@dataclass(slots=True)
class StoryReport:
    id: str
    title: str
    first: str | None
    last: str | None
    articles: int
    events: list[EventReport]
    timeline: Timeline


@dataclass(slots=True)
class Report:
    store: str
    generated: str
    articles: int
    stories: list[StoryReport] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(len(s.events) for s in self.stories)

    @property
    def major(self) -> list[StoryReport]:
        """Stories told in full: more than one article."""
        return [s for s in self.stories if s.articles > 1]

    @property
    def minor(self) -> list[StoryReport]:
        """One-article stories, listed briefly at the end."""
        return [s for s in self.stories if s.articles <= 1]


def _sources(docs: list[Doc], canon: dict[str, str]) -> list[Source]:
    out = []
    for n, d in enumerate(docs, start=1):
        how = "stated" if d.when else "fetched" if d.fetched else "undated"
        c = canon.get(d.id, d.id)
        out.append(Source(n, d.id, d.outlet, d.article.title, d.when or d.fetched, how, c if c != d.id else None))
    return out


def _groups(canon: dict[str, str], ids: list[str]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for i in ids:
        c = canon.get(i, i)
        if c != i:
            groups.setdefault(c, []).append(i)
    return sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))


def build(store: Store, stories: int | None = None, budget: int = BUDGET) -> Report:
    """The report of a store: every story (largest first, at most `stories`), its events in time order."""
    report = Report(store.path, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), store.count())
    rows = sorted(store.stories(limit=stories or 1_000_000), key=lambda s: (-s.articles, s.id))
    for s in rows[:stories] if stories else rows:
        events = []
        story_events = []
        for e in store.events(story=s.id, limit=100_000):
            docs = event_docs(store, e.id)
            ids = [d.id for d in docs]
            canon = store_copy_of(store, ids)
            ledger = ledger_view(store, e.id)
            title = event_title(docs)
            summary = summarize(e.id, docs, ledger, budget, title)
            events.append(EventReport(e.id, e.first, e.last, summary, ledger, _sources(docs, canon),
                                      _groups(canon, ids)))
            story_events.append(StoryEvent(e.id, docs, title))
        timeline = story_timeline(s.id, story_events)
        # the largest event names the story (the earliest of equals), as `Store.stories` does
        top = min(events, key=lambda x: (-x.summary.articles, x.first is None, x.first or "", x.id)) if events else None
        main = top.summary.title.text if top is not None else s.id
        report.stories.append(StoryReport(s.id, main, s.first, s.last, s.articles, events, timeline))
    return report

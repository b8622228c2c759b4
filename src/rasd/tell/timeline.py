"""A story's timeline: its events in time order, and apart from them the past its articles recall.

- An event is dated by its articles' stated publication dates ("stated"); with none, by their fetch
  or feed times ("fetched"); with neither it is listed last as "undated". An event spanning days
  gets a range.
- Background: every time reference of the story's articles (years, months, days, ranges, decades,
  from the time-reference stage) that lies before the article's own date: a year, range or decade
  ending before the article's year, a day or month more than `PAST_DAYS` days before it. The same
  date in several articles is one entry citing all of them (with the spans of the date as written);
  its label is the shortest sentence that mentions it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.model import Span
from rasd.tell.docs import Doc
from rasd.tell.sentences import split
from rasd.tell.title import event_title
from rasd.tell.types import Citation, EventTitle, Timeline, TimelineEntry

PAST_DAYS = 60
LABEL_WORDS = 40
_BACKGROUND = ("day", "month", "year", "range", "decade")


@dataclass(frozen=True, slots=True)
class StoryEvent:
    id: str
    docs: Sequence[Doc]
    title: EventTitle | None = None  # computed when not given


def _day(iso: str | None) -> str | None:
    return iso[:10] if iso else None


def event_entry(ev: StoryEvent) -> TimelineEntry:
    """The timeline entry of one event: its title and its dates, and how they are known."""
    title = ev.title if ev.title is not None else event_title(ev.docs)
    stated = sorted(d for d in (_day(x.when) for x in ev.docs) if d)
    fetched = sorted(d for d in (_day(x.fetched) for x in ev.docs) if d)
    days, how = (stated, "stated") if stated else (fetched, "fetched") if fetched else ([], "undated")
    value = None if not days else days[0] if days[0] == days[-1] else f"{days[0]}/{days[-1]}"
    precision = "none" if value is None else "range" if "/" in value else "day"
    cites = tuple(Citation(d.id, d.outlet, title.start or 0, title.end or 0) for d in ev.docs if d.id == title.article)
    return TimelineEntry(value, precision, "event", title.text, how, ev.id, cites)


def _is_past(value: str, precision: str, anchor: str) -> bool:
    """Whether a reference's value lies before the article's own day `anchor` (ISO day)."""
    end = value.split("/")[-1]
    if precision in ("year", "range", "decade"):
        return end[:4] < anchor[:4]
    try:
        day = dt.date.fromisoformat(end if len(end) == 10 else end[:7] + "-28")
        return (dt.date.fromisoformat(anchor) - day).days > PAST_DAYS
    except ValueError:
        return False


def _sentence(doc: Doc, span: Span, cache: dict[str, list[Span]]) -> str:
    if doc.id not in cache:
        cache[doc.id] = split(doc.article.raw, doc.article.paragraphs)
    for s in cache[doc.id]:
        if s.start <= span.start and span.end <= s.end:
            words = s.of(doc.article.raw).split()
            return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")
    return span.of(doc.article.raw)


def _sort_key(e: TimelineEntry) -> tuple[int, tuple[int, ...], int]:
    """Undated last; else by the first day the value covers, coarser values first."""
    if e.value is None:
        return (1, (), 0)
    order = {"decade": 0, "range": 1, "year": 2, "month": 3, "day": 4}
    parts = tuple(int(x) for x in e.value.split("/")[0][:10].split("-") if x.isdigit())
    return (0, (*parts, 0, 0)[:3], order.get(e.precision, 5))


def background(docs: Sequence[Doc]) -> list[TimelineEntry]:
    """The past the articles recall, merged by date across articles, in time order."""
    found: dict[tuple[str, str], list[tuple[Doc, Span, str]]] = {}
    for d in docs:
        anchor = _day(d.when or d.fetched)
        if anchor is None:
            continue
        for r in d.article.time_refs:
            if r.value and r.precision.value in _BACKGROUND and _is_past(r.value, r.precision.value, anchor):
                found.setdefault((r.value, r.precision.value), []).append((d, r.span, r.text))
    cache: dict[str, list[Span]] = {}
    out = []
    for (value, precision), hits in found.items():
        labels = sorted((_sentence(d, sp, cache) for d, sp, _ in hits), key=len)
        cites = tuple(sorted({Citation(d.id, d.outlet, sp.start, sp.end) for d, sp, _ in hits},
                             key=lambda c: (c.article, c.start)))
        written = tuple(dict.fromkeys(t for _, _, t in hits))
        out.append(TimelineEntry(value, precision, "background", labels[0], "text", None, cites, written))
    return sorted(out, key=_sort_key)


def story_timeline(story_id: str, events: Sequence[StoryEvent]) -> Timeline:
    """The timeline of a story made of `events` (each with its articles)."""
    entries = sorted((event_entry(e) for e in events), key=_sort_key)
    docs = [d for e in events for d in e.docs]
    return Timeline(story_id, tuple(entries), tuple(background(docs)))

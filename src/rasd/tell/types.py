"""Value types of the tell stage. Every `start`/`end` is a half-open offset into `Article.raw`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a sentence or a date is written: one article, its outlet, the span in its raw text."""

    article: str
    outlet: str | None
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class EventTitle:
    """An event's title: a headline (or lead sentence) of one of its articles, prefixes removed."""

    text: str
    article: str | None
    start: int | None  # span in that article's raw text (None when the input gave the title)
    end: int | None
    rule: str  # "headline", "lead" (no usable headline), "none" (the event has no text)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "article": self.article, "start": self.start, "end": self.end, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence as written in its first article, with every article that carries it."""

    text: str
    citations: tuple[Citation, ...]
    score: float
    figures: tuple[str, ...] = ()  # ledger figures it states, as written ("16 جنديا")

    @property
    def outlets(self) -> list[str]:
        return sorted({c.outlet or c.article for c in self.citations})

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "score": round(self.score, 4), "figures": list(self.figures),
                "outlets": self.outlets, "citations": [c.to_json() for c in self.citations]}


@dataclass(frozen=True, slots=True)
class Summary:
    event: str
    title: EventTitle
    sentences: tuple[SummarySentence, ...]
    articles: int
    outlets: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "title": self.title.to_json(), "articles": self.articles,
                "outlets": list(self.outlets), "sentences": [s.to_json() for s in self.sentences]}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated entry: one of the story's events, or a past date its articles refer to (background)."""

    value: str | None  # ISO: "2020-09-27", "1988-02", "1991", "1992/1994", "1990/1999"; None: undated
    precision: str  # "day", "month", "year", "range", "decade", "none"
    kind: str  # "event" or "background"
    label: str  # the event's title, or the sentence that mentions the date
    dated_by: str  # "stated" (an article's own date), "fetched" (fetch or feed time), "undated", "text"
    event: str | None = None
    sources: tuple[Citation, ...] = field(default=())
    as_written: tuple[str, ...] = field(default=())  # the date as the articles write it

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision, "kind": self.kind, "label": self.label,
                "dated_by": self.dated_by, "event": self.event, "as_written": list(self.as_written),
                "outlets": sorted({c.outlet or c.article for c in self.sources}),
                "sources": [c.to_json() for c in self.sources]}


@dataclass(frozen=True, slots=True)
class Timeline:
    story: str
    events: tuple[TimelineEntry, ...]
    background: tuple[TimelineEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {"story": self.story, "events": [e.to_json() for e in self.events],
                "background": [b.to_json() for b in self.background]}

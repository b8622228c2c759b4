"""The data model: small frozen value types shared by every stage.

Every extracted thing carries a `Span` into `Article.raw`, the text exactly as read, so that
the UI can highlight it in the original and an analyst can check it. Nothing here imports
from another rasd module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) into `Article.raw`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"Span needs 0 <= start <= end, got ({self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The slice of `text` this span covers."""
        return text[self.start : self.end]


class Reason(StrEnum):
    """Why a span of the raw text is not part of the displayed article."""

    BLANK = "blank"  # whitespace or no-break spaces only
    BOILERPLATE = "boilerplate"  # share/follow/related furniture
    LINK = "link"  # a line that is only a URL
    LANGUAGE_SWITCHER = "language_switcher"  # "Ru En", "EN | FR"
    COMMENT_FORM = "comment_form"  # "اترك تعليقاً" and the form text
    CREDIT = "credit"  # "المصدر: نوفوستي", "الصورة: ..." (kept as metadata)
    TAGLINE = "tagline"  # short site line in the closing furniture block
    LEARNED = "learned_furniture"  # a line repeated across many articles of one source
    REPEATED = "repeated_paragraph"  # a paragraph already seen earlier in the article
    TOO_LONG = "too_long"  # past the first `READ_LIMIT` characters of a huge text: kept in raw, never read


@dataclass(frozen=True, slots=True)
class Removed:
    span: Span
    reason: Reason
    rule: str = ""  # which rule fired, for debugging and evaluation


class CreditKind(StrEnum):
    AGENCY = "agency"  # the wire agency in a dateline: "(سبوتنيك - ...)", "(رويترز)"
    SOURCE = "source"  # "المصدر: نوفوستي"
    PHOTO = "photo"  # "الصورة: ...", "تصوير: ..."
    OUTLET = "outlet"  # the publishing outlet named in a dateline


@dataclass(frozen=True, slots=True)
class Credit:
    kind: CreditKind
    name: str
    span: Span | None = None


class Precision(StrEnum):
    MINUTE = "minute"
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    DECADE = "decade"


@dataclass(frozen=True, slots=True)
class Published:
    """When the article was published, with the text that says so."""

    value: dt.datetime  # midnight when precision is DAY
    precision: Precision  # MINUTE or DAY
    evidence: Span | None  # None when the date came from the input's metadata
    rule: str  # e.g. "dateline", "date_line", "today_date", "metadata"
    weekday_ok: bool | None = None  # a weekday named with the date agrees (None: none named)

    def iso(self) -> str:
        if self.precision is Precision.MINUTE:
            return self.value.strftime("%Y-%m-%dT%H:%M")
        return self.value.date().isoformat()


class SeenSource(StrEnum):
    """Where `Article.seen` came from: input metadata, never the article's own text."""

    WARC = "warc"  # the WARC record's WARC-Date (when the crawler fetched the page)
    FEED = "feed"  # a feed's or corpus's publication time (JSONL `published`)
    CRAWL = "crawl"  # a crawl time (JSONL `fetched`), never a publication date
    HTML_META = "html_meta"  # a time in the page's markup (<meta>, JSON-LD, <time>)
    URL = "url"  # a date in the article's url ("/2020/08/24/")


@dataclass(frozen=True, slots=True)
class Seen:
    """When the input says the article existed (fetched, or published by a feed).

    Kept apart from `Published`: a crawl time is not a publication date. It anchors weekday
    references ("اليوم الاثنين") when the text states no date, and clustering may use it.
    """

    value: dt.datetime  # local time as written; midnight when precision is DAY
    precision: Precision  # MINUTE or DAY
    source: SeenSource

    def iso(self) -> str:
        if self.precision is Precision.MINUTE:
            return self.value.strftime("%Y-%m-%dT%H:%M")
        return self.value.date().isoformat()


class Anchor(StrEnum):
    ABSOLUTE = "absolute"
    RELATIVE = "relative"


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A date the article refers to, resolved when it can be, unknown (None) when not.

    `value` is ISO 8601: "2020-09-27" (day), "1988-02" (month), "1988" (year),
    "1992/1994" (range), "199" + "0s" style decades as "1990/1999".
    """

    span: Span
    text: str
    value: str | None
    precision: Precision
    anchor: Anchor
    weekday: int | None = None  # Monday=0, when the text names one
    part_of_day: str | None = None  # "morning", "evening", "night", "noon"
    note: str = ""  # why unresolved, or a weekday mismatch


@dataclass(frozen=True, slots=True)
class LineLanguage:
    span: Span
    language: str  # ISO 639-1 ("ar", "ur", "fa", "en"...) or "und"


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One article as a reader found it, before any processing."""

    id: str
    raw: str
    origin: str  # file path, with ":line" or "#record" for multi-article files
    fmt: str  # "text", "html", "jsonl", "warc"
    source: str | None = None
    url: str | None = None
    title: str | None = None  # given by the input (JSONL field, HTML <title>)
    published: str | None = None  # given by the input, unparsed
    times: tuple[tuple[SeenSource, str], ...] = ()  # metadata times by source, unparsed (-> seen)


@dataclass(frozen=True, slots=True)
class Dropped:
    """An input that could not become an article, and why (counted and reported)."""

    origin: str
    reason: str  # stable code, e.g. "empty", "binary", "encoding", "malformed_json"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """An article through the per-article stages. `raw` is never modified."""

    id: str
    raw: str
    origin: str
    fmt: str
    content_hash: str
    source: str | None = None
    url: str | None = None
    given_title: str | None = None
    given_published: str | None = None
    seen: Seen | None = None  # fetch or feed time from the input's metadata (never the text)
    # clean
    paragraphs: tuple[Span, ...] = ()  # kept paragraphs, in order
    removed: tuple[Removed, ...] = ()
    credits: tuple[Credit, ...] = ()
    # describe
    title: str | None = None
    title_span: Span | None = None
    title_note: str = ""
    published: Published | None = None
    published_note: str = ""
    language: str = "und"
    line_languages: tuple[LineLanguage, ...] = field(default=())
    # time
    time_refs: tuple[TimeRef, ...] = ()

    @property
    def text(self) -> str:
        """The cleaned article for display: kept paragraphs as written, blank-line separated."""
        return "\n\n".join(self.raw[p.start : p.end] for p in self.paragraphs)

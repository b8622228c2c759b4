"""Time references in an article, resolved on its publication date when they are relative.

Relative expressions ("اليوم الأحد", "مساء أمس", "الخميس الماضي", "قبل يومين", "الأسبوع
الماضي") are resolved against the publication *date* P (its time is ignored). A weekday named
beside "اليوم" wins over P itself: news is often published after midnight, so "اليوم الأحد"
in an article dated Monday is the Sunday before. Without P a relative expression keeps its
weekday and part of day but gets no value: a date is never invented.

Historical expressions are absolute: dates found by `find_dates` ("10 ديسمبر 1991",
"شباط/فبراير عام 1988"), years after a cue ("عام 1988", "منذ 1992"), ranges ("بين 1992
و1994") and decades ("تسعينيات القرن الماضي"). A bare number is never a year: it needs a
cue word and must lie in 1000..2100, and counts ("2700 من عناصر", "في 2000 منزل") are refused.

Spans cover the expression and the words that fix its date ("صباح اليوم الأحد", "يوم أمس",
"قبل يومين", "عام 1988", "بين 1992 و1994"), never the prepositions or hedges around it: "في وقت
سابق اليوم" gives "اليوم". A date written with a time of day keeps DAY precision.

Matching runs on `normalize`d paragraph text; spans map back to the raw text. Overlaps are
settled longest-first. Word lists live in `rasd.arabic.relative`. No dateparser here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Sequence

from rasd.arabic import relative as R
from rasd.arabic.dates import find_dates
from rasd.arabic.normalize import normalize_paragraph, normalize_with_offsets
from rasd.model import Article, Seen, Span, TimeRef
from rasd.text.timeref.historical import _date, _decade, _range, _year
from rasd.text.timeref.patterns import (
    _AGO_RX,
    _DATE_NUM_RX,
    _DAY_RX,
    _DECADE_RX,
    _DIGIT_RX,
    _GATE_DAY,
    _GATE_DECADE,
    _GATE_MONTH,
    _GATE_PERIOD,
    _PERIOD_RX,
    _RANGE_RX,
    _YEAR_DIGITS_RX,
    _YEAR_RX,
    DAY_NAMES,
    FROM_SEEN,
    NO_DATE,
    YEAR_FROM_P,
    _Cand,
    _SeenDay,
)
from rasd.text.timeref.relative import _ago, _day, _period

__all__ = ["DAY_NAMES", "FROM_SEEN", "NO_DATE", "YEAR_FROM_P", "find_time_refs", "resolve_time"]


def _scan(norm: str, p: dt.date | None, seen: _SeenDay | None = None) -> list[_Cand]:
    """All time references in normalized text, overlaps settled (longest wins), in text order."""
    found: list[_Cand | None] = []
    # Each matcher runs only when a word it needs is present: a substring test is far cheaper.
    if _DIGIT_RX.search(norm):
        if _DATE_NUM_RX.search(norm) or any(w in norm for w in _GATE_MONTH):
            found += [_date(norm, d, p) for d in find_dates(norm)]
        if _YEAR_DIGITS_RX.search(norm):
            found += [_range(norm, m) for m in _RANGE_RX.finditer(norm)]
            found += [c for m in _YEAR_RX.finditer(norm) for c in _year(norm, m)]
    if any(w in norm for w in _GATE_DECADE):
        found += [_decade(m, p) for m in _DECADE_RX.finditer(norm)]
    if any(w in norm for w in _GATE_DAY):
        found += [_day(norm, m, p, seen) for m in _DAY_RX.finditer(norm)]
    if any(w in norm for w in _GATE_PERIOD):
        found += [_period(norm, m, p) for m in _PERIOD_RX.finditer(norm)]
    if any(w in norm for w in R.AGO):
        found += [_ago(norm, m, p) for m in _AGO_RX.finditer(norm)]
    order = {id(c): i for i, c in enumerate(found)}
    kept: list[_Cand] = []
    taken = bytearray(len(norm))  # 1 under a kept reference: one look per candidate, not one per kept
    for c in sorted((c for c in found if c), key=lambda c: (c.start - c.end, order[id(c)])):
        if taken.find(1, c.start, c.end) < 0:
            kept.append(c)
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(kept, key=lambda c: c.start)


def _marks_end(raw: str, end: int, limit: int) -> int:
    """Extend `end` over harakat and tatweel that normalization dropped ("غداً")."""
    while end < limit and (raw[end] == "\u0640" or unicodedata.category(raw[end]) == "Mn"):
        end += 1
    return end


def find_time_refs(raw: str, paragraphs: Sequence[Span], published: dt.datetime | dt.date | None,
                   seen: Seen | None = None) -> list[TimeRef]:  # fmt: skip
    """Every time reference in the given paragraphs of `raw`, sorted by start, never overlapping.

    Relative expressions are resolved against the date of `published` (time of day ignored);
    with `published` None they keep weekday and part of day but get value None, except that a
    named weekday ("اليوم الاثنين", "أمس الأحد", a bare "الخميس" not in the future) is placed on
    or before the fetch time `seen` when one is given, noted `FROM_SEEN`.
    """
    p = published.date() if isinstance(published, dt.datetime) else published
    seen_day = (seen.value.date(), seen.source.value) if seen is not None and p is None else None
    refs: list[TimeRef] = []
    for para in sorted(paragraphs, key=lambda s: s.start):
        seg = raw[para.start : para.end]
        norm = normalize_paragraph(seg)
        cands = _scan(norm, p, seen_day)
        if not cands:
            continue
        offs = normalize_with_offsets(seg, para.start).offsets
        for c in cands:
            start, end = offs[c.start], _marks_end(raw, offs[c.end - 1] + 1, para.end)
            if refs and start < refs[-1].span.end:  # two matches inside one expanded character
                continue
            refs.append(
                TimeRef(Span(start, end), raw[start:end], c.value, c.precision, c.anchor, c.weekday,
                        c.part_of_day, c.note)
            )  # fmt: skip
    return refs


def resolve_time(article: Article) -> Article:
    """The article with `time_refs` found in its kept paragraphs, anchored on `article.published`
    (named weekdays on `article.seen` when there is no publication date)."""
    published = article.published.value if article.published is not None else None
    refs = find_time_refs(article.raw, article.paragraphs, published, article.seen)
    return dataclasses.replace(article, time_refs=tuple(refs))

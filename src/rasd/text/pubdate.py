"""When an article was published, from the dates its text states.

every date `find_dates` sees in the kept paragraphs is classified by where it
stands. Only four kinds can say when the article was published:

- "dateline": in a leading "(Outlet / Agency - 28 سبتمبر 2020)", "القاهرة - 5 مارس 2024
  (رويترز)" or "يريفان 26 سبتمبر 2023 (شينخوا) --" within the first paragraphs;
- "date_line": a paragraph that is only a date, perhaps with weekday, time and a label
  ("نشر في: 12 أيار 2022 - 10:15" or "2023/02/09"), near the top or bottom or labelled; a
  date labelled as an update ("آخر تحديث") is kept out;
- "today_date": a date right after "اليوم" ("اليوم الأربعاء 20 سبتمبر 2023", "اليوم الخميس
  (23 يوليو/تموز 2015)");
- "lead_date": a full date with a weekday that agrees with it, opening the first paragraphs
  ("تمر الاثنين 7 مايو/أيار 2018 سنة كاملة على ...").

Everything else is background. A date without a year only corroborates a candidate of the
same month and day. Scores: `SCORES` by kind, minus `WEEKDAY_MISMATCH_PENALTY` for a weekday
contradicting the date, plus `CORROBORATION_BONUS` per agreeing date; ties go to the earliest.
The input's metadata date wins when it is within `METADATA_TOLERANCE` of the best
text date (or there is none), except that a text date of the same day with a time beats a
metadata date without one; when the text's date is earlier by more, the text wins (metadata is
then usually a crawl or update time) and the note says so; when it is later by more, the
metadata wins (a page's masthead shows the day it was served, not the day it was published).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rasd.arabic.dates import WEEKDAY_PATTERN, WEEKDAYS, DateMatch, find_dates, parse_date_string
from rasd.arabic.normalize import NormView, normalize, normalize_paragraph, normalize_with_offsets
from rasd.arabic.normalize import strip_marks_fast as _strip
from rasd.model import Article, Precision, Published, Span

DATELINE_PARAGRAPHS = 3  # datelines are looked for in the first kept paragraphs only
DATE_LINE_HEAD = 4  # unlabelled date lines count in the first paragraphs ...
DATE_LINE_TAIL = 2  # ... and in the last ones
DATE_LINE_MAX_WORDS = 16
DATE_LINE_OTHER_WORDS = 1  # words besides date and label words (a city)
BYLINE_OTHER_WORDS = 4  # "بقلم أحمد علي - 12 مايو 2022"
METADATA_TOLERANCE = dt.timedelta(days=3)
# Windows that keep the scan linear in the paragraph's length: a dateline's place/outlet prefix is
# at most 8 words, and "اليوم" stands right before its date.
DATELINE_PREFIX = 300
TODAY_WINDOW = 48

SCORES = {"dateline": 100, "date_line": 90, "today_date": 70, "lead_date": 60}
LEAD_WORDS = 12  # a lead date opens the lead: it starts within its first words
WEEKDAY_MISMATCH_PENALTY = 40
CORROBORATION_BONUS = 5

# Normalized words that may stand beside a date in a date line.
_LABEL_TEXT = (
    "نشر نشرت في بتاريخ تاريخ النشر تم آخر اخر تحديث التحديث محدث يوم الساعة بتوقيت غرينتش"
    " مكة المكرمة م ص هـ محرم صفر ربيع الأول الأولى الثاني الآخر الآخرة جمادى"
    " رجب شعبان رمضان شوال ذو القعدة الحجة published posted updated last modified on at date"
    " gmt utc am pm"
)
_LABEL_WORDS = frozenset(normalize(_LABEL_TEXT).split()) | frozenset(WEEKDAYS)
_BYLINE = frozenset(normalize(w) for w in ("بقلم", "كتب", "كتبت", "إعداد", "by"))

_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_YEAR = re.compile(r"(?<![0-9٠-٩۰-۹])(?:[1١۱][89٨٩۸۹]|[2٢۲][0٠۰])[0-9٠-٩۰-۹]{2}(?![0-9٠-٩۰-۹])")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_UPDATE_LABEL = re.compile(r"تحديث|محدث|تعديل|updated|modified", re.IGNORECASE)
_PUBLISH_LABEL = re.compile(r"(?<!\w)(?:نشر|نشرت|تاريخ النشر|published|posted)(?!\w)", re.IGNORECASE)
_TODAY_WORD = re.compile(r"(?<!\w)(?:اليوم|today)(?!\w)", re.IGNORECASE)
_TODAY_BEFORE = re.compile(
    rf"(?<!\w)(?:اليوم|today)\s*[,،]?\s*(?:\(?\s*{WEEKDAY_PATTERN}\s*\)?\s*[,،]?\s*)?\(?\s*$", re.IGNORECASE
)  # "اليوم 12 ...", "اليوم الخميس (23 يوليو/تموز 2015)"
_TODAY_WEEKDAY = re.compile(
    rf"(?<!\w)(?:(?:مساء|صباح|ظهر|فجر|عصر|ليل|ليله)\s+)?اليوم\s*[,،]?\s*(?P<po>\(\s*)?{WEEKDAY_PATTERN}(?(po)\s*\))",
    re.IGNORECASE,
)  # "اليوم الخميس", "اليوم (الاثنين)"
_YAWM = re.compile("ي[\u064b-\u065f\u0640]*و[\u064b-\u065f\u0640]*م")  # "يوم" with any marks inside
_DATELINE_AFTER = re.compile(r"\s*(?:$|[)(\-–—:|,،])")
_TIME_AFTER = re.compile(r"\s*[|\-–—,،/]?\s*(?:الساعه\s*|at\s+)?(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d)(?!\d)")
_IN_BEFORE = re.compile(r"\sفي$")
_AGENCY_AFTER = re.compile(r"\s*\([^()\d]{1,30}\)\s*[-–—:]")


@dataclass(frozen=True, slots=True)
class DateCandidate:
    """One date found in a kept paragraph, classified by where it stands."""

    kind: str  # "dateline", "date_line", "today_date", "updated", "background"
    paragraph: int
    span: Span  # into raw
    year: int | None
    month: int
    day: int | None
    hour: int | None
    minute: int | None
    weekday: int | None
    weekday_ok: bool | None


@dataclass(frozen=True, slots=True)
class DateScan:
    """What `scan_dates` found: classified dates and which paragraphs are date lines/datelines."""

    candidates: list[DateCandidate]
    date_only: frozenset[int]  # paragraphs that are only a date (and labels)
    datelines: frozenset[int]  # paragraphs opening with a dateline


def scan_dates(raw: str, paragraphs: Sequence[Span]) -> DateScan:
    """Dates that may say when the article was published, classified, and which paragraphs are
    date lines or datelines.

    Only paragraphs that could hold a publication date are read: the first and last ones, short
    ones, and those saying "اليوم"/"today"; the others can only hold background dates.
    """
    out: list[DateCandidate] = []
    date_only: set[int] = set()
    n = len(paragraphs)
    for i, p in enumerate(paragraphs):
        text = raw[p.start : p.end]
        if not _DIGIT.search(text):
            continue
        norm = normalize_paragraph(text)
        edge = i < DATE_LINE_HEAD or i >= n - DATE_LINE_TAIL
        if not (edge or norm.count(" ") < DATE_LINE_MAX_WORDS or _TODAY_WORD.search(norm)):
            continue
        found, only = _candidates(i, p, text, norm, edge)
        if only:
            date_only.add(i)
        out.extend(found)
    datelines = frozenset(c.paragraph for c in out if c.kind == "dateline")
    return DateScan(out, frozenset(date_only), datelines)


def _candidates(i: int, p: Span, text: str, norm: str, edge: bool) -> tuple[list[DateCandidate], bool]:
    """The classified dates of paragraph `i` (raw `text` at `p`, normalized `norm`)."""
    found, only = _paragraph_dates(i, norm, edge)
    if not found:
        return [], False
    view = _view(text, p.start, norm, max(f[4] for f in found))
    if view is None:  # never expected: the two normalizers disagree; trust the mapped one
        view = normalize_with_offsets(text, p.start)
        found, only = _paragraph_dates(i, view.norm, edge)
    out = []
    for m, kind, hour, minute, end in found:
        s, e = view.to_raw(m.start, end)
        out.append(DateCandidate(kind, i, Span(s, e), m.year, m.month, m.day, hour, minute, m.weekday, m.weekday_ok))
    return out, only


_Found = tuple[DateMatch, str, int | None, int | None, int]  # match, kind, hour, minute, end in norm


def _paragraph_dates(index: int, norm: str, edge: bool) -> tuple[list[_Found], bool]:
    """The dates of one normalized paragraph, classified, and whether it is only a date line."""
    matches = find_dates(norm)
    if not matches:
        return [], False
    only = _is_date_only(norm, [(m.start, m.end) for m in matches])
    near_edge = edge or (only and bool(_PUBLISH_LABEL.search(norm)))
    found: list[_Found] = []
    prev = 0
    for m in matches:
        kind = _kind(index, norm, prev, m.start, m.end, only, near_edge, m.weekday_ok)
        hour, minute, end = m.hour, m.minute, m.end
        if kind == "date_line" and hour is None and (t := _TIME_AFTER.match(norm, m.end)):
            hour, minute, end = int(t["hh"]), int(t["mm"]), t.end()
        found.append((m, kind, hour, minute, end))
        prev = end
    return found, only


def _view(text: str, base: int, norm: str, needed: int) -> NormView | None:
    """Offsets valid for the first `needed` characters of `norm` (= normalize(text)).

    Normalization is causal, so when the normalized form of a raw prefix agrees with `norm`
    beyond `needed`, that cheaper view maps those characters exactly. None if the full view
    disagrees with `norm`.
    """
    cut = needed + 24
    if cut < len(text):
        view = normalize_with_offsets(text[:cut], base)
        if len(view.norm) > needed and view.norm[: needed + 1] == norm[: needed + 1]:
            return view
    view = normalize_with_offsets(text, base)
    return view if view.norm == norm else None


def _kind(index: int, norm: str, prev: int, start: int, end: int, only: bool, near_edge: bool,
          weekday_ok: bool | None = None) -> str:  # fmt: skip
    before = norm[prev:start]
    if only:
        if _UPDATE_LABEL.search(before):
            return "updated"
        return "date_line" if near_edge else "background"
    if index < DATELINE_PARAGRAPHS and start <= DATELINE_PREFIX and _is_dateline(norm[:start], norm, end):
        return "dateline"
    if _TODAY_BEFORE.search(norm, max(0, start - TODAY_WINDOW), start):  # the look-behind still sees before
        return "today_date"
    if index < 2 and weekday_ok and norm.count(" ", 0, start) < LEAD_WORDS:
        return "lead_date"  # "تمر الاثنين 7 مايو/أيار 2018 سنة ..." (weekday and date agree)
    return "background"


def _is_date_only(norm: str, spans: list[tuple[int, int]]) -> bool:
    """A paragraph holding dates plus at most a label, a weekday, a time and a city or byline."""
    if not spans or len(norm.split()) > DATE_LINE_MAX_WORDS:
        return False
    rest, pos = [], 0
    for s, e in spans:
        rest.append(norm[pos:s])
        pos = e
    rest.append(norm[pos:])
    words = [w for w in _LETTER_WORD.findall(" ".join(rest).lower()) if w not in _LABEL_WORDS]
    limit = BYLINE_OTHER_WORDS if words and words[0] in _BYLINE else DATE_LINE_OTHER_WORDS
    return len(words) <= limit


def _is_dateline(prefix: str, norm: str, end: int) -> bool:
    """A date after a short place/outlet prefix ending in a separator, or inside a leading bracket."""
    after = _DATELINE_AFTER.match(norm, end)
    p = prefix.strip()
    if after is None or (not p and after.group().strip() in (",", "،")):
        return False  # "10 ديسمبر 1991، أعلن ..." opens a sentence, not a dateline
    words = len(_LETTER_WORD.findall(p))
    if not p:
        return True
    if p.startswith("(") and ")" not in p:
        return words <= 8
    if p.endswith(("-", "–", "—", "/", ":", "|")):
        return words <= 4
    if words <= 2 and _AGENCY_AFTER.match(norm, end):
        return True  # "يريفان 26 سبتمبر 2023 (شينخوا) --"
    if 2 <= words <= 3 and _IN_BEFORE.search(p) and after.group().strip() in ("-", "–", "—"):
        return True  # "الرباط في 15 جوان 2021 -"
    return p.endswith((",", "،")) and words <= 2


_DayKey = tuple[int, int | None, int | None, int | None]  # month, day, year, weekday (yearless only)


def _day_keys(candidates: Sequence[DateCandidate]) -> Counter[_DayKey]:
    """How many candidates name each (month, day, year) or, yearless, each (month, day, weekday)."""
    return Counter((o.month, o.day, o.year, o.weekday if o.year is None else None) for o in candidates)


def _score(c: DateCandidate, keys: Counter[_DayKey]) -> int:
    score = SCORES[c.kind] + (2 if c.hour is not None else 0)
    if c.weekday_ok is False:
        score -= WEEKDAY_MISMATCH_PENALTY
    return score + CORROBORATION_BONUS * _agreeing(c, keys)


def _agreeing(c: DateCandidate, keys: Counter[_DayKey]) -> int:
    """How many other candidates `_agrees` with `c` (counted by key: linear, not one pass per pair)."""
    if c.year is None or c.day is None:
        return 0
    weekday = dt.date(c.year, c.month, c.day).weekday()
    n = keys[(c.month, c.day, c.year, None)] - 1  # not itself
    return n + keys[(c.month, c.day, None, None)] + keys[(c.month, c.day, None, weekday)]


def _agrees(c: DateCandidate, other: DateCandidate) -> bool:
    """`other` names the same day as `c` (a yearless `other` with `c`'s year, weekday included)."""
    if (other.month, other.day) != (c.month, c.day) or c.year is None or c.day is None:
        return False
    if other.year is not None:
        return other.year == c.year
    return other.weekday is None or dt.date(c.year, c.month, c.day).weekday() == other.weekday


def best_candidate(candidates: Sequence[DateCandidate]) -> DateCandidate | None:
    """The best-scoring publication candidate with a full date (ties: earliest)."""
    usable = [c for c in candidates if c.kind in SCORES and c.day is not None]
    full = [c for c in usable if c.year is not None]
    if not full:
        return None
    keys = _day_keys(usable)
    return max(full, key=lambda c: (_score(c, keys), -c.span.start))


def dated_by_update(candidates: Sequence[DateCandidate]) -> DateCandidate | None:
    """A yearless dateline or date line whose day and month an update line repeats with a year:
    "صنعاء - 27 أغسطس (أ ف ب)" under "آخر تحديث: 27 أغسطس 2024" was written on 27 Aug 2024.
    The weekday, when one is named, must agree too. None when nothing pairs up."""
    updates = [u for u in candidates if u.kind == "updated" and u.year is not None and u.day is not None]
    for c in candidates:
        if c.kind in SCORES and c.year is None and c.day is not None:
            for u in updates:
                if _agrees(u, c):
                    return dataclasses.replace(c, year=u.year, kind=f"{c.kind}+update_year")
    return None


def _published_from(c: DateCandidate) -> Published:
    assert c.year is not None and c.day is not None
    value = dt.datetime(c.year, c.month, c.day, c.hour or 0, c.minute or 0)
    precision = Precision.DAY if c.hour is None else Precision.MINUTE
    return Published(value, precision, c.span, c.kind, c.weekday_ok)


def _metadata(given: str | None) -> Published | None:
    if not given or not given.strip():
        return None
    value = parse_date_string(given)
    if value is None:
        return None
    value = value.replace(tzinfo=None)
    timed = value.time() != dt.time(0) or bool(re.search(r"\d:\d", given))
    if not timed:
        value = dt.datetime(value.year, value.month, value.day)
    return Published(value, Precision.MINUTE if timed else Precision.DAY, None, "metadata")


def choose_published(article: Article, scan: DateScan) -> tuple[Published | None, str]:
    """The publication date and a note saying where it came from, or why there is none."""
    best = best_candidate(scan.candidates) or dated_by_update(scan.candidates)
    text = _published_from(best) if best else None
    meta = _metadata(article.given_published)
    if text is None:
        if meta is not None:
            return meta, f"metadata: {article.given_published}"
        note = _why_none(article, scan)
        if article.given_published:
            note += f"; metadata date not understood: {article.given_published}"
        return None, note
    assert best is not None
    evidence = _strip(best.span.of(article.raw))
    said = f"{best.kind}: {evidence}" + (" (weekday mismatch)" if best.weekday_ok is False else "")
    if meta is None:
        return text, said
    gap = abs(meta.value - text.value)
    if text.value - meta.value > METADATA_TOLERANCE:  # a later date in the text: the masthead's day or an update
        return meta, f"metadata: {article.given_published}; the text's later {said} is not the publication"
    if gap > METADATA_TOLERANCE:
        return text, f"{said}; metadata {article.given_published} disagrees by {gap.days} days"
    same_day = meta.value.date() == text.value.date()
    if same_day and text.precision is Precision.MINUTE and meta.precision is Precision.DAY:
        return text, f"{said}; agrees with metadata"
    return meta, f"metadata: {article.given_published}; agrees with {said}"


def _why_none(article: Article, scan: DateScan) -> str:
    """Why no publication date: what the text has instead."""
    raw = article.raw
    reasons: list[str] = []
    yearless = next((c for c in scan.candidates if c.kind in SCORES and c.year is None), None)
    if yearless:
        reasons.append(f"only a date without a year: {_strip(yearless.span.of(raw))}")
    elif weekday := _today_weekday(raw, article.paragraphs):
        reasons.append(f"only a weekday: {weekday}")
    updated = next((c for c in scan.candidates if c.kind == "updated"), None)
    if updated:
        reasons.append(f"only an update date: {_strip(updated.span.of(raw))}")
    background = next((c for c in scan.candidates if c.kind == "background"), None)
    if background:
        reasons.append(f"only background dates: {_strip(background.span.of(raw))}")
    elif year := next((m for p in article.paragraphs if (m := _YEAR.search(raw, p.start, p.end))), None):
        reasons.append(f"only background years: {year.group()}")  # paragraphs not read for dates
    return "; ".join(reasons) if reasons else "no date in the text"


def _today_weekday(raw: str, paragraphs: Sequence[Span]) -> str | None:
    """The first "اليوم الخميس" style phrase (a weekday named as today, with no date)."""
    for p in paragraphs:
        text = raw[p.start : p.end]
        if not _YAWM.search(text):  # cheap look at the raw text before normalizing it
            continue
        norm = normalize_paragraph(text)
        if (m := _TODAY_WEEKDAY.search(norm)) is None:
            continue
        view = _view(text, 0, norm, m.end())
        if view is None:  # never expected: the normalizers disagree
            view = normalize_with_offsets(text)
            if (m := _TODAY_WEEKDAY.search(view.norm)) is None:
                continue
        s, e = view.to_raw(m.start(), m.end())
        return _strip(text[s:e])
    return None



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
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasd.arabic import relative as R
from rasd.arabic.dates import MONTHS, WEEKDAYS, DateMatch, find_dates
from rasd.arabic.normalize import normalize, normalize_paragraph, normalize_with_offsets
from rasd.model import Anchor, Article, Precision, Seen, Span, TimeRef

NO_DATE = "no publication date"
FROM_SEEN = "resolved from the fetch time"  # no publication date: the weekday placed by `Article.seen`
YEAR_FROM_P = "year from publication date"
MIN_YEAR, MAX_YEAR = 1000, 2100
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# A word start, allowing one or two attached particles: "وأمس", "بالأمس", "ومنذ", "فبعد".
_B = r"(?:(?<!\w)|(?<=(?<!\w)[وفبلك])|(?<=(?<!\w)[وف][بلك]))"


def _start(*words: Iterable[str], extra: str = "") -> str:
    """`_B` behind a cheap look at the first character (speeds the scan several times over)."""
    chars = set("وفبلك" + extra) | {w[0] for ws in words for w in ws}
    return rf"(?=[{re.escape(''.join(sorted(chars)))}]){_B}"


_E = r"(?!\w)"
_SEP = r"\s*[,،]?\s*"
# "اثنين" alone is the number two; "الاثنين" is handled with care below.
_W = _alt({k: v for k, v in WEEKDAYS.items() if k != normalize("اثنين")})
_POD = _alt(R.PARTS_OF_DAY)
_Y = r"(?<![\d.,/])[12]\d{3}(?!\d|[.,/]\d)"
_YEAR_WORD = rf"(?:{_alt(R.YEAR_WORDS)})"
_TO = _alt(R.RANGE_TO)
_WORDS_DAY = (R.PARTS_OF_DAY, (R.TODAY, R.YAWM), R.DAY_WORDS, R.THIS_PART_OF_DAY, WEEKDAYS)

_DAY_RX = re.compile(
    rf"{_start(*_WORDS_DAY)}(?:(?P<pod>{_POD})\s+)?(?:"
    rf"(?P<today>{R.TODAY})(?:{_SEP}(?P<po_t>\(\s*)?(?P<wd_t>{_W})(?(po_t)\s*\)))?"
    rf"|(?:(?P<yawm_d>{R.YAWM})\s+)?(?P<dword>{_alt(R.DAY_WORDS)})(?:{_SEP}(?P<po_d>\(\s*)?(?P<wd_d>{_W})(?(po_d)\s*\)))?"
    rf"|(?P<tpod>{_alt(R.THIS_PART_OF_DAY)})(?:\s+(?P<lastnight>{_alt(R.LAST_NIGHT)}))?"
    rf"|(?:(?P<yawm_w>{R.YAWM})\s+)?(?P<wd>{_W})"
    rf"(?:\s+(?P<dir>{_alt(R.PAST | R.FUTURE)})|{_SEP}(?P<after>{_alt(R.AFTER_WEEKDAY)}))?"
    rf"){_E}"
)
_PERIOD_RX = re.compile(
    rf"{_start(R.THIS, R.PERIOD_UNITS)}(?:(?P<this>{_alt(R.THIS)})\s+(?P<unit_t>{_alt(R.PERIOD_UNITS)})"
    rf"|(?P<unit>{_alt(R.PERIOD_UNITS)})\s+(?P<which>{_alt(R.PAST | R.FUTURE | R.CURRENT)})){_E}"
)
_AGO_RX = re.compile(
    rf"{_start(R.AGO)}(?:{_alt(R.AGO)})\s+(?:(?P<n>\d{{1,4}}|{_alt(R.NUMBER_WORDS)})\s+(?P<unit>{_alt(R.UNITS)})"
    rf"|(?P<dual>{_alt(R.DUAL_UNITS)})|(?P<one>{_alt(R.SINGLE_UNITS)})(?:\s+(?:{_alt(R.ONE)}))?){_E}"
    rf"(?!\s*(?:{_alt(R.AGO_NOT_BEFORE)}){_E})(?!\s*\d)"
)
_YEAR_RX = re.compile(
    rf"{_start(R.YEAR_CUES_WEAK, R.YEAR_CUES_STRONG, extra='12')}"
    rf"(?:(?P<weak>{_alt(R.YEAR_CUES_WEAK)})\s+)?(?:(?P<strong>{_alt(R.YEAR_CUES_STRONG)})\s+)?"
    rf"(?P<y>{_Y})(?:\s*(?:{_alt(R.ERA_AFTER)}){_E})?"
)
_AND_YEAR_RX = re.compile(rf"\s*و\s*(?P<y>{_Y})")
_RANGE_RX = re.compile(
    rf"{_start((R.BETWEEN, R.FROM), R.YEAR_WORDS, R.PLURAL_YEAR_WORDS, extra='12')}(?:"
    rf"(?P<bain>{R.BETWEEN})\s+(?:(?P<noun>{_alt(R.RANGE_NOUNS)})\s+)?(?P<a1>{_Y})"
    rf"\s*(?:و|-|–|—|{_TO})\s*(?:{_YEAR_WORD}\s+)?(?P<b1>{_Y})"
    rf"|{R.FROM}\s+(?:(?P<noun2>{_YEAR_WORD})\s+)?(?P<a2>{_Y})"
    rf"\s*(?:{_TO}|-|–|—)\s*(?:{_YEAR_WORD}\s+)?(?P<b2>{_Y})"
    rf"|(?:(?P<noun3>{_YEAR_WORD}|{_alt(R.PLURAL_YEAR_WORDS)})\s+)?(?P<a3>{_Y})\s*[-–—/]\s*"
    r"(?P<b3>[12]\d{3}(?!\d)|\d\d(?!\d|[.,/:\-]\d)))"
)
_DECADE_RX = re.compile(
    rf"{_start(R.DECADES, ('ال',))}(?:ال)?(?P<stem>{_alt(R.DECADES)})(?:يات|ات)"
    rf"(?:\s+(?:من\s+)?(?P<cent>{_alt(R.CENTURIES)}))?{_E}"
)
_DATE_PREFIX_RX = re.compile(rf"{_B}(?:(?P<pod>{_POD})\s+)?(?:{_alt(R.DATE_PREFIX)})\s*[,،]?\s*$")
_PREV_WORD_RX = re.compile(r"(\w+)[^\w\n]*$")
_NEXT_WORD_RX = re.compile(r"[^\w\n]*(\w+)")
_HIJRI_RX = re.compile(rf"\s*(?:{_alt(R.HIJRI_AFTER)}){_E}")
_DIGIT_RX = re.compile(r"\d")
_YEAR_DIGITS_RX = re.compile(r"[12]\d{3}")
_DATE_NUM_RX = re.compile(r"\d[/.\-]\d")


def _gate(*words: Iterable[str]) -> tuple[str, ...]:
    """The fewest substrings one of which every word contains (for a quick "may match" test)."""
    flat = sorted({w for ws in words for w in ws}, key=lambda w: (" " in w, len(w)))
    out: list[str] = []
    for w in flat:
        if not any(o in w for o in out):
            out.append(w.split()[-1])
    return tuple(out)


_GATE_DAY = _gate((R.TODAY, R.YAWM), R.DAY_WORDS, R.THIS_PART_OF_DAY, WEEKDAYS)
_GATE_PERIOD = _gate(R.PERIOD_UNITS)
_GATE_DECADE = _gate(R.DECADES)
_GATE_MONTH = _gate(MONTHS)


_SeenDay = tuple[dt.date, str]  # the fetch day and its source, for weekdays without a publication date


@dataclass(frozen=True, slots=True)
class _Cand:
    """A time reference in normalized-text coordinates, before overlaps are settled."""

    start: int
    end: int
    value: str | None
    precision: Precision
    anchor: Anchor
    weekday: int | None = None
    part_of_day: str | None = None
    note: str = ""


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _prev_word(norm: str, pos: int) -> str:
    m = _PREV_WORD_RX.search(norm, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def _next_word(norm: str, pos: int) -> str:
    m = _NEXT_WORD_RX.match(norm, pos, pos + 40)
    return m.group(1) if m else ""


def _last(p: dt.date, wd: int, strict: bool) -> dt.date:
    """The latest date on or before `p` (strictly before when `strict`) with weekday `wd`."""
    delta = (p.weekday() - wd) % 7
    return p - dt.timedelta(days=delta or (7 if strict else 0))


def _next(p: dt.date, wd: int, strict: bool) -> dt.date:
    """The earliest date on or after `p` (strictly after when `strict`) with weekday `wd`."""
    delta = (wd - p.weekday()) % 7
    return p + dt.timedelta(days=delta or (7 if strict else 0))


def _month(p: dt.date, shift: int) -> str:
    total = p.year * 12 + p.month - 1 + shift
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def _week(p: dt.date, shift: int) -> str:
    monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=shift)
    return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"


def _rel(s: int, e: int, p: dt.date | None, day: dt.date | None, wd: int | None, pod: str | None,
         note: str = "") -> _Cand:  # fmt: skip
    if p is None:
        return _Cand(s, e, None, Precision.DAY, Anchor.RELATIVE, wd, pod, NO_DATE)
    return _Cand(s, e, day.isoformat() if day else None, Precision.DAY, Anchor.RELATIVE, wd, pod, note)


def _bare_weekday_ok(norm: str, m: re.Match[str], name: str) -> bool:
    """Whether a weekday name with no "يوم"/"الماضي"/part of day beside it is a day mention."""
    s, e = m.start("wd"), m.end("wd")
    before, after = _prev_word(norm, s), _next_word(norm, e)
    if name == R.FRIDAY and before in R.FRIDAY_NOT_AFTER:
        return False
    if name == R.SUNDAY and (after in R.SUNDAY_NOT_BEFORE or before in R.SUNDAY_NOT_AFTER):
        return False
    if name == R.MONDAY_ALSO_TWO:  # "the two": only between commas, or after "منذ"/"حتى"
        if before in R.MONDAY_NOT_AFTER:
            return False
        opened = re.search(r"(?:^|[,،(\n:])\s*$", norm[max(0, s - 3) : s]) is not None
        closed = re.match(r"\s*(?:$|[,،.)\n:؛])", norm[e : e + 3]) is not None
        return (opened and closed) or before in R.MONDAY_AFTER_OK or after in R.MONDAY_BEFORE_OK
    return True


def _future_context(norm: str, s: int) -> bool:
    sentence = re.split(r"[.!؟?\n]", norm[max(0, s - 60) : s])[-1]
    return any(w in R.FUTURE_CUES for w in sentence.split())


def _from_seen(s: int, e: int, seen: _SeenDay, off: int, wd: int, pod: str | None) -> _Cand:
    """A named weekday placed by the fetch time when there is no publication date: the latest
    such day on or before `seen` (shifted by `off` for "أمس الأحد", "غدا الثلاثاء")."""
    day = _last(seen[0] + dt.timedelta(days=off), wd, strict=False)
    note = f"{FROM_SEEN} ({seen[1]} {seen[0].isoformat()})"
    return _Cand(s, e, day.isoformat(), Precision.DAY, Anchor.RELATIVE, wd, pod, note)


def _named_day(s: int, e: int, p: dt.date | None, off: int, wd: int | None, pod: str | None, word: str,
               seen: _SeenDay | None = None) -> _Cand:  # fmt: skip
    """A day `off` days from publication ("أمس" -1, "غدا" +1), checked against a weekday named with it.

    For today a named weekday is the latest such day up to P (published after midnight); for
    other days the weekday is trusted over the offset and the disagreement noted. With no P a
    named weekday is placed by the fetch time `seen` when there is one.
    """
    if p is None and wd is not None and seen is not None:
        return _from_seen(s, e, seen, off, wd, pod)
    if p is None or wd is None:
        return _rel(s, e, p, p + dt.timedelta(days=off) if p else None, wd, pod)
    expected = p + dt.timedelta(days=off)
    if off == 0:
        day = _last(p, wd, strict=False)
        gap = (p - day).days
        return _rel(s, e, p, day, wd, pod, f"weekday is {gap} days before publication" if gap > 1 else "")
    if expected.weekday() == wd:
        return _rel(s, e, p, expected, wd, pod)
    if off < 0:
        day = _last(p + dt.timedelta(days=off + 1), wd, strict=True)
    else:
        day = _next(p + dt.timedelta(days=off - 1), wd, strict=True)
    note = f"weekday disagrees with {word} ({expected.isoformat()} is a {DAY_NAMES[expected.weekday()]})"
    return _rel(s, e, p, day, wd, pod, note)


def _day(norm: str, m: re.Match[str], p: dt.date | None, seen: _SeenDay | None = None) -> _Cand | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    pod = R.PARTS_OF_DAY[_key(g["pod"])] if g["pod"] else None
    if g["today"] is not None:
        wd = WEEKDAYS[g["wd_t"]] if g["wd_t"] else None
        if (wd is None and _next_word(norm, e) in R.TODAY_NOT_BEFORE) or (
            pod is None and _prev_word(norm, s) in R.TODAY_NOT_AFTER
        ):
            return None
        return _named_day(s, e, p, 0, wd, pod, g["today"], seen)
    if g["dword"] is not None:
        word, wd = _key(g["dword"]), (WEEKDAYS[g["wd_d"]] if g["wd_d"] else None)
        start = m.start("dword")
        bound_ok = g["yawm_d"] or pod or wd is not None or (word == "الامس" and norm[start - 1 : start] == "ب")
        if word in R.DAY_WORDS_BOUND and not bound_ok:
            return None
        if "امس" in word and (norm[start - 1 : start] in ("ل", "ك") or _next_word(norm, e) in R.YESTERDAY_NOT_BEFORE):
            return None  # "لامس" (touched), "في أمس الحاجة" (most in need)
        return _named_day(s, e, p, R.DAY_WORDS[word], wd, pod, word, seen)
    if g["tpod"] is not None:
        night = p - dt.timedelta(days=1) if p and g["lastnight"] else p
        return _rel(s, e, p, night, None, pod or R.THIS_PART_OF_DAY[_key(g["tpod"])])
    name = g["wd"]
    wd = WEEKDAYS[name]
    direction = g["dir"]
    if g["after"]:  # "الأحد اليوم", "الثلاثاء أمس"
        return _named_day(s, e, p, R.AFTER_WEEKDAY[g["after"]], wd, pod, g["after"], seen)
    if not (g["yawm_w"] or pod or direction) and not _bare_weekday_ok(norm, m, name):
        return None
    if p is None:
        if seen is not None and direction is None and not _future_context(norm, s):
            return _from_seen(s, e, seen, 0, wd, pod)
        return _rel(s, e, p, None, wd, pod)
    if direction in R.PAST:
        return _rel(s, e, p, _last(p, wd, strict=True), wd, pod)
    if direction in R.FUTURE:
        return _rel(s, e, p, _next(p, wd, strict=True), wd, pod)
    if _future_context(norm, s):
        return _rel(s, e, p, _next(p, wd, strict=False), wd, pod, "future from context")
    return _rel(s, e, p, _last(p, wd, strict=False), wd, pod)


def _period(norm: str, m: re.Match[str], p: dt.date | None) -> _Cand | None:
    unit_word = m.group("unit_t") or m.group("unit")
    unit = R.PERIOD_UNITS[unit_word]
    if m.group("unit") and unit == "year" and _prev_word(norm, m.start()) in R.GENERAL_BEFORE:
        return None  # "الأمين العام الحالي": "general", not "year"
    which = m.group("which")
    shift = -1 if which in R.PAST else 1 if which in R.FUTURE else 0
    precision = {"week": Precision.RANGE, "month": Precision.MONTH, "year": Precision.YEAR}[unit]
    if p is None:
        return _Cand(m.start(), m.end(), None, precision, Anchor.RELATIVE, note=NO_DATE)
    value = _week(p, shift) if unit == "week" else _month(p, shift) if unit == "month" else str(p.year + shift)
    return _Cand(m.start(), m.end(), value, precision, Anchor.RELATIVE)


def _ago(norm: str, m: re.Match[str], p: dt.date | None) -> _Cand | None:
    g = m.groupdict()
    if g["one"] and (_next_word(norm, m.end()) in WEEKDAYS or "امس" in _next_word(norm, m.end())):
        return None  # "منذ يوم الأحد"
    if g["n"]:
        n = int(g["n"]) if g["n"].isdigit() else R.NUMBER_WORDS[g["n"]]
        unit = R.UNITS[g["unit"]]
    else:
        n, unit = (2, R.DUAL_UNITS[g["dual"]]) if g["dual"] else (1, R.UNITS[g["one"]])
    if not 0 < n <= 500:
        return None
    precision = {"day": Precision.DAY, "week": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}
    if p is None:
        return _Cand(m.start(), m.end(), None, precision[unit], Anchor.RELATIVE, note=NO_DATE)
    if unit in ("day", "week"):
        value = (p - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    else:
        value = _month(p, -n) if unit == "month" else str(p.year - n)
    return _Cand(m.start(), m.end(), value, precision[unit], Anchor.RELATIVE)


def _is_count(norm: str, pos: int, year: int) -> bool:
    """Whether the number ending at `pos` reads as a count rather than a year."""
    after = _next_word(norm, pos)
    rest = norm[pos : pos + 3].lstrip()
    if rest[:1] in ("%", "٪") or after in R.COUNTED_AFTER:
        return True
    return year % 100 == 0 and re.match(r"\s*\w", norm[pos : pos + 3]) is not None


def _year(norm: str, m: re.Match[str]) -> list[_Cand]:
    y = int(m.group("y"))
    weak_only = m.group("strong") is None
    if (m.group("weak") is None and weak_only) or not MIN_YEAR <= y <= MAX_YEAR:
        return []
    if _HIJRI_RX.match(norm, m.end("y")) or (weak_only and _is_count(norm, m.end("y"), y)):
        return []
    start = m.start("strong") if not weak_only else m.start("y")
    out = [_Cand(start, m.end(), str(y), Precision.YEAR, Anchor.ABSOLUTE)]
    pos = m.end()
    while (more := _AND_YEAR_RX.match(norm, pos)) is not None:  # "عامي 2014 و2015"
        y2 = int(more.group("y"))
        if not MIN_YEAR <= y2 <= MAX_YEAR or _is_count(norm, more.end(), y2):
            break
        out.append(_Cand(more.start("y"), more.end(), str(y2), Precision.YEAR, Anchor.ABSOLUTE))
        pos = more.end()
    return out


def _range(norm: str, m: re.Match[str]) -> _Cand | None:
    g = m.groupdict()
    a_txt = g["a1"] or g["a2"] or g["a3"]
    b_txt = g["b1"] or g["b2"] or g["b3"]
    a = int(a_txt)
    if len(b_txt) == 2 and not re.fullmatch(r"[-–—/]", norm[m.end("a3") : m.start("b3")]):
        return None  # "1992-94" is written tight; "1402 - 10" is a year and then an hour
    b = int(b_txt) if len(b_txt) == 4 else a // 100 * 100 + int(b_txt)
    if not MIN_YEAR <= a < b <= MAX_YEAR or b - a > 300:
        return None
    if not (g["noun"] or g["noun2"] or g["noun3"]):  # no year word: make sure these are not counts
        if (a % 100 == 0 and b % 100 == 0) or _is_count(norm, m.end(), b):
            return None
        if g["a3"] and b - a > 100:
            return None
    return _Cand(m.start(), m.end(), f"{a}/{b}", Precision.RANGE, Anchor.ABSOLUTE)


def _decade(m: re.Match[str], p: dt.date | None) -> _Cand:
    digit = R.DECADES[m.group("stem")]
    century = R.CENTURIES[_key(m.group("cent"))] if m.group("cent") else None
    base: int | None
    if isinstance(century, int):
        base = century
    elif p is None:
        base = None
    elif century is None:  # the latest such decade that has begun by publication
        base = p.year // 100 * 100 - (100 if p.year // 100 * 100 + digit * 10 > p.year else 0)
    else:
        base = p.year // 100 * 100 - (100 if century == "previous" else 0)
    if base is None:
        return _Cand(m.start(), m.end(), None, Precision.DECADE, Anchor.ABSOLUTE, note=NO_DATE)
    start = base + digit * 10
    return _Cand(m.start(), m.end(), f"{start}/{start + 9}", Precision.DECADE, Anchor.ABSOLUTE)


def _date(norm: str, d: DateMatch, p: dt.date | None) -> _Cand:
    pre = _DATE_PREFIX_RX.search(norm, max(0, d.start - 40), d.start)
    start = pre.start() if pre else d.start
    pod = R.PARTS_OF_DAY[_key(pre.group("pod"))] if pre and pre.group("pod") else None
    notes: list[str] = []
    day: dt.date | None = d.date
    if d.year is not None and d.day is None:
        return _Cand(start, d.end, f"{d.year:04d}-{d.month:02d}", Precision.MONTH, Anchor.ABSOLUTE, d.weekday)
    if d.year is None:
        if p is None:
            return _Cand(start, d.end, None, Precision.DAY, Anchor.ABSOLUTE, d.weekday, pod, NO_DATE)
        day = _nearest(p, d.month, d.day or 1)
        notes.append(YEAR_FROM_P)
    if day is None:
        return _Cand(start, d.end, None, Precision.DAY, Anchor.ABSOLUTE, d.weekday, pod, "no such date")
    if d.weekday is not None and day.weekday() != d.weekday:
        notes.append(f"weekday named is {DAY_NAMES[d.weekday]}, {day.isoformat()} is a {DAY_NAMES[day.weekday()]}")
    return _Cand(start, d.end, day.isoformat(), Precision.DAY, Anchor.ABSOLUTE, d.weekday, pod, "; ".join(notes))


def _nearest(p: dt.date, month: int, day: int) -> dt.date | None:
    """The date with this month and day nearest to `p` (its year, the one before or after)."""
    best: dt.date | None = None
    for year in (p.year - 1, p.year, p.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - p).days) < abs((best - p).days):
            best = cand
    return best


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

"""Month and weekday names and a span finder for absolute dates in normalized text.

dateparser parses a date string well when told the locale, but its `search_dates` is
unusable for Arabic and each call costs ~1.6 ms, so rasd finds date spans itself with one
regular expression over `normalize()`d text and parses the common shapes directly:

- "28 سبتمبر 2020", "27 أيلول/ سبتمبر", "19 سبتمبر/أيلول 2023", "10 ديسمبر/كانون الأول 1991"
- "الاثنين 28 سبتمبر 2020 الساعة 05:53", "28 سبتمبر 2020ء" (Urdu year sign)
- "شباط/فبراير 1988", "فبراير عام 1988" (month precision)
- "28/09/2020", "2020-09-28", "September 28, 2020", "28 Sep 2020"
- "2 تیر 1399" (Solar Hijri, on Persian pages), converted to the Gregorian day by persiantools

Both Arabic month systems (Egyptian/Gulf سبتمبر and Levantine أيلول), the Maghreb forms
(جانفي، شتنبر...) and English names are recognised. `parse_date_string` (dateparser with
the `ar-LB` locale, cached) is the fallback for strings given by input metadata.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from persiantools.jdatetime import JalaliDate

from rasd.arabic.normalize import normalize

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "جانفي", "January", "Jan"),
    2: ("فبراير", "شباط", "فيفري", "February", "Feb"),
    3: ("مارس", "آذار", "March", "Mar"),
    4: ("أبريل", "إبريل", "نيسان", "أفريل", "April", "Apr"),
    5: ("مايو", "أيار", "ماي", "May"),
    6: ("يونيو", "يونيه", "حزيران", "جوان", "June", "Jun"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "July", "Jul"),
    8: ("أغسطس", "آب", "أوت", "غشت", "August", "Aug"),
    9: ("سبتمبر", "أيلول", "شتنبر", "September", "Sept", "Sep"),
    10: ("أكتوبر", "تشرين الأول", "October", "Oct"),
    11: ("نوفمبر", "تشرين الثاني", "نونبر", "November", "Nov"),
    12: ("ديسمبر", "كانون الأول", "دجنبر", "December", "Dec"),
}

_WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    0: ("الاثنين", "الإثنين", "اثنين", "Monday"),
    1: ("الثلاثاء", "Tuesday"),
    2: ("الأربعاء", "Wednesday"),
    3: ("الخميس", "Thursday"),
    4: ("الجمعة", "Friday"),
    5: ("السبت", "Saturday"),
    6: ("الأحد", "Sunday"),
}

# Solar Hijri months, as Persian pages write their dates ("2 تیر 1399"): taken only with a day and a
# 13xx/14xx year, since several are also common words (مهر, دی, تیر).
_SOLAR_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("فروردین",), 2: ("اردیبهشت",), 3: ("خرداد",), 4: ("تیر",), 5: ("مرداد", "امرداد"), 6: ("شهریور",),
    7: ("مهر",), 8: ("آبان",), 9: ("آذر",), 10: ("دی",), 11: ("بهمن",), 12: ("اسفند",),
}  # fmt: skip

MONTHS: dict[str, int] = {normalize(n): m for m, names in _MONTH_NAMES.items() for n in names}
SOLAR_MONTHS: dict[str, int] = {normalize(n): m for m, names in _SOLAR_MONTH_NAMES.items() for n in names}
WEEKDAYS: dict[str, int] = {normalize(n): d for d, names in _WEEKDAY_NAMES.items() for n in names}


def _alt(names: dict[str, int]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


# Word boundaries for Arabic: \b works on normalized text (no harakat, no tatweel inside words).
_WD = rf"(?P<wd>{_alt(WEEKDAYS)})"
_M1 = rf"(?P<m1>{_alt(MONTHS)})"
_M2 = rf"(?P<m2>{_alt(MONTHS)})"
_MONTH = rf"{_M1}(?:\s*[/\-(]\s*{_M2}(?:\s*\))?)?"
_DAY = r"(?P<d>[0-3]?\d)(?!\d)"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?!\d)(?:\s*(?:ء|م\b|AD\b))?"
_TIME = (
    r"(?:\s*[,،-]?\s*(?:الساعه\s*|at\s+)?(?P<hh>[0-2]?\d)[:.](?P<mm>[0-5]\d)(?!\d)"
    r"(?:\s*(?P<ampm>ص|م|صباحا|مساء|am|pm)\b)?)?"
)
_SEP = r"\s*[,،]?\s*"

# A day may be glued to the Arabic word before it ("كتب أحمد سالم10 مارس 2023": a byline run
# into the date); a weekday or a month opening the match must start a word.
_WORDY = re.compile(
    rf"(?:(?<!\w){_WD}{_SEP}(?:يوم\s+)?)?"
    rf"(?:(?<![0-9A-Za-z_]){_DAY}\s*(?:من\s+)?|(?<!\w))(?:شهر\s+)?{_MONTH}"
    rf"(?:{_SEP}(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?{_YEAR})?{_TIME}",
    re.IGNORECASE,
)
_ENGLISH = re.compile(
    rf"(?<!\w)(?:{_WD},?\s+)?{_M1}\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}{_TIME}",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?:(?P<y1>(?:19|20)\d\d)(?P<sep>[-/.])(?P<mo1>[01]?\d)(?P=sep)(?P<d1>[0-3]?\d)"
    r"|(?P<d2>[0-3]?\d)[/.\-](?P<mo2>[01]?\d)[/.\-](?P<y2>(?:19|20)\d\d))(?![\d/.\-])"
    + _TIME.replace("hh", "hh2").replace("mm", "mm2").replace("ampm", "ampm2")
)
_SOLAR = re.compile(
    rf"(?<![0-9A-Za-z_]){_DAY}\s*(?P<sm>{_alt(SOLAR_MONTHS)})\s*(?P<y>1[34]\d\d)(?!\d){_TIME}", re.IGNORECASE
)
# Cheap necessary conditions, checked before the costly patterns run (same results, faster).
_HAS_DIGIT = re.compile(r"\d")
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
_ENGLISH_HINT = re.compile(r"\d(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d(?!\d)", re.IGNORECASE)
_ANY = re.compile("")
_SOLAR_HINT = re.compile(r"1[34]\d\d(?!\d)")  # a Solar Hijri year


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in normalized text; positions index that text."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    weekday: int | None = None  # named in the text
    hour: int | None = None
    minute: int | None = None

    @property
    def date(self) -> dt.date | None:
        """The calendar day, when day, month and year are all known."""
        if self.year is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def weekday_ok(self) -> bool | None:
        """Whether the named weekday agrees with the date (None when either is missing)."""
        d = self.date
        if d is None or self.weekday is None:
            return None
        return d.weekday() == self.weekday


def _hour(hh: str | None, ampm: str | None) -> int | None:
    if hh is None:
        return None
    h = int(hh)
    if ampm and ampm.lower() in ("م", "مساء", "pm") and h < 12:
        h += 12
    return h if h < 24 else None


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    try:
        dt.date(y if y is not None else 2000, m, d)  # 2000 is a leap year: 29 Feb stays valid
    except ValueError:
        return False
    return True


def _from_solar(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a Solar Hijri date (persiantools), None when there is no such day."""
    try:
        return JalaliDate(year, month, day).to_gregorian()  # type: ignore[no-untyped-call]
    except ValueError:
        return None


def find_dates(norm: str) -> list[DateMatch]:
    """All absolute date expressions in `norm` (output of `normalize`), in text order.

    A month name alone ("مايو" may be a name) is only taken with a day or a year beside it.

    >>> [(m.year, m.month, m.day) for m in find_dates(normalize("الاثنين 28 سبتمبر 2020"))]
    [(2020, 9, 28)]
    """
    found: list[DateMatch] = []
    taken = bytearray(len(norm))  # 1 where a date was already found: linear, however many dates

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0

    if not _HAS_DIGIT.search(norm):  # every shape needs a day or a year
        return found
    hinted = ((_NUMERIC, _NUMERIC_HINT), (_ENGLISH, _ENGLISH_HINT), (_WORDY, _ANY), (_SOLAR, _SOLAR_HINT))
    for rx in (rx for rx, hint in hinted if hint.search(norm)):
        for m in rx.finditer(norm):
            g = m.groupdict()
            y: int | None
            d: int | None
            wd: int | None
            if rx is _SOLAR:
                if (day := _from_solar(int(g["y"]), SOLAR_MONTHS[_key(g["sm"])], int(g["d"]))) is None:
                    continue
                y, mo, d, wd = day.year, day.month, day.day, None
                hh, mm, ap = g["hh"], g["mm"], g["ampm"]
            elif rx is _NUMERIC:
                y = int(g["y1"] or g["y2"])
                mo = int(g["mo1"] or g["mo2"])
                d = int(g["d1"] or g["d2"])
                hh, mm, ap = g["hh2"], g["mm2"], g["ampm2"]
                wd = None
            else:
                y = int(g["y"]) if g.get("y") else None
                d = int(g["d"]) if g.get("d") else None
                mo = MONTHS[_key(g["m1"])]
                hh, mm, ap = g.get("hh"), g.get("mm"), g.get("ampm")
                wd = WEEKDAYS[_key(g["wd"])] if g.get("wd") else None
            if y is None and d is None:
                continue
            if not _valid(y, mo, d) or not free(m.start(), m.end()):
                continue
            end = m.end()
            hour = _hour(hh, ap) if y is not None or d is not None else None
            if hh is not None and hour is None:
                continue
            found.append(DateMatch(m.start(), end, y, mo, d, wd, hour, int(mm) if mm and hour is not None else None))
            taken[m.start() : end] = b"\x01" * (end - m.start())
    found.sort(key=lambda x: x.start)
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower() if text.isascii() else re.sub(r"\s+", " ", text)


def weekday_at(norm: str, pos: int) -> int | None:
    """The weekday named by the word starting at `pos` of normalized text, if any."""
    m = re.match(_WD, norm[pos:], re.IGNORECASE)
    return WEEKDAYS[_key(m.group("wd"))] if m else None


WEEKDAY_PATTERN = _WD
MONTH_PATTERN = _MONTH


@functools.lru_cache(maxsize=65536)
def parse_date_string(text: str) -> dt.datetime | None:
    """Parse a date string given by input metadata (ISO, RFC 2822, Arabic, English).

    Tries ISO 8601 and the shapes `find_dates` knows first; dateparser (locales ar-LB and
    en, cached per string) is the fallback. None when nothing parses.
    """
    s = text.strip()
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        pass
    hits = find_dates(normalize(s))
    if hits and hits[0].date is not None:
        h = hits[0]
        d = h.date
        assert d is not None
        return dt.datetime(d.year, d.month, d.day, h.hour or 0, h.minute or 0)
    import dateparser  # slow import; only needed on the fallback path

    result: dt.datetime | None = dateparser.parse(
        s, locales=["ar-LB", "en"], settings={"REQUIRE_PARTS": ["year", "month", "day"]}
    )
    return result

"""Absolute time references: dates, cue years, ranges and decades."""

from __future__ import annotations

import datetime as dt
import re

from rasd.arabic import relative as R
from rasd.arabic.dates import DateMatch
from rasd.model import Anchor, Precision
from rasd.text.timeref.patterns import (
    _AND_YEAR_RX,
    _DATE_PREFIX_RX,
    _HIJRI_RX,
    DAY_NAMES,
    MAX_YEAR,
    MIN_YEAR,
    NO_DATE,
    YEAR_FROM_P,
    _Cand,
    _key,
    _next_word,
)


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

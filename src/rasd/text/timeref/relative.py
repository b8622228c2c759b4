"""Relative time references (days, weekdays, periods, "ago") resolved on the publication date."""

from __future__ import annotations

import datetime as dt
import re

from rasd.arabic import relative as R
from rasd.arabic.dates import WEEKDAYS
from rasd.model import Anchor, Precision
from rasd.text.timeref.patterns import DAY_NAMES, FROM_SEEN, NO_DATE, _Cand, _key, _next_word, _prev_word, _SeenDay


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

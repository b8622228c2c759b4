"""Calendar distances the event index compares days with: day/month gaps around the year (for
yearless datelines) and weekday closeness (for articles that name only a weekday)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

MonthDay = tuple[int, int]


def _doy(md: MonthDay) -> int:
    """Day of a leap year (so that 29 February has one): compares days modulo the year."""
    return dt.date(2000, *md).timetuple().tm_yday


def md_gap(a: Iterable[MonthDay], b: Iterable[MonthDay]) -> int | None:
    """Fewest days between a day/month of `a` and one of `b`, around the year (None if either is empty)."""
    da, db = {_doy(x) for x in a}, {_doy(x) for x in b}
    if not da or not db:
        return None
    return min(min(abs(x - y), 366 - abs(x - y)) for x in da for y in db)


def month_day(d: dt.date) -> MonthDay:
    return d.month, d.day


def near_weekday(weekday: int, days: Iterable[dt.date]) -> bool:
    """Is `weekday` the weekday of one of `days`, or of the day before or after one?"""
    return any((d.weekday() - weekday) % 7 in (0, 1, 6) for d in days)

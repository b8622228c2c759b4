"""`Article.seen`: when the input's metadata says the article existed, kept apart from `published`.

Readers collect times with their source (`SeenSource`): a WARC record's WARC-Date, a JSONL
line's `published` (a feed's time) and `fetched` (a crawl time), a page's markup time and a
date in its url. The earliest of them is `seen` (the article was written by then; a crawl
may come days later). On the same day a time with hours and minutes beats a bare day. Times
are local as written (an offset is dropped, not converted). A time that does not parse, or
lies outside 1990-2100, is ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rasd.arabic.dates import parse_date_string
from rasd.model import Precision, Seen, SeenSource

MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_CHARS = 100  # a time is short; anything longer is not parsed (dateparser is slow on long text)
_ORDER = {s: i for i, s in enumerate(SeenSource)}
_TIMED = re.compile(r"[0-9]:[0-9]")


def parse_seen(source: SeenSource, value: str) -> Seen | None:
    """One metadata time as a `Seen`, or None when it does not parse (or is too long to be one)."""
    if len(value) > MAX_CHARS:
        return None
    try:
        parsed = parse_date_string(value)
    except Exception:  # dateparser may raise on odd strings; metadata must never end a run
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    parsed = parsed.replace(tzinfo=None, second=0, microsecond=0)
    if _TIMED.search(value):
        return Seen(parsed, Precision.MINUTE, source)
    return Seen(dt.datetime(parsed.year, parsed.month, parsed.day), Precision.DAY, source)


def choose_seen(times: Sequence[tuple[SeenSource, str]]) -> Seen | None:
    """The earliest parsable time (same day: a timed one first, then by source order), or None.

    >>> choose_seen([(SeenSource.CRAWL, "2015-07-21 02:51:32")]).iso()
    '2015-07-21T02:51'
    """
    found = [s for source, value in times if (s := parse_seen(source, value)) is not None]
    if not found:
        return None
    return min(found, key=lambda s: (s.value.date(), s.precision is not Precision.MINUTE, _ORDER[s.source]))

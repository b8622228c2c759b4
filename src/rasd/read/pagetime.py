"""When a page says it was published: its markup's own times, and a date in its url.

Only markup made for machines is read (JSON-LD `datePublished`, publication `<meta>` tags,
`<time itemprop=datePublished>`), never the visible header: a site's masthead shows the day
it was served, not the article's date. The first time found in that order is taken; when
another tag gives the same instant with the newsroom's own UTC offset, that local form wins
(`2020-12-24T23:59+00:00` and `2020-12-25T01:59+02:00` are one instant, published on the
25th where it was written). Tag values in Arabic ("الأربعاء، 07 أكتوبر 2020 - 12:09 م") are
parsed too. No fallback reads the page's text or links: htmldate's did, and took a
"today's edition" link for the article's date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from rasd.arabic.dates import parse_date_string

log = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 1990, 2100

# Lower-cased property/name/itemprop values of <meta> tags holding a publication time.
_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "article.published", "published_time", "dc:date", "dc:created", "dcterms:created", "dcterms:issued",
)  # fmt: skip
_META_RANK = {k: i for i, k in enumerate(_META_KEYS)}
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{6,60})"')
_URL_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]([01]?[0-9])[/_-]([0-3]?[0-9])(?![0-9])")
_TIMED = re.compile(r"[0-9]:[0-9]")


def markup_time(tree: Any, page: str) -> str | None:
    """The page's publication time from its markup: "2020-12-25T01:59" or "2020-06-03", or None."""
    found: list[dt.datetime] = []
    timed: list[bool] = []
    for value in _candidates(tree, page):
        parsed = _parse(value)
        if parsed is not None:
            found.append(parsed)
            timed.append(bool(_TIMED.search(value)))
    if not found:
        return None
    best, best_timed = found[0], timed[0]
    if best.tzinfo is not None:
        for other in found[1:]:
            if other.tzinfo is not None and other.utcoffset() and abs((other - best).total_seconds()) < 60:
                best = other  # the same instant written in the newsroom's local time
                break
    return best.strftime("%Y-%m-%dT%H:%M") if best_timed else best.date().isoformat()


def url_date(url: str | None) -> str | None:
    """A full date in the url's path ("/2020/8/24/", "/2020-06-03-1.38"), as YYYY-MM-DD, or None."""
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0]
    for m in _URL_DATE.finditer(path):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        if MIN_YEAR <= day.year <= MAX_YEAR:
            return day.isoformat()
    return None


def _candidates(tree: Any, page: str) -> list[str]:
    out = [m.group(1) for m in _LD_PUBLISHED.finditer(page[:2_000_000])][:3]
    metas: list[tuple[int, str]] = []
    for el in tree.xpath("//*[@content][@property or @name or @itemprop]"):
        content = (el.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key in _META_RANK:
                metas.append((_META_RANK[key], content))
                break
    out.extend(c for _, c in sorted(metas, key=lambda x: x[0]))
    for el in tree.iter("time"):
        published = (el.get("itemprop") or "").lower() == "datepublished" or el.get("pubdate") is not None
        if published and (value := (el.get("datetime") or "").strip()):
            out.append(value)
    return out


def _parse(value: str) -> dt.datetime | None:
    """An ISO time (offset kept), else an Arabic or English date string; None outside 1990-2100."""
    s = value.strip()
    try:
        parsed: dt.datetime | None = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        parsed = _loose(s)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed


def _loose(value: str) -> dt.datetime | None:
    if len(value) > 80:
        return None
    try:
        return parse_date_string(value)
    except Exception as err:  # dateparser may raise on odd strings; a page's tag must never end a run
        log.debug("date tag not understood: %r (%s)", value, err)
        return None

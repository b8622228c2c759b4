"""A page's headline from its markup: og:title or <title>, minus the site's name and sections.

Title tags carry the site's name and often its sections ("الخبر - أخبار وتقارير - البيان",
"المدينة نيوز - الخبر"). The tag is cut at its separators (" - ", " | ", " – ", " — ",
" :: ", " » ") and:

- when an <h1> (not a logo or copyright line) is exactly a run of those parts, that run is the
  headline;
- otherwise parts at either end that name the site (its og:site_name, its host, or a part
  found at the other end of the other tag, the shorter end when both are) are dropped.

A tag with one part is taken as it is. None when the page has no title markup.
"""

from __future__ import annotations

import re
from typing import Any

from rasd.arabic.normalize import normalize

_SEPARATORS = re.compile(r"\s+(?:[-|–—»«]|::)\s+")
_COPYRIGHT = re.compile(r"©|حقوق|copyright", re.IGNORECASE)
_LATIN = re.compile(r"[a-z0-9]+")
MIN_H1_WORDS = 3


def page_title(tree: Any, sitename: str | None, host: str | None) -> str | None:
    """The headline from og:title / <title> and the page's <h1>s (see the module docstring)."""
    og = _text(tree.xpath("//meta[@property='og:title']/@content"))
    tag = _text(tree.xpath("//head/title//text()")) or _text(tree.xpath("//title//text()"))
    base = og or tag
    if not base:
        return None
    parts = _SEPARATORS.split(base)
    if len(parts) == 1:
        return base
    h1s = [_key(" ".join(h.text_content().split())) for h in tree.iter("h1")]
    h1s = [h for h in h1s if len(h.split()) >= MIN_H1_WORDS and not _COPYRIGHT.search(h)]
    for i in range(len(parts)):
        for j in range(len(parts), i, -1):
            if _key(" ".join(parts[i:j])) in h1s:
                return " - ".join(parts[i:j])
    other = _SEPARATORS.split((tag if base is og else og) or "")
    site = _key(sitename or "")
    host_words = set(_LATIN.findall((host or "").lower())) - {"www", "com", "net", "org", "news"}

    def is_site(part: str, other_end: str | None) -> bool:
        k = _key(part)
        if not k:
            return True
        if (other_end is not None and k == _key(other_end)) or (site and (k in site or site in k)):
            return True
        latin = "".join(_LATIN.findall(part.lower()))
        return bool(latin) and any(w in latin or latin in w for w in host_words if len(w) >= 3)

    first, last = (other[-1], other[0]) if len(other) > 1 else (None, None)  # a site name swaps ends
    if first is not None and len(parts[0].split()) > len(parts[-1].split()):
        first = None  # both ends swapped: the shorter one is the site's name
    elif last is not None and len(parts[-1].split()) > len(parts[0].split()):
        last = None
    while len(parts) > 1 and is_site(parts[-1], last):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0], first):
        parts.pop(0)
    return " - ".join(parts)


def _text(values: list[Any]) -> str | None:
    for v in values:
        s = " ".join(str(v).split())
        if s:
            return s
    return None


def _key(text: str) -> str:
    """Normalized words without punctuation, for comparing two renderings of a title."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", normalize(text)).split())

"""A page's headline from its markup: og:title or <title>, minus the site's name and sections.

Title tags carry the site's name and often its sections ("الخبر - أخبار وتقارير - البيان",
"المدينة نيوز - الخبر"). The tag is cut at its separators (" - ", " | ", " – ", " — ",
" :: ", " » ") and:

- when an <h1> (not a logo or copyright line) is exactly a run of those parts, that run is the
  headline;
- otherwise parts at either end that name the site (its og:site_name, its host, a short <h1>
  logo, or a part found at the other end of the other tag, the shorter end when both are) or a
  section ("سياسة") are dropped.

A tag with one part is taken as it is. None when the page has no title markup, or when all
that is left is the site's name or a section name ("الرئيسية", "سياسة"): a page without a
headline has no title.
"""

from __future__ import annotations

import re
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.read.sections import is_section_name

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
    site = _key(sitename or "")
    host_words = set(_LATIN.findall((host or "").lower())) - {"www", "com", "net", "org", "news"}
    if len(parts) == 1:
        return None if _names_site(base, site, host_words) or is_section_name(normalize(base)) else base
    all_h1 = [_key(" ".join(h.text_content().split())) for h in tree.iter("h1")]
    h1s = [h for h in all_h1 if len(h.split()) >= MIN_H1_WORDS and not _COPYRIGHT.search(h)]
    logos = {h for h in all_h1 if 0 < len(h.split()) < MIN_H1_WORDS}  # a site's name in an <h1> logo
    for i in range(len(parts)):
        for j in range(len(parts), i, -1):
            if _key(" ".join(parts[i:j])) in h1s:
                return " - ".join(parts[i:j])
    other = _SEPARATORS.split((tag if base is og else og) or "")

    def is_site(part: str, other_end: str | None) -> bool:
        k = _key(part)
        swapped = other_end is not None and k == _key(other_end)
        return not k or swapped or k in logos or _names_site(part, site, host_words) or is_section_name(normalize(part))

    first, last = (other[-1], other[0]) if len(other) > 1 else (None, None)  # a site name swaps ends
    if first is not None and len(parts[0].split()) > len(parts[-1].split()):
        first = None  # both ends swapped: the shorter one is the site's name
    elif last is not None and len(parts[-1].split()) > len(parts[0].split()):
        last = None
    while len(parts) > 1 and is_site(parts[-1], last):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0], first):
        parts.pop(0)
    if len(parts) == 1 and (is_site(parts[0], None) or is_section_name(normalize(parts[0]))):
        return None
    return " - ".join(parts)


def _names_site(part: str, site: str, host_words: set[str]) -> bool:
    """`part` is the site's name (og:site_name, normalized in `site`) or its host's word."""
    k = _key(part)
    if site and k and (k in site or site in k):
        return True
    latin = "".join(_LATIN.findall(part.lower()))
    return bool(latin) and any(w in latin or latin in w for w in host_words if len(w) >= 3)


def _text(values: list[Any]) -> str | None:
    for v in values:
        s = " ".join(str(v).split())
        if s:
            return s
    return None


def _key(text: str) -> str:
    """Normalized words without punctuation, for comparing two renderings of a title."""
    return " ".join(re.sub(r"[^\w\s]|_", " ", normalize(text)).split())

"""The title of an article: the input's own title when it gives one; otherwise the first kept paragraph when it
reads as a headline (at most `MAX_TITLE_WORDS` words, not a date or a dateline, and set apart
from the body: a blank line after it, a date line after it, or much shorter than the next
paragraph). A long first line running into the body is body text, and the title is None.
"""

from __future__ import annotations

import re

from rasd.arabic.normalize import strip_marks_fast as _strip
from rasd.model import Article, Span

MAX_TITLE_WORDS = 25
TITLE_RATIO = 0.5  # a headline without a blank line after it is at most half the next paragraph

# "القاهرة (رويترز) -": one to four words before the parenthesis, each word one run of letters (a
# separator between words is required, so a long run of letters cannot be split four ways: linear time)
_AGENCY_OPENING = re.compile(r"\W*[^\W\d_]+(?:[\s،,]+[^\W\d_]+){0,3}[\s،,]*\([^()]{1,40}\)\s*[-–—:]")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def find_title(
    article: Article, date_only: frozenset[int], datelines: frozenset[int]
) -> tuple[str | None, Span | None, str]:
    """Title, its span in raw, and a note saying where it came from or why there is none."""
    raw = article.raw
    given = (article.given_title or "").strip()
    if given:
        pos = raw.find(given)
        return _strip(given).strip(), Span(pos, pos + len(given)) if pos >= 0 else None, "given by input"
    paras = article.paragraphs
    i = 0
    while i < min(len(paras), 2) and i in date_only:
        i += 1
    if i >= len(paras):
        return None, None, "no paragraph to take a title from"
    span = _trim(raw, paras[i])
    text = span.of(raw)
    words = len(text.split())
    if i in datelines or _AGENCY_OPENING.match(text):
        return None, None, "first line opens with a dateline"
    if words > MAX_TITLE_WORDS or text.endswith((":", "،", ",")):
        return None, None, "first line is body text"
    nxt = next((j for j in range(i + 1, len(paras)) if j not in date_only), None)
    if nxt is None:
        return None, None, "no body after the first line"
    apart = bool(_BLANK_LINE.search(raw, span.end, paras[i + 1].start + 1)) or (i + 1) in date_only
    if not apart and words > TITLE_RATIO * len(paras[nxt].of(raw).split()):
        return None, None, "first line is body text"
    return _strip(text).strip(), span, "first paragraph"


def _trim(raw: str, span: Span) -> Span:
    text = span.of(raw)
    start = span.start + len(text) - len(text.lstrip())
    return Span(start, max(start, start + len(text.strip())))

"""An event's title: the most central headline-like line of its articles, across outlets.

Candidates are each article's headline with a breaking-news or clickbait prefix removed ("عاجل :",
"شاهد..", "بالفيديو |"), and, for an article without a usable headline, its lead sentence without
the dates it names, cut to a headline's length (its span is then the whole lead sentence). A menu
or masthead line is never a candidate (several "|", "/", "»" or "•" separators, or fewer than 3
words). The score is the cosine of the candidate's lemmas with the event's, plus a bonus for
headlines other articles share, minus a penalty for one that reads like a body sentence (over 14
words, a final full stop); a headline beats a lead at equal score. An event with any text gets a
title.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from rasd.arabic.normalize import normalize_with_offsets
from rasd.events.features import words
from rasd.tell.docs import Doc, cos, sentences
from rasd.tell.types import EventTitle

_PREFIX = re.compile(
    r"^[\s\W]*(?:(?:خبر عاجل|عاجل جدا|عاجل|شاهد(?:وا)?|بالفيديو|بالصور)(?:\s*[)\]])?\s*(?:[:：|\-–—،.]+\s*|\s+(?=\S))"
    r"|(?:فيديو|صور|حصري|مباشر|الان|تحديث|بث مباشر|breaking)(?:\s*[)\]])?\s*[:：|\-–—،.]+\s*)",
    re.IGNORECASE)
_MENU_SEPS = re.compile(r"\s[|/»•·]\s|\s[|»•]|[|»•]\s")
_TAIL = re.compile(r"\s+[|\-–—]\s+([^|\-–—]{2,40})$")  # " - الموقع": a site's name after the headline
HEAD_MIN, HEAD_LONG, HEAD_MAX = 3, 14, 22  # words
LEAD_WORDS, LEAD_MAX = 16, 22  # a lead used as a title ends at a comma by word 22, else after 16 words
TITLE_DOCS = 40  # the title comes from an event's first articles (stated date, then id): a big event's title
# then stays put as it grows, and a run can store it without reading all its articles (`stored.py`)


def strip_prefix(title: str) -> tuple[int, int]:
    """[start, end) of `title` without breaking/clickbait prefixes and outer spaces (tatweel-proof)."""
    view = normalize_with_offsets(title)
    start = 0
    while True:
        m = _PREFIX.match(view.norm, start)
        if m is None or m.end() >= len(view.norm):
            break
        start = m.end()
    s = view.to_raw(start, start + 1)[0] if start < len(view.norm) else len(title)
    e = len(title.rstrip(" \t\n.:،-–—|"))
    while s < e and title[s].isspace():
        s += 1
    return s, max(s, e)


def is_menu(line: str) -> bool:
    """A site menu, breadcrumb or masthead, not a headline."""
    n = len(line.split())
    short = sum(len(w) <= 2 for w in line.split())
    return n < HEAD_MIN or len(_MENU_SEPS.findall(line)) >= 2 or (n > 6 and short > n / 2)


def _unlike_headline(text: str) -> float:
    """A penalty for a "headline" that reads like a body sentence: long, or closed by a full stop."""
    n = len(text.split())
    return 0.03 * max(0, n - HEAD_LONG) + (0.15 if text.rstrip().endswith(".") else 0.0)


def _cut_lead(text: str) -> int:
    """Where to end a lead sentence used as a title: the first comma from word 8 to 22, else after 16 words."""
    ends = [(count, m) for count, m in enumerate(re.finditer(r"\S+", text), start=1)]
    for count, m in ends:
        if 8 <= count <= LEAD_MAX and m.group().endswith(("،", ",", ":", "؛")):
            return m.end() - 1
    if len(ends) > LEAD_MAX:
        return ends[LEAD_WORDS - 1][1].end()
    return len(text.rstrip(".!؟?"))


def _undated(d: Doc, start: int, end: int) -> str:
    """The raw text of [start, end) without the dates it names ("، الثلاثاء 19 سبتمبر 2023،")."""
    raw = d.article.raw
    parts, pos = [], start
    for r in sorted(d.article.time_refs, key=lambda r: r.span.start):
        if start <= r.span.start and r.span.end <= end and r.span.start >= pos:
            parts.append(raw[pos : r.span.start])
            pos = r.span.end
    parts.append(raw[pos:end])
    text = re.sub(r"\s*،\s*،", "،", "".join(parts))
    return re.sub(r"\s+([،,.])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()


def _outlet_tail(text: str, outlets: set[str]) -> str:
    m = _TAIL.search(text)
    if m and any(o and (o in m.group(1) or m.group(1).strip() in o) for o in outlets):
        return text[: m.start()]
    return text


@functools.lru_cache(maxsize=8192)
def _lemmas(text: str) -> tuple[str, ...]:
    """`words(text)`, cached: a run titles an event again each batch that changes it, from the same
    first articles."""
    return tuple(words(text))


def event_title(docs: Sequence[Doc]) -> EventTitle:
    """The title of the event made of `docs` (its first `TITLE_DOCS`)."""
    docs = sorted(docs, key=lambda d: (d.when or "9999", d.id))[:TITLE_DOCS]
    if not docs:
        return EventTitle("", None, None, None, "none")
    centroid: Counter[str] = Counter()
    for d in docs:
        centroid.update(_lemmas((d.article.title or "") + "\n" + d.article.text[:2000]))
    cw = {k: float(v) for k, v in centroid.items()}
    outlets = {d.outlet for d in docs if d.outlet}
    cands: list[tuple[float, int, str, Doc, int | None, int | None, str]] = []
    shared: Counter[str] = Counter()
    heads: list[tuple[Doc, str, int | None, int | None]] = []
    for d in docs:
        a = d.article
        if not a.title:
            continue
        s, e = strip_prefix(a.title)
        text = _outlet_tail(a.title[s:e], outlets)
        if is_menu(text) or len(text.split()) > HEAD_MAX:
            continue
        span = (a.title_span.start + s, a.title_span.start + s + len(text)) if a.title_span and \
            a.raw[a.title_span.start:a.title_span.end] == a.title else (None, None)
        heads.append((d, text, *span))
        shared[" ".join(_lemmas(text))] += 1
    for d, text, s0, e0 in heads:
        bag = {k: float(v) for k, v in Counter(_lemmas(text)).items()}
        score = cos(bag, cw) + 0.05 * (shared[" ".join(_lemmas(text))] - 1) - _unlike_headline(text)
        cands.append((score + 0.1, 1, text, d, s0, e0, "headline"))
    if not cands:
        for d in docs:
            sents = sentences(d)
            if not sents:
                continue
            first = sents[0]
            text = _undated(d, first.span.start, first.span.end)
            text = text[: _cut_lead(text)].rstrip(" ،,")
            bag = {k: float(v) for k, v in Counter(words(text)).items()}
            cands.append((cos(bag, cw), 0, text, d, first.span.start, first.span.end, "lead"))
    if not cands:  # text, but nothing quotable: the first line of the longest article
        d = max(docs, key=lambda x: len(x.article.text))
        text = d.article.text.strip().split("\n")[0][:160]
        if not text:
            return EventTitle("", None, None, None, "none")
        start = d.article.raw.find(text)
        return EventTitle(text, d.id, start if start >= 0 else None,
                          start + len(text) if start >= 0 else None, "first_line")
    score, _, text, d, s0, e0, rule = max(cands, key=lambda c: (c[0], c[1], -len(c[2]), c[3].order))
    return EventTitle(text, d.id, s0, e0, rule)

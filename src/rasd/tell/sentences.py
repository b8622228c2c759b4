"""Sentence splitting that survives Arabic punctuation, quotes, abbreviations and pages without
full stops. Works on an article's kept paragraphs and returns spans into its raw text.

A sentence ends at `.`, `!`, `?`, `؟` or the Urdu `۔` followed by a space, a line end or a
closing quote or bracket (which stays with the sentence); never inside a quotation that closes
later in the paragraph, after a one-letter abbreviation ("د." for doctor, "م." for engineer), or
inside a number ("3.5"). An ellipsis ("..", "…") ends a sentence only at the end of a line. A
paragraph is always a boundary; a piece longer than `MAX_WORDS` words with no full stop (pages
that use none) is cut after a comma followed by "و" ("، و"), into pieces of at least `MIN_CUT` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasd.model import Span

MAX_WORDS = 60
MIN_CUT = 18
_END = frozenset(".!?؟۔")
_CLOSERS = frozenset("\"'”’»)]}›")
_OPEN_CLOSE = {"«": "»", "“": "”", "‹": "›"}
_ABBREV = re.compile(r"(?:^|(?<=[\s(]))[^\W\d_]$")  # a one-letter word just before the stop: "د." "م."
_SPECIAL = re.compile(r'[.!?؟۔…«»“”‹›"]')
_COMMA_WA = re.compile(r"[،,]\s+(?=و)")


def _cuts(text: str) -> list[int]:
    """End offsets (exclusive) of the sentences inside one paragraph (visiting only its punctuation)."""
    cuts: list[int] = []
    n = len(text)
    last_of = {c: text.rfind(c) for c in (*_OPEN_CLOSE.values(), '"')}
    open_q: list[str] = []
    straight = False
    skip_to = 0
    for m in _SPECIAL.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        if ch in _OPEN_CLOSE and last_of[_OPEN_CLOSE[ch]] > i:
            open_q.append(_OPEN_CLOSE[ch])
        elif open_q and ch == open_q[-1]:
            open_q.pop()
        elif ch == '"' and (straight or last_of['"'] > i):
            straight = not straight
        if ch in _END and not open_q and not straight:
            j = i + 1
            while j < n and text[j] in _END:
                j += 1
            ellipsis = ch == "." and j - i >= 2
            while j < n and text[j] in _CLOSERS:
                j += 1
            at_break = j >= n or text[j] in "\n\r"
            spaced = at_break or text[j].isspace()
            if ch == "." and not ellipsis and i > 0 and text[i - 1].isdigit() and j < n and text[j].isdigit():
                spaced = False
            if spaced and (not ellipsis or at_break) and not (ch == "." and _ABBREV.search(text, max(0, i - 2), i)):
                cuts.append(j)
            skip_to = j
            continue
        if ch == "…" and not open_q and (i + 1 >= n or text[i + 1] in "\n\r"):
            cuts.append(i + 1)
    if not cuts or cuts[-1] < n:
        cuts.append(n)
    return cuts


def _long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a piece with no full stop after "، و" when it is too long to read as one sentence."""
    piece = text[start:end]
    if len(piece.split()) <= MAX_WORDS:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    s = start
    for m in _COMMA_WA.finditer(piece):
        cut = start + m.start() + 1
        if len(text[s:cut].split()) >= MIN_CUT and len(text[cut:end].split()) >= MIN_CUT:
            out.append((s, cut))
            s = start + m.end()
    out.append((s, end))
    return out


def split(raw: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Sentences of the kept paragraphs, as spans of `raw` without surrounding spaces."""
    spans: list[Span] = []
    for p in paragraphs:
        text = raw[p.start : p.end]
        prev = 0
        for cut in _cuts(text):
            for a, b in _long(text, prev, cut):
                seg = text[a:b]
                lead = len(seg) - len(seg.lstrip())
                trail = len(seg.rstrip())
                if trail > lead:
                    spans.append(Span(p.start + a + lead, p.start + a + trail))
            prev = cut
    return spans


def split_text(text: str) -> list[str]:
    """Sentences of a plain text (one paragraph per line)."""
    paras, pos = [], 0
    for line in text.split("\n"):
        paras.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return [s.of(text) for s in split(text, paras)]

"""Word tokens of a paragraph with their raw offsets, normalized forms and the punctuation between them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cache

from rasd.arabic.normalize import normalize

# Letters, digits, harakat and tatweel make a word: "قُتل" stays one token.
_WORD = re.compile(r"[\w\u064B-\u065F\u0670\u0640]+")
WORD_RE = _WORD  # what a word is, for modules that count words as the tokens do
_PUNCT = re.compile(r"[.,،؛;:!?؟\"“”«»„()\[\]{}<>\-–—/]")
CLITICS = ("و", "ف", "ب", "ل", "ك")


@cache
def norm_word(word: str) -> str:
    """The normalized form of one word (cached: news repeats its words)."""
    return normalize(word)


@functools.lru_cache(maxsize=1 << 16)
def strip_clitic(w: str) -> str:
    """"وزاره" stays, "لوزاره" -> "وزاره", "للامم" -> "الامم", "وبالقوات" -> "القوات"."""
    if w.startswith("لل") and len(w) > 4:
        return "ال" + w[2:]
    for c in ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل"):
        if w.startswith(c) and len(w) > len(c) + 2:
            return ("ال" + w[len(c):]) if c != "ولل" else "ال" + w[3:]
    if len(w) > 3 and w[0] in CLITICS:
        return w[1:]
    return w


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens of one text: raw offsets, normalized form, and whether punctuation precedes each."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    norms: tuple[str, ...]
    punct_before: tuple[str, ...]  # the punctuation characters between token i-1 and token i

    def __len__(self) -> int:
        return len(self.starts)

    def index_at(self, pos: int) -> int | None:
        """The token starting at raw offset `pos` (relative to `text`), if any."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self.starts) and self.starts[lo] == pos else None

    def index_covering(self, pos: int) -> int | None:
        """The token whose span contains raw offset `pos`."""
        for i, (s, e) in enumerate(zip(self.starts, self.ends, strict=True)):
            if s <= pos < e:
                return i
            if s > pos:
                return None
        return None


def tokenize(text: str) -> Tokens:
    starts: list[int] = []
    ends: list[int] = []
    norms: list[str] = []
    punct: list[str] = []
    prev = 0
    find = _PUNCT.findall
    for m in _WORD.finditer(text):
        start, end = m.span()
        starts.append(start)
        ends.append(end)
        norms.append(norm_word(m.group()))
        # most words follow one space: no punctuation to look for
        punct.append("" if start - prev == 1 and text[prev] == " " else "".join(find(text, prev, start)))
        prev = end
    return Tokens(text, tuple(starts), tuple(ends), tuple(norms), tuple(punct))

"""Arabic normalization for matching and search (`norm`), never for display.

Data plus small pure functions. Per character: NFKC (presentation forms, ligatures), case
folding, then a letter map (alef forms, alef maksura, ta marbuta, hamza carriers, Persian and
Urdu letter forms, Eastern Arabic and Persian digits); harakat, tatweel, Quranic marks and
zero-width or direction marks are dropped; every kind of space becomes " " and runs of spaces
collapse to one. Line breaks are kept so that paragraphs stay apart.

The map is applied until it reaches a fixed point, which makes `normalize` idempotent (a
property test checks it). `normalize_with_offsets` also returns, for each normalized
character, the index of the raw character it came from, so a match found in `norm` maps back
to a span of the original.

>>> normalize("قرة بـــاغ")
'قره باغ'
>>> normalize("٢٧ أيلول")
'27 ايلول'
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

import numpy as np

from rasd.cache import cached

# Letters folded to one form for matching.
LETTER_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي", "ے": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه", "ۃ": "ه",
    "ؤ": "و", "ۇ": "و", "ۈ": "و",
    "ک": "ك", "ڪ": "ك", "ګ": "ك",
    "ٸ": "ي",
}  # fmt: skip

EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

# Dropped: harakat and Quranic annotation, tatweel, zero-width and bidi controls, BOM.
_DROP_RANGES = [
    (0x0610, 0x061A),  # Quranic honorifics and small signs
    (0x064B, 0x065F),  # harakat: fathatan ... wavy hamza below
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08FF),  # extended Arabic marks
    (0x0640, 0x0640),  # tatweel
    (0x200B, 0x200F),  # zero-width space/joiners, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),
    (0x2066, 0x2069),  # bidi isolates
    (0xFEFF, 0xFEFF),  # BOM / ZWNBSP
    (0x00AD, 0x00AD),  # soft hyphen
    (0x061C, 0x061C),  # Arabic letter mark
]

_SPACES = {"\t", "\u00a0", "\u1680", "\u202f", "\u205f", "\u3000", "\u2028", "\u2029", "\x0b", "\x0c"}
_SPACES.update(chr(c) for c in range(0x2000, 0x200B))
_NEWLINES = {"\n", "\r", "\x85"}

# Ranges worth precomputing (others map to themselves): BMP and math alphanumerics.
_TABLE_RANGES = [(0, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F200)]


def _dropped(ch: str) -> bool:
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in _DROP_RANGES)


def _step(ch: str) -> str:
    """One pass of the per-character rules."""
    if ch in _NEWLINES:
        return "\n"
    if ch in _SPACES:
        return " "
    if _dropped(ch):
        return ""
    if ch in LETTER_MAP:
        return LETTER_MAP[ch]
    if ch in EASTERN_DIGITS:
        return str(EASTERN_DIGITS.index(ch))
    if ch in PERSIAN_DIGITS:
        return str(PERSIAN_DIGITS.index(ch))
    out = unicodedata.normalize("NFKC", ch).casefold()
    return unicodedata.normalize("NFKC", out)


@functools.cache
def fold_char(ch: str) -> str:
    """The normalized form of one character, iterated to a fixed point."""
    cur = ch
    for _ in range(8):
        nxt = "".join(_step(c) for c in cur)
        if nxt == cur:
            return cur
        cur = nxt
    return cur


@functools.cache
def _table() -> dict[int, str]:
    """Code point -> its folded form, for the characters `fold_char` changes (kept on disk: `rasd.cache`)."""
    return cached("fold-table", _build_table, sources=("arabic",), dists=())


def fold_table() -> dict[int, str]:
    """Every character of the BMP and the math alphanumerics that `normalize` changes -> what it
    becomes (`fold_char`; the others stay as they are)."""
    return _table()


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _TABLE_RANGES:
        for c in range(lo, min(hi, sys.maxunicode + 1)):
            if 0xD800 <= c <= 0xDFFF:
                continue
            ch = chr(c)
            f = fold_char(ch)
            if f != ch:
                table[c] = f
    return table


@functools.cache
def _full_table() -> dict[int, str | int]:
    """`_table` with every other code point of its ranges mapped to itself: `str.translate` looks
    every character up, and one it does not find costs a KeyError raised and cleared (twice the
    time on Arabic text)."""
    table: dict[int, str | int] = dict(_table())
    for lo, hi in _TABLE_RANGES:
        for c in range(lo, min(hi, sys.maxunicode + 1)):
            if c not in table and not 0xD800 <= c <= 0xDFFF:
                table[c] = c
    return table


_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AROUND_NL = re.compile(r" ?\n ?")


def normalize(text: str) -> str:
    """Normalized text for matching and search. Idempotent; never shown to users."""
    out = text.translate(_full_table())
    out = _SPACE_RUN.sub(" ", out)
    return _SPACE_AROUND_NL.sub("\n", out)


@functools.lru_cache(maxsize=1024)
def normalize_paragraph(text: str) -> str:
    """`normalize` with a small cache: several stages read the same paragraphs of an article."""
    return normalize(text)


def strip_marks(text: str) -> str:
    """Remove only harakat, tatweel and invisible marks: keeps letters as written.

    For titles and display strings that should read as the source wrote them, minus the
    decoration ("عاجــــل" -> "عاجل").
    """
    return _marks().sub("", text)


@functools.cache
def _marks() -> re.Pattern[str]:
    """The dropped marks as one character class: deleting by regex is ~10x faster than `translate`."""
    return re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _DROP_RANGES) + "]")


@functools.cache
def _drop_table() -> dict[int, None]:
    return {c: None for lo, hi in _DROP_RANGES for c in range(lo, hi + 1)}


@dataclass(frozen=True, slots=True)
class NormView:
    """Normalized text with, for each of its characters, the raw index it came from."""

    raw: str
    norm: str
    offsets: tuple[int, ...]  # len(norm) + 1 entries; the last is len(raw)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of `norm` to the raw characters it came from."""
        if start >= end:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@functools.cache
def _irregular() -> re.Pattern[str]:
    """Characters whose normalized form is not exactly one character (dropped or expanded)."""
    chars = sorted(c for c, f in _table().items() if len(f) != 1)
    return re.compile("[" + "".join(re.escape(chr(c)) for c in chars) + "]")


# A space that `normalize` removes: one after a space or line break, or one before a line break.
_REMOVABLE_SPACE = re.compile(r"(?<=[ \n]) | (?= *\n)")


def normalize_with_offsets(text: str, base: int = 0) -> NormView:
    """Normalize like `normalize` and keep where each character came from.

    `base` is added to every offset, for views of a slice of a longer raw text. Runs at
    C speed between the rare characters that are dropped or expanded.
    """
    table = _table()
    offs: list[int] = []
    pos = 0
    for m in _irregular().finditer(text):
        i = m.start()
        offs.extend(range(base + pos, base + i))
        offs.extend([base + i] * len(table[ord(text[i])]))
        pos = i + 1
    offs.extend(range(base + pos, base + len(text)))
    mapped = text.translate(_full_table())
    drop = [m.start() for m in _REMOVABLE_SPACE.finditer(mapped)]
    if drop:
        keep_chars: list[str] = []
        keep_offs: list[int] = []
        prev = 0
        for d in drop:
            keep_chars.append(mapped[prev:d])
            keep_offs.extend(offs[prev:d])
            prev = d + 1
        keep_chars.append(mapped[prev:])
        keep_offs.extend(offs[prev:])
        mapped, offs = "".join(keep_chars), keep_offs
    offs.append(base + len(text))
    return NormView(raw=text, norm=mapped, offsets=tuple(offs))


@functools.cache
def _marks_table() -> dict[int, None]:
    return {c: None for c in (*range(0x00A0, 0x2070), 0xFEFF) if not strip_marks(chr(c))}


def strip_marks_fast(text: str) -> str:
    """`strip_marks` by one `str.translate` (same result: every dropped mark lies in the table)."""
    return text.translate(_marks_table())



_DROPPED_MARK = "\u0640"  # tatweel: dropped by `normalize`, so never in a normalized term


_NOT_IN_PLACE = 0x110000  # the fold of a character that normalizes to several, or beyond the BMP


@functools.cache
def _fold_array() -> np.ndarray:
    """For `fold_in_place`: each BMP code point's one-character fold (the dropped ones: tatweel;
    those that normalize to several: `_NOT_IN_PLACE`), and one more entry for every code point
    beyond the BMP (`_NOT_IN_PLACE`)."""
    fold = np.arange(0x10001, dtype=np.uint32)
    fold[0x10000] = _NOT_IN_PLACE
    for c, f in _table().items():
        if c < 0x10000:
            fold[c] = ord(_DROPPED_MARK) if f == "" else ord(f) if len(f) == 1 else _NOT_IN_PLACE
    return fold


def fold_in_place(text: str) -> str | None:
    """`text` with each character replaced by its normalized form, character for character (so an
    offset in the result is an offset in `text`): dropped characters become a tatweel, spaces and
    line breaks are not collapsed. None when `text` has a character that normalizes to several (a
    ligature, ﷺ), lies beyond the BMP or is a lone surrogate: then only `normalize_with_offsets` maps it."""
    if not text:
        return text
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # a lone surrogate (JSON may carry one)
        return None
    folded = _fold_array().take(codes, mode="clip")  # beyond the BMP: the last entry
    if folded.max() == _NOT_IN_PLACE:
        return None
    return folded.tobytes().decode("utf-32-le")


def folded_pattern(term: str) -> str | None:
    """A regex over `fold_in_place` text that matches exactly the stretches whose `normalize` is
    `term` (from the character that makes its first character to the one that makes its last), or
    None when `term` is not a normalized word or phrase on one line."""
    if not term or term != term.strip() or "  " in term or "\n" in term or any(fold_char(c) != c for c in term):
        return None
    gap = re.escape(_DROPPED_MARK) + "*"
    space = f" [ {re.escape(_DROPPED_MARK)}]*"  # spaces and dropped characters, one space once normalized
    return gap.join(space if c == " " else re.escape(c) for c in term)

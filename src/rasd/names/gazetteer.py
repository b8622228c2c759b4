"""A gazetteer of places and lasting actors, with spelling variants merged to one key.

Stories link events by the places and actors that outlast one happening (قره باغ, علييف,
مجموعة مينسك), not by generic words, so every spelling of a name must reach the same key:
قره باغ, قرة باغ, كاراباخ and Nagorno-Karabakh are all ``karabakh``; أذربيجان, الأذربيجانية
and Azerbaijan are all ``AZ``.

The names and their spellings come from babel's country names and the curated files under
``data/``; `rasd.names.gazetteer_data` reads them (file format, nisba forms, load order).

Matching runs on normalized text (`rasd.arabic.normalize`: alef, hamza, ya and ta marbuta
forms folded, harakat dropped), token by token, with the leftmost-longest name winning and no
overlaps. The first token of a name may carry proclitics: و ف, then ب ل ك, then the article ال
(وبأذربيجان، للأرمن، والروسية); an article the name itself lacks is accepted only for a nisba
(الأرمنية), so الحماس ("the enthusiasm") is not Hamas. Later tokens must match exactly, separated
only by a space or a hyphen, so nothing matches inside a longer word (تركيز is not Turkey).
Latin names keep their case: a variant written in capitals (NATO) needs capitals in the text, a
capitalized one (Chad) a capital first letter, so "us" is never the United States.

A span covers the name with its article and without the conjunction or preposition before it
(وبالأردن → الأردن); in للـ forms, where the article's alef is elided, it covers the word from
the ل (وللأرمن → للأرمن).

Ambiguous names (one spelling, several keys: عمان is Oman and Amman, طرابلس is in Libya and in
Lebanon) are resolved in this order: harakat written in the text that match one reading (عُمان,
عمّان); then the document: the reading whose key or country the document names more often,
unambiguously; then the first-listed reading (countries first, then files in load order), so a
bare عمان with nothing else to go on is Oman.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import NamedTuple

from rasd.arabic.normalize import NormView, normalize, normalize_with_offsets
from rasd.names.gazetteer_data import TOKEN, GazetteerEntry, Index, Name, Variant
from rasd.names.gazetteer_data import index as _index

__all__ = ["GazetteerEntry", "GazetteerHit", "NameScan", "canonical_key", "entries", "entry", "find_names", "name_keys"]

_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
_GAP_CHARS = frozenset(" -\u2010\u2011\u2012\u2013")
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    """A name found in a text: its key, what it names, and where it is in the raw text."""

    key: str  # ISO code for countries ("AZ"), a slug otherwise ("karabakh", "ilham_aliyev")
    type: str  # "COUNTRY", "CITY", "REGION", "WATER", "SITE", "PER", "ORG"
    country: str | None  # the country a place lies in or an actor belongs to, when one
    start: int  # [start, end) into the text given to find_names
    end: int
    surface: str  # text[start:end]
    form: str = "name"  # "name", or "nisba" for an adjective or people name (الأرمنية، الأرمن)


@dataclass(frozen=True, slots=True)
class _Found:
    """A name matched in the text before ambiguity and weak names are resolved."""

    name: Name
    variants: tuple[Variant, ...]  # those whose case fits the text
    tokens: _Tokens = field(compare=False, repr=False)
    nstart: int  # offsets into the normalized text
    nend: int
    cue: bool  # a cue word stands right before it
    article: bool  # the text has an article the name lacks (الأرمنية for أرمنية)

    @property
    def span(self) -> tuple[int, int]:
        """[start, end) in the raw text."""
        return self.tokens.view.to_raw(self.nstart, self.nend)


@functools.lru_cache(maxsize=1 << 16)
def _cores(word: str) -> tuple[tuple[str, int, bool], ...]:
    """Readings of a word without its proclitics, most literal first (cached: words repeat).

    Each is (core, characters of the word left out of the span, whether an article was removed):
    وبالأردن → الأردن, أردن (span keeps ال); للأرمن → الأرمن, أرمن (span from the first ل).
    """
    out = [(word, 0, False)]
    if not "\u0600" <= word[0] <= "\u06ff":
        return tuple(out)
    if word.startswith("ال") and len(word) > 3:
        out.append((word[2:], 0, True))
    for conj in _CONJ:
        for prep in _PREP:
            prefix = conj + prep
            if not prefix or not word.startswith(prefix):
                continue
            rest = word[len(prefix) :]
            if len(rest) < 2:
                continue
            out.append((rest, len(prefix), False))
            if rest.startswith("ال") and len(rest) > 3:
                out.append((rest[2:], len(prefix), True))
            if prep == "ل" and rest.startswith("ل") and len(rest) > 2:
                out.append(("ا" + rest, len(conj), False))
                out.append((rest[1:], len(conj), True))
    return tuple(out)


def _gap_ok(gap: str, prev: str) -> bool:
    """Only a space or a hyphen may separate the words of one name (a dot after a Latin initial)."""
    if not gap or len(gap) > 3:
        return False
    if prev.isascii() and len(prev) == 1 and gap.strip() in (".", ""):
        return all(c in _GAP_CHARS or c == "." for c in gap)
    return all(c in _GAP_CHARS for c in gap)


def _case_ok(case: str, surface: str) -> bool:
    """Whether the raw surface keeps the case a Latin spelling requires."""
    if not case:
        return True
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return False
    if case == "upper":
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


def _strip_conj(word: str) -> str:
    """A word without a leading و or ف, for cue lookup."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


@dataclass(slots=True)
class _Tokens:
    """A text, its normalized form, and the spans and strings of its word tokens.

    The offsets back to the raw text (`view`) are computed on first use: only spans of names
    that need checking against the raw text (case, written harakat) or are reported need them.
    """

    text: str
    norm: str  # normalize(text), which is normalize_with_offsets(text).norm
    spans: list[tuple[int, int]]
    words: list[str]
    _view: NormView | None = None

    @property
    def view(self) -> NormView:
        if self._view is None:
            self._view = normalize_with_offsets(self.text)
        return self._view


def _tokenize(text: str) -> _Tokens:
    norm = normalize(text)
    parts = _TOKEN_SPLIT.split(norm)  # gap, token, gap, token, ..., gap: one regex pass
    ends = list(accumulate(map(len, parts)))
    return _Tokens(text, norm, list(zip(ends[0:-1:2], ends[1::2], strict=True)), parts[1::2])


def _sequence_ok(t: _Tokens, name: Name, i: int) -> bool:
    """Whether the later tokens of `name` follow token i exactly, joined by a space or hyphen."""
    n = len(name.tokens)
    if i + n > len(t.words):
        return False
    for j in range(1, n):
        if t.words[i + j] != name.tokens[j]:
            return False
        gap = t.norm[t.spans[i + j - 1][1] : t.spans[i + j][0]]
        if not _gap_ok(gap, t.words[i + j - 1]):
            return False
    return True


def _match_at(idx: Index, t: _Tokens, i: int) -> _Found | None:
    """The longest name starting at token i whose spelling fits the text, or None.

    A name spelled without the article matches a word with one only as a nisba (الأرمنية), never
    as a name: الحماس is "the enthusiasm", not Hamas. Latin names must keep their case.
    """
    best: _Found | None = None
    best_len = 0
    for _core, skip, article, names in _starts(t.words[i], idx.anchors_only):
        for name in names:
            n = len(name.tokens)
            if n <= best_len:
                break
            if n > 1 and (i + 1 >= len(t.words) or t.words[i + 1] != name.tokens[1]):
                continue  # the quick test of _sequence_ok, which fails for most names
            if not _sequence_ok(t, name, i):
                continue
            nstart, nend = t.spans[i][0] + skip, t.spans[i + n - 1][1]
            surface = ""  # the raw text is read only when a spelling needs its case
            if any(v.case for v in name.variants):
                start, end = t.view.to_raw(nstart, nend)
                surface = t.text[start:end]
            fits = tuple(
                v for v in name.variants if _case_ok(v.case, surface) and not (article and v.form == "name")
            )
            if fits:
                prev = _strip_conj(t.words[i - 1]) if i else ""
                best, best_len = _Found(name, fits, t, nstart, nend, prev in idx.cues, article), n
                break
    return best


@functools.lru_cache(maxsize=1 << 18)
def _starts(word: str, anchors_only: bool = False) -> tuple[tuple[str, int, bool, tuple[Name, ...]], ...]:
    """The readings of `word` (see `_cores`) that begin names of `_index(anchors_only)`, with those names.

    Empty for most words, which `_scan` then skips.
    """
    by_first = _index(anchors_only).by_first
    return tuple((core, skip, art, names) for core, skip, art in _cores(word) if (names := by_first.get(core, ())))


def _starts_anchors(word: str) -> tuple[tuple[str, int, bool, tuple[Name, ...]], ...]:
    return _starts(word, True)


def _scan(t: _Tokens, idx: Index) -> list[_Found]:
    """Leftmost-longest matches over the tokens of a text, before resolution.

    Only tokens that may begin a name are tried (`_starts`).
    """
    found: list[_Found] = []
    i = 0
    starts = _starts_anchors if idx.anchors_only else _starts
    for j in compress(range(len(t.words)), map(starts, t.words)):
        if j < i:
            continue
        f = _match_at(idx, t, j)
        if f is not None:
            found.append(f)
            i = j + len(f.name.tokens)
    return found


def _evidence(found: list[_Found], idx: Index) -> Counter[str]:
    """How often the document names each key and country unambiguously and strongly."""
    seen: Counter[str] = Counter()
    for f in found:
        if len(f.variants) != 1 or f.variants[0].weak or f.variants[0].form == "block":
            continue
        entry = idx.entries[f.variants[0].key]
        seen[entry.key] += 1
        if entry.country and entry.country != entry.key:
            seen[entry.country] += 1
    return seen


def _choose(f: _Found, text: str, seen: Counter[str], idx: Index) -> Variant:
    """The reading of a found name: written harakat, then document evidence, then list order."""
    if len(f.variants) == 1:
        return f.variants[0]
    start, end = f.span
    written = frozenset(c for c in text[start:end] if unicodedata.combining(c))
    if written:
        marked = [v for v in f.variants if v.marks and v.marks <= written]
        if marked:
            return max(marked, key=lambda v: len(v.marks))

    def score(v: Variant) -> int:
        country = idx.entries[v.key].country
        return seen[v.key] + (seen[country] if country and country != v.key else 0)

    return max(f.variants, key=score)  # max keeps the first of equals: the first-listed reading


def _kept(v: Variant, f: _Found, seen: Counter[str], idx: Index) -> bool:
    """Whether a chosen reading stands: blocks never do, weak names need a cue or evidence."""
    if v.form == "block":
        return False
    if v.weak == "!":  # evidence only: the text names the place's country
        country = idx.entries[v.key].country
        return bool(country and seen[country] > 0)
    if not v.weak or f.cue:
        return True
    if v.weak == "^":
        return False
    country = idx.entries[v.key].country
    return seen[v.key] > 0 or bool(country and seen[country] > 0)


def find_names(text: str) -> list[GazetteerHit]:
    """Places and lasting actors named in `text`, in order, with spans into `text`.

    >>> [(h.key, h.surface) for h in find_names("اشتباكات في قرة باغ بين القوات الأذربيجانية والأرمن")]
    [('karabakh', 'قرة باغ'), ('AZ', 'الأذربيجانية'), ('AM', 'الأرمن')]
    """
    if not text:
        return []
    idx = _index()
    hits: list[GazetteerHit] = []
    for f, v in _resolve(text, idx)[0]:
        entry = idx.entries[v.key]
        form = v.form if v.form != "both" else ("nisba" if f.article else "name")
        start, end = f.span
        hits.append(GazetteerHit(entry.key, entry.type, entry.country, start, end, text[start:end], form))
    return hits


class NameScan(NamedTuple):
    """What `name_keys` read in a text."""

    names: list[tuple[str, str]]  # (key, type) of each name find_names finds, in order
    norm: str  # normalize(text)
    tokens: list[str]  # the word tokens of norm (gazetteer_data.TOKEN)


def name_keys(text: str) -> NameScan:
    """The clustering anchors in a text, as (key, type), for callers that count them: what `find_names`
    finds with the gazetteer that leaves out names_*.tsv and GeoNames (`index(anchors_only=True)`).

    Raw offsets are computed only where matching needs them; the normalized text and its
    tokens come along for callers that read them too.
    """
    if not text:
        return NameScan([], "", [])
    idx = _index(anchors_only=True)
    kept, t = _resolve(text, idx)
    return NameScan([(idx.entries[v.key].key, idx.entries[v.key].type) for _f, v in kept], t.norm, t.words)


def _resolve(text: str, idx: Index) -> tuple[list[tuple[_Found, Variant]], _Tokens]:
    """The names found in `text` with their chosen readings, those that stand, in order."""
    t = _tokenize(text)
    found = _scan(t, idx)
    seen = _evidence(found, idx)
    kept = []
    for f in found:
        v = _choose(f, text, seen, idx)
        if _kept(v, f, seen, idx):
            kept.append((f, v))
    return kept, t


def canonical_key(name: str) -> str | None:
    """The key of a name given on its own (any spelling, nisba or clitic form), else None.

    >>> canonical_key("ناغورنو كاراباخ"), canonical_key("للأرمن"), canonical_key("تركيز")
    ('karabakh', 'AM', None)
    """
    idx = _index()
    t = _tokenize(name.strip())
    if not t.words:
        return None
    f = _match_at(idx, t, 0)
    if f is None or len(f.name.tokens) != len(t.words):
        return None
    v = _choose(f, name, Counter(), idx)
    return None if v.form == "block" else v.key


def entry(key: str) -> GazetteerEntry | None:
    """The entry for a key, with its display names and spellings."""
    return _index().entries.get(key)


def entries() -> Mapping[str, GazetteerEntry]:
    """Every entry, by key."""
    return _index().entries

"""Features for copy finding, computed for a batch of texts at once (joined by line breaks,
then split back): one compiled pass over the characters (`_scan`), numpy for the rest.

The text is folded exactly as `rasd.arabic.normalize` folds it (`fold_char` per character),
but through a numpy lookup table over code points: `normalize()` itself costs ~160 us on a
3 KB article, most of this stage's budget (the numpy passes `_scan` replaced took ~90 us
of a 3 KB article; the compiled pass takes a few). Characters that fold to nothing (harakat,
tatweel, zero-width marks) are removed, so "بـــاغ" and "باغ" give the same word; the rare
characters that fold to several (ligatures such as "ﻻ") and characters outside the BMP send
the article down a slow path that builds the same arrays character by character.

Words are maximal runs of letters, digits and marks in the folded text: punctuation splits
words and is not part of them. Each word gets a stable 32-bit hash (polynomial mod 2**32 over
its folded code points), the same in every process, so hashes can be stored and compared
across runs.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rasd.arabic.normalize import fold_char, fold_table
from rasd.cache import cached
from rasd.copies.jit import jit

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

# Lookup table entries: folded code point in the low 21 bits, flags above.
_CP_MASK = np.uint32(0x1FFFFF)
_WORD = np.uint32(1 << 28)  # letter, digit or mark: part of a word
_SPACE = np.uint32(1 << 27)  # folds to " " or "\n"
_DROP = np.uint32(1 << 30)  # folds to nothing
_SLOW = np.uint32(1 << 31)  # folds to several characters, or lies outside the BMP
_BMP = 0x10000

_P64 = np.uint64(0x9E3779B1)  # odd multiplier of the polynomial word hash (mod 2**32)
_MASK32 = np.uint64(0xFFFFFFFF)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class Words:
    """The words of several texts, concatenated: stable hashes and where each lies in its own text."""

    hashes: U32  # one per word, texts one after the other
    starts: I64  # offset of the word's first character in its text
    ends: I64  # offset just after its last character
    bounds: I64  # text i holds words bounds[i]:bounds[i + 1]
    exact: U64  # per text: 64-bit key of its folded words and punctuation in order, whitespace ignored

    def __len__(self) -> int:
        """How many texts."""
        return len(self.exact)


@dataclass(frozen=True, slots=True)
class Shingles:
    """Per text, k-word shingle hashes (64-bit) and j-word alignment n-grams (32-bit), concatenated."""

    hashes: U64
    bounds: I64  # text i: hashes[bounds[i]:bounds[i + 1]]
    grams: U32
    gram_bounds: I64


def mix64(x: U64) -> U64:
    """The splitmix64 finalizer, elementwise: spreads every input bit over the output."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


_M1_INV = np.uint64(pow(0xBF58476D1CE4E5B9, -1, 1 << 64))
_M2_INV = np.uint64(pow(0x94D049BB133111EB, -1, 1 << 64))


def unmix64(x: U64) -> U64:
    """The inverse of `mix64`: unmix64(mix64(x)) == x (each xor-shift and odd multiplication is undone)."""
    x = x ^ (x >> np.uint64(31)) ^ (x >> np.uint64(62))
    x = x * _M2_INV
    x = x ^ (x >> np.uint64(27)) ^ (x >> np.uint64(54))
    x = x * _M1_INV
    out: U64 = x ^ (x >> np.uint64(30)) ^ (x >> np.uint64(60))
    return out


def _entry(folded: str) -> int:
    """The lookup-table entry of a character that folds to `folded`."""
    if not folded:
        return int(_DROP)
    if len(folded) > 1:
        return int(_SLOW)
    cp = ord(folded)
    flags = 0
    if unicodedata.category(folded)[0] in "LNM":
        flags |= int(_WORD)
    elif folded in " \n":
        flags |= int(_SPACE)
    return cp | flags


@functools.cache
def _table() -> U32:
    """BMP code point -> lookup-table entry (built once, ~0.3 s, and kept on disk: `rasd.cache`)."""
    return cached("copies-lut", _build_table, sources=("arabic", "copies"), dists=("numpy",))


def _build_table() -> U32:
    folded = fold_table()  # fold_char of every BMP character it changes (the others fold to themselves)
    lut = np.zeros(_BMP, dtype=np.uint32)
    for c in range(_BMP):
        lut[c] = _SLOW if 0xD800 <= c <= 0xDFFF else _entry(folded.get(c, chr(c)))
    lut[_BMP - 1] = _SLOW  # astral code points are clipped onto this noncharacter
    return lut


def _slow_entries(text: str) -> tuple[U32, I64]:
    """Lookup entries of the folded characters and their source offsets, one character at a time."""
    entries: list[int] = []
    src: list[int] = []
    for i, ch in enumerate(text):
        for f in fold_char(ch):
            entries.append(_entry(f))
            src.append(i)
    return np.array(entries, dtype=np.uint32), np.array(src, dtype=np.int64)


def fold(text: str) -> tuple[U32, I64]:
    """Lookup entries of the folded text, and for each the offset in `text` it came from."""
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    ent = _table().take(raw, mode="clip")
    if len(ent) == 0 or ent.max() < _DROP:
        return ent, np.arange(len(ent), dtype=np.int64)
    if (ent & _SLOW).any():
        return _slow_entries(text)
    keep = (ent & _DROP) == 0
    return ent[keep], np.flatnonzero(keep)


_NONE = np.zeros(0, dtype=np.int64)  # `_scan`'s src when entry i came from character i
_NO_TABLE = np.zeros(0, dtype=np.uint32)  # `_scan`'s table when the codes are entries already
_MARK = np.uint64(1 << 32)  # sets a punctuation mark apart from a word hash in the exact key


@jit
def _mix(x: np.uint64) -> np.uint64:
    """The splitmix64 finalizer on one value, inside compiled loops (`mix64` is the numpy twin: a
    compiled array version was 1.7x slower than numpy on 150k keys)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


@jit
def _scan(codes: U32, table: U32, src: I64, origin: I64) -> tuple[bool, U32, I64, I64, I64, U64]:
    """One pass over the characters of texts joined by line breaks (text t starts at origin[t]):
    each word's hash and its start and end offsets in its own text, where each text's words begin
    (bounds), and each text's exact key.

    codes are code points looked up in `table` (or, with an empty table, lookup entries already,
    whose source offsets are `src`). Entries that fold to nothing are skipped: they neither end a
    word nor count in its hash. A word's hash is sum(cp[k] * P**k) mod 2**32 over its folded code
    points. The exact key chains `_mix` over the text's word hashes and other non-space
    characters, in order. Returns ok=False at the first character that folds to several: the
    caller folds those texts slowly and calls again.
    """
    n = len(codes)
    texts = len(origin)
    lookup = len(table) > 0
    last = np.uint32(len(table) - 1)
    cap = n // 2 + 1
    hashes = np.empty(cap, dtype=np.uint32)
    starts = np.empty(cap, dtype=np.int64)
    ends = np.empty(cap, dtype=np.int64)
    bounds = np.zeros(texts + 1, dtype=np.int64)
    keys = np.zeros(texts, dtype=np.uint64)
    w = 0
    t = 0
    key = np.uint64(0)
    h = np.uint64(0)
    pw = np.uint64(1)
    inside = False
    for i in range(n):
        e = table[min(codes[i], last)] if lookup else codes[i]
        if e & _SLOW:
            return False, hashes, starts, ends, bounds, keys
        if e & _DROP:
            continue
        at = i if len(src) == 0 else src[i]
        while t + 1 < texts and at >= origin[t + 1]:  # past the line break that ends text t
            keys[t] = key
            key = np.uint64(0)
            t += 1
            bounds[t] = w
        if e & _WORD:
            if not inside:
                inside = True
                h = np.uint64(0)
                pw = np.uint64(1)
                starts[w] = at - origin[t]
            h = (h + np.uint64(e & _CP_MASK) * pw) & _MASK32
            pw = (pw * _P64) & _MASK32
            ends[w] = at + 1 - origin[t]
            continue
        if inside:
            hashes[w] = h
            key = _mix(key ^ h)
            w += 1
            inside = False
        if not e & _SPACE:
            key = _mix(key ^ _MARK ^ np.uint64(e & _CP_MASK))
    if inside:
        hashes[w] = h
        key = _mix(key ^ h)
        w += 1
    if texts:
        keys[t] = key
    bounds[t + 1 :] = w
    return True, hashes[:w], starts[:w], ends[:w], bounds, keys


def words(texts: Sequence[str]) -> Words:
    """Hash every word of every text (folded like normalize), locate it, and key each text."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    origin = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    raw = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
    ok, hashes, starts, ends, bounds, keys = _scan(raw, _table(), _NONE, origin)
    if not ok:
        ok, hashes, starts, ends, bounds, keys = _scan(*_slow_fold(texts, origin), origin)
    return Words(hashes, starts, ends, bounds, keys)


def _slow_fold(texts: Sequence[str], origin: I64) -> tuple[U32, U32, I64]:
    """Entries of the texts joined by line breaks, folded character by character where a text
    needs it, no table (they are entries already), and the offset in the joined text each came from."""
    newline = _table()[10:11]
    parts: list[U32] = []
    where: list[I64] = []
    for text, at in zip(texts, origin.tolist(), strict=True):
        e, src = fold(text)
        parts += [e, newline]
        where += [src + at, np.array([at + len(text)], dtype=np.int64)]
    return np.concatenate(parts)[:-1], _NO_TABLE, np.concatenate(where)[:-1]


def shingles(w: Words, k: int, j: int, salt: int = 0) -> Shingles:
    """Each text's k-word shingle hashes (64-bit, mixed) and j-word n-gram hashes (32-bit).

    A shingle is a linear combination of consecutive word hashes with odd 64-bit multipliers; a
    j-gram (j <= k) is the same sum over its first j words, kept unmixed as its top 32 bits,
    enough to test equality. A text with fewer words than k (or j) gives one hash of all its
    words; a text with no words gives none.
    """
    if not 1 <= j <= k:
        raise ValueError(f"need 1 <= j <= k, got j={j}, k={k}")
    n = np.diff(w.bounds)
    sh_bounds = _bounds(np.where(n >= k, n - k + 1, np.minimum(n, 1)))
    gr_bounds = _bounds(np.where(n >= j, n - j + 1, np.minimum(n, 1)))
    sh = np.zeros(sh_bounds[-1], dtype=np.uint64)
    grams = np.zeros(gr_bounds[-1], dtype=np.uint32)
    _shingle(w.hashes, w.bounds, _multipliers(k, salt), j, sh_bounds, gr_bounds, sh, grams)
    return Shingles(sh, sh_bounds, grams, gr_bounds)


def _bounds(counts: I64) -> I64:
    """[0, c0, c0 + c1, ...]."""
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


@jit
def _shingle(hashes: U32, bounds: I64, mult: U64, j: int, sh_bounds: I64, gr_bounds: I64, sh: U64,
             grams: U32) -> None:  # fmt: skip
    """Fill `sh` and `grams` text by text (see `shingles`)."""
    k = len(mult)
    for t in range(len(bounds) - 1):
        first, n = bounds[t], bounds[t + 1] - bounds[t]
        for p in range(sh_bounds[t + 1] - sh_bounds[t]):
            acc = np.uint64(0)
            for m in range(min(k, n)):
                acc += np.uint64(hashes[first + p + m]) * mult[m]
            sh[sh_bounds[t] + p] = _mix(acc)
        for p in range(gr_bounds[t + 1] - gr_bounds[t]):
            acc = np.uint64(0)
            for m in range(min(j, n)):
                acc += np.uint64(hashes[first + p + m]) * mult[m]
            grams[gr_bounds[t] + p] = np.uint32(acc >> np.uint64(32))


@functools.cache
def _multipliers(k: int, salt: int) -> U64:
    """k odd 64-bit multipliers, fixed by (k, salt)."""
    rng = np.random.default_rng([0x5EED, salt, k])
    return rng.integers(0, 2**63, size=k, dtype=np.uint64) * np.uint64(2) + np.uint64(1)

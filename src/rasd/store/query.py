"""A search query as people type it, turned into an FTS5 MATCH expression over the trigram index.

- Words match in any order and in any clitic form: each word's core (و ف، ب ل ك، ال stripped)
  must occur, so وبالقصف finds القصف and "قصف مدرسة" finds "مدرسة ... قصفت".
- A name the gazetteer knows matches every spelling it lists: قرة باغ finds كاراباخ, ترمب finds
  ترامب, الأرمنية finds الأرمينية.
- Text in double quotes is one phrase, matched as written (after normalization).
- Given the store's vocabulary (`variants`, store/spelling.py), any other word also matches the
  stored words that are it with a medial long vowel more or less, when both look like names:
  بوتن finds بوتين, تريزا finds تيريزا.
Every term is an FTS5 string literal (double quotes doubled), so nothing typed is read as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rasd.arabic.normalize import normalize
from rasd.names.gazetteer import entry, find_names

MIN_TERM = 3  # the trigram index cannot look up anything shorter
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Query:
    groups: tuple[tuple[str, ...], ...]  # AND of groups, OR inside a group; normalized terms
    short: tuple[str, ...]  # words under MIN_TERM characters, matched by a scan instead

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term, for highlighting."""
        return tuple(dict.fromkeys(t for g in self.groups for t in g))

    def match(self) -> str:
        """The FTS5 MATCH expression (empty when only short words were given)."""
        return " AND ".join("(" + " OR ".join(_literal(t) for t in g) + ")" for g in self.groups)


def _literal(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def core(word: str) -> str:
    """A word without its leading clitics, kept at MIN_TERM characters or more."""
    w = word
    if w[:1] in ("و", "ف") and len(w) > MIN_TERM + 1:
        w = w[1:]
    if w.startswith("لل") and len(w) > MIN_TERM + 2:
        w = w[2:]
    elif w[:1] in ("ب", "ل", "ك") and len(w) > MIN_TERM + 1:
        w = w[1:]
    if w.startswith("ال") and len(w) > MIN_TERM + 1:
        w = w[2:]
    return w


def _names(text: str) -> list[tuple[int, int, tuple[str, ...], bool]]:
    """Gazetteer names in `text`: (start, end, every spelling normalized, whether a person)."""
    out = []
    for h in find_names(text):
        e = entry(h.key)
        spellings = {normalize(v) for v in (e.variants if e else ()) if re.search(r"[\u0600-\u06ff]", v)}
        spellings.add(normalize(h.surface))
        out.append((h.start, h.end, _alternatives({s for s in spellings if len(s) >= MIN_TERM}), h.type == "PER"))
    return out


def _alternatives(terms: set[str]) -> tuple[str, ...]:
    """The terms without those containing another one (a substring index finds them anyway)."""
    return tuple(sorted(s for s in terms if not any(o != s and o in s for o in terms)))


def parse(query: str, variants: Callable[[str], tuple[str, ...]] | None = None) -> Query:
    """The groups of terms a typed query asks for; `variants` gives a word's other spellings."""
    groups: list[tuple[str, ...]] = []
    short: list[str] = []
    for phrase in _QUOTED.findall(query):
        p = " ".join(normalize(phrase).split())
        if len(p) >= MIN_TERM:
            groups.append((p,))
        elif p:
            short.append(p)
    rest = " ".join(normalize(_QUOTED.sub(" ", query)).split())
    taken = bytearray(len(rest))
    for start, end, spellings, person in _names(rest):
        if spellings and variants and person:  # a listed one-word spelling's long-vowel variants (بوتين: بوتن)
            spellings = _alternatives({*spellings, *(v for s in spellings if " " not in s for v in variants(s))})
        if spellings:
            groups.append(spellings)
            taken[start:end] = b"\x01" * (end - start)
    for m in re.finditer(r"\S+", rest):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        typed = m.group().strip(".,،؛:!؟?()«»'\"")
        w = core(typed)
        if len(w) >= MIN_TERM:
            groups.append(_alternatives({w, *variants(typed)}) if variants else (w,))
        elif w:
            short.append(w)
    return Query(tuple(dict.fromkeys(groups)), tuple(dict.fromkeys(short)))

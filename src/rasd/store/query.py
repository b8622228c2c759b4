"""A search query as people type it, turned into an FTS5 MATCH expression over the trigram index.

- Words match in any order and in any clitic form: each word's core (و ف، ب ل ك، ال stripped)
  must occur, so وبالقصف finds القصف and "قصف مدرسة" finds "مدرسة ... قصفت".
- A name the gazetteer knows matches every spelling it lists: قرة باغ finds كاراباخ, ترمب finds
  ترامب, الأرمنية finds الأرمينية.
- Text in double quotes is one phrase, matched as written (after normalization).
Every term is an FTS5 string literal (double quotes doubled), so nothing typed is read as syntax.
"""

from __future__ import annotations

import re
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


def _names(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Gazetteer names in `text`: (start, end, every spelling normalized)."""
    out = []
    for h in find_names(text):
        e = entry(h.key)
        spellings = {normalize(v) for v in (e.variants if e else ()) if re.search(r"[\u0600-\u06ff]", v)}
        spellings.add(normalize(h.surface))
        kept = {s for s in spellings if len(s) >= MIN_TERM}
        # a spelling that contains another one adds nothing to a substring index
        out.append((h.start, h.end, tuple(sorted(s for s in kept if not any(o != s and o in s for o in kept)))))
    return out


def parse(query: str) -> Query:
    """The groups of terms a typed query asks for."""
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
    for start, end, spellings in _names(rest):
        if spellings:
            groups.append(spellings)
            taken[start:end] = b"\x01" * (end - start)
    for m in re.finditer(r"\S+", rest):
        if taken.find(1, m.start(), m.end()) >= 0:
            continue
        w = core(m.group().strip(".,،؛:!؟?()«»'"))
        if len(w) >= MIN_TERM:
            groups.append((w,))
        elif w:
            short.append(w)
    return Query(tuple(dict.fromkeys(groups)), tuple(dict.fromkeys(short)))

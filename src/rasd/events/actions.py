"""The key action of a headline, where one story runs through a series of like happenings:
what keeps two events of one story apart when they share every actor, place and most words.

Marks are read from the title alone (a lead retells the series so far):
- an ordinal of the happening ("أول طائرة إغاثة", "الطائرة الثانية", "الملء الرابع"): the first
  and the second of a series are two happenings, a day or an hour apart. "لأول مرة" (for the first
  time) and ordinals in names ("عبدالله الثاني", "تشرين الأول") are not counted;
- "again": the title says the happening is another one ("هجوم جديد", "انفجار جديد", "من جديد",
  "مجددا", "غداة هجمات الكنائس": the day after). A new parliament or a new truce is no new
  happening: جديد counts after a happening noun (attack, blast, clash, strike, quake) only.

Election phases (the voting against its results) were tried as marks too: realdev labels them
two events, but the team-written sets (holdout, holdout2) label an election with its results
one event, and holdout fell from 0.941 to 0.920, so they are not marks.

`conflict` says whether an article's marks exclude those of an event's core: the article says
"again" and no core title does (it is the next attack, not a report of the last), or both name
ordinals and none is shared. A title with no mark never conflicts, so a reaction or a retelling
in other words still joins on wording alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rasd.arabic.normalize import normalize, strip_marks

# Normalized word forms (clitics stripped), written for rasd.
_ORDINALS = {
    "اول": 1, "الاول": 1, "الاولي": 1, "اولي": 1, "ثاني": 2, "الثاني": 2, "الثانيه": 2, "ثانيه": 2,
    "ثالث": 3, "الثالث": 3, "الثالثه": 3, "ثالثه": 3, "رابع": 4, "الرابع": 4, "الرابعه": 4, "رابعه": 4,
    "خامس": 5, "الخامس": 5, "الخامسه": 5, "خامسه": 5,
}  # fmt: skip
# Words next to which an ordinal is not the happening's: a time ("لأول مرة"), a month, a name.
_NOT_ORDINAL = frozenset(["مره", "المره", "مرات", "كانون", "تشرين", "ربيع", "جمادي", "عبدالله", "الله", "الملك"])
# "Another" happening: a happening noun with جديد ("هجوم جديد"), or مجددا, "من جديد", غداة (the day after).
_HAPPENINGS = frozenset([
    "هجوم", "هجمات", "تفجير", "تفجيرات", "انفجار", "انفجارات", "اشتباك", "اشتباكات", "قصف", "غاره", "غارات",
    "زلزال", "هزه", "اعتداء",
])  # fmt: skip
_NEW = frozenset(["جديد", "جديده"])
_AGAIN = frozenset(["مجددا", "غداه"])
_CLITICS = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "و", "ف", "ب", "ل")
_WORD = re.compile(r"[^\W\d_]+")


def _forms(word: str) -> tuple[str, ...]:
    """The word and its readings without one leading clitic (وللثانية: للثانية, الثانية...)."""
    out = [word]
    for p in _CLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            out.append(word[len(p) :])
    return tuple(out)


def title_actions(title: str | None) -> tuple[str, ...]:
    """The marks of a title, sorted: "ord:N" for each ordinal of the happening it names."""
    if not title:
        return ()
    toks = _WORD.findall(normalize(strip_marks(title)))
    marks: set[str] = set()
    for i, tok in enumerate(toks):
        forms = _forms(tok)
        prev = set(_forms(toks[i - 1])) if i else set()
        if any(f in _AGAIN for f in forms) or (tok in _NEW and prev & (_HAPPENINGS | {"من"})):
            marks.add("again")
        n = next((_ORDINALS[f] for f in forms if f in _ORDINALS), None)
        if n is None:
            continue
        near = set(_forms(toks[i - 1])) if i else set()
        if i + 1 < len(toks):
            near.update(_forms(toks[i + 1]))
        if not near & _NOT_ORDINAL:
            marks.add(f"ord:{n}")
    return tuple(sorted(marks))


def conflict(doc: Iterable[str], event: Mapping[str, int]) -> bool:
    """Do an article's marks exclude those of an event's core (counts of its members' marks)?"""
    mine = set(doc)
    theirs = {m for m, n in event.items() if n > 0}
    if "again" in mine and "again" not in theirs:
        return True
    mine.discard("again")
    theirs.discard("again")
    return bool(mine) and bool(theirs) and not mine & theirs

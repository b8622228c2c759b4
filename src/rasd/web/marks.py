"""An article's raw text cut into segments, each with the kinds of span that cover it, so a page can
mark removed furniture, dates, claims and figures without building HTML from strings."""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # "removed", "time", "verb", "fact", "claimant", "published"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...]
    notes: tuple[str, ...]


def segments(raw: str, marks: list[Mark]) -> list[Segment]:
    """`raw` cut at every mark boundary; each piece lists the marks over it (in the order given)."""
    cuts = sorted(c for c in {0, len(raw), *(m.start for m in marks), *(m.end for m in marks)} if 0 <= c <= len(raw))
    ordered = sorted(range(len(marks)), key=lambda i: marks[i].start)
    out: list[Segment] = []
    active: list[int] = []
    nxt = 0
    for a, b in itertools.pairwise(cuts):
        while nxt < len(ordered) and marks[ordered[nxt]].start <= a:
            active.append(ordered[nxt])
            nxt += 1
        active = [i for i in active if marks[i].end > a]
        over = sorted(i for i in active if marks[i].start <= a and marks[i].end >= b)
        out.append(Segment(raw[a:b], tuple(dict.fromkeys(marks[i].kind for i in over)),
                           tuple(marks[i].note for i in over if marks[i].note)))  # fmt: skip
    return out

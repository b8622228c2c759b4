"""Score rasd's entities against hand-tagged spans: person, place and organisation P/R/F1.

A predicted mention matches a gold span exactly when both have the same type (rasd's GPE and LOC
are both places) and the same end, and their starts differ at most by leading clitics
(والقاهرة = القاهرة, للأمم = الأمم); it matches partially when the spans overlap with the same
type. Each gold span is matched at most once.

The held-back part of a corpus is every `HOLD_EVERY`-th document (index % HOLD_EVERY ==
HOLD_EVERY - 1): nothing in rasd is tuned or trained on it, and it is what the figures in the
README and the CI gate are measured on. The rest is the development part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasd.eval.conll import GoldDoc
from rasd.extract.people import People
from rasd.extract.text import text_mentions
from rasd.extract.types import Mention

if TYPE_CHECKING:
    from rasd.extract.tagger import Tagger

HOLD_EVERY = 5
TYPES = ("PER", "LOC", "ORG")
_COARSE = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}
_CLITIC_GAPS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ال", "وال", "بال",
                          "فال", "كال", "وبال", "ولل"})


def held_back(docs: Sequence[GoldDoc], part: str = "held") -> list[GoldDoc]:
    """The held-back part ("held"), the development part ("dev") or every document ("all")."""
    if part == "all":
        return list(docs)
    if part not in ("held", "dev"):
        raise ValueError(f"part must be held, dev or all, got {part!r}")
    hold = part == "held"
    return [d for d in docs if (d.index % HOLD_EVERY == HOLD_EVERY - 1) == hold]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    partial_p: int = 0  # predicted mentions overlapping a gold span of their type
    partial_r: int = 0  # gold spans overlapped by a predicted mention of their type

    def as_dict(self) -> dict[str, float]:
        def prf(tp_p: int, tp_r: int) -> tuple[float, float, float]:
            p = tp_p / self.predicted if self.predicted else 0.0
            r = tp_r / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = prf(self.exact, self.exact)
        pp, pr, pf = prf(self.partial_p, self.partial_r)
        return {"gold": self.gold, "predicted": self.predicted, "precision": p, "recall": r, "f1": f,
                "partial_precision": pp, "partial_recall": pr, "partial_f1": pf}


@dataclass(slots=True)
class EntityReport:
    docs: int = 0
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        c = Counts()
        for x in self.by_type.values():
            c.gold += x.gold
            c.predicted += x.predicted
            c.exact += x.exact
            c.partial_p += x.partial_p
            c.partial_r += x.partial_r
        return c

    def to_json(self) -> dict[str, object]:
        return {"docs": self.docs, "types": {t: c.as_dict() for t, c in self.by_type.items()},
                "all": self.overall.as_dict()}


def _same(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Same end, and starts equal or apart by leading clitics only."""
    if a[1] != b[1]:
        return False
    lo, hi = sorted((a[0], b[0]))
    return lo == hi or text[lo:hi] in _CLITIC_GAPS


def score_doc(doc: GoldDoc, predicted: Iterable[tuple[str, int, int]], report: EntityReport) -> None:
    """Add one document's matches to `report`. `predicted` holds (coarse type, start, end)."""
    preds = sorted(set(predicted), key=lambda p: (p[1], p[2]))
    report.docs += 1
    gold_by_type: dict[str, list[tuple[int, int]]] = {t: [] for t in TYPES}
    for s in doc.spans:
        gold_by_type[s.type].append((s.start, s.end))
    for t in TYPES:
        gold = gold_by_type[t]
        pred = [(s, e) for typ, s, e in preds if typ == t]
        c = report.by_type[t]
        c.gold += len(gold)
        c.predicted += len(pred)
        used: set[int] = set()
        for p in pred:
            k = next((k for k, g in enumerate(gold) if k not in used and _same(doc.text, p, g)), None)
            if k is not None:
                used.add(k)
                c.exact += 1
            elif len(report.extras) < 5000:
                report.extras.append(f"{t} {doc.text[p[0]:p[1]]!r} (doc {doc.index})")
        c.partial_p += sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold))
        c.partial_r += sum(1 for g in gold if any(p[0] < g[1] and g[0] < p[1] for p in pred))
        for k, g in enumerate(gold):
            if k not in used and len(report.misses) < 5000:
                report.misses.append(f"{t} {doc.text[g[0]:g[1]]!r} (doc {doc.index})")


def coarse(mentions: Iterable[Mention]) -> list[tuple[str, int, int]]:
    """(PER|LOC|ORG, start, end) of the named mentions (groups of witnesses etc. are not names)."""
    return [(_COARSE[m.type], m.start, m.end) for m in mentions
            if m.type in _COARSE and m.named and not m.key.startswith("group:")]


def evaluate_entities(docs: Sequence[GoldDoc], tagger: Tagger | None = None) -> EntityReport:
    """rasd's entities on each document's text (with `tagger`, the trained model's), scored against its gold."""
    report = EntityReport()
    people = People()  # names learned in earlier documents, as a corpus run learns them
    for d in docs:
        score_doc(d, coarse(text_mentions(d.text, people, tagger)), report)
    return report

"""The source ledger of an event or story: every figure with who gives it, which outlets carry it
and when, and how the figures compare.

Facts are grouped by (kind, subject): "killed, AM". Within a group a line is
- `denied` when a denial in the same scope names the same kind (and a compatible side),
- `updated` when one claimant gives different figures over time (25 → 27 killed); the note
  also names other claimants whose figures differ from the latest one,
- `differ` when claimants give incompatible figures,
- `agree` when two or more articles or claimants give compatible figures,
- `single` otherwise.
Numbers are claims, not truths: nothing is averaged or picked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasd.store.extract import ClaimRow


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    id: str
    source: str | None
    published: str | None


@dataclass(slots=True)
class Report:
    """One figure as one claimant gives it, with every article that carries it."""

    value: int | None
    value_max: int | None
    qualifier: str
    claimant: str | None
    claimant_name: str | None
    polarity: str
    time: str | None
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (article, start, end) of the figure
    order: tuple[str, int] = ("", 0)  # (time or "", position) of its first appearance

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value, "value_max": self.value_max, "qualifier": self.qualifier,
            "claimant": self.claimant, "claimant_name": self.claimant_name, "polarity": self.polarity,
            "time": self.time, "articles": self.articles, "outlets": self.outlets, "surfaces": self.surfaces,
            "spans": [{"article": a, "start": s, "end": e} for a, s, e in self.spans],
        }  # fmt: skip


@dataclass(slots=True)
class Line:
    kind: str
    subject: str | None
    subject_name: str | None
    status: str
    reports: list[Report]
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "subject_name": self.subject_name,
                "status": self.status, "note": self.note, "reports": [r.to_json() for r in self.reports]}


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim without a figure: who said what, with the reporting verb."""

    article: str
    start: int
    end: int
    claimant: str | None
    claimant_name: str | None
    verb: str | None
    polarity: str
    time: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "claimant": self.claimant,
                "claimant_name": self.claimant_name, "verb": self.verb, "polarity": self.polarity,
                "time": self.time, "text": self.text}


@dataclass(slots=True)
class Ledger:
    scope: str
    lines: list[Line]
    denials: list[Statement]
    statements: list[Statement]
    articles: int
    outlets: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"scope": self.scope, "articles": self.articles, "outlets": self.outlets,
                "lines": [x.to_json() for x in self.lines], "denials": [d.to_json() for d in self.denials],
                "statements": [s.to_json() for s in self.statements]}


def _compatible(a: Report, b: Report) -> bool:
    """Two figures that can both be true: equal, or a vague/lower bound the other satisfies."""
    if a.value is None or b.value is None:
        return True
    if a.value == b.value and a.value_max == b.value_max:
        return True
    for (xv, xq), (yv, yq) in (((a.value, a.qualifier), (b.value, b.qualifier)),
                               ((b.value, b.qualifier), (a.value, a.qualifier))):
        if xq in ("vague", "more_than", "at_least") and yv >= xv and yq != "less_than":
            return xq != "more_than" or yv > xv
        if xq == "about" and abs(yv - xv) <= max(1, xv // 10):
            return True
    return False


def _status(reports: list[Report], denied_by: list[str]) -> tuple[str, str]:
    asserted = [r for r in reports if r.polarity == "asserts"]
    if denied_by:
        return "denied", "denied by " + ", ".join(sorted(set(denied_by)))
    by_claimant: dict[str | None, list[Report]] = {}
    for r in asserted:
        by_claimant.setdefault(r.claimant, []).append(r)
    for claimant, rs in by_claimant.items():
        values = sorted(rs, key=lambda r: r.order)
        if claimant is not None and len({(r.value, r.qualifier) for r in values}) > 1:
            steps = " → ".join(_figure(r) for r in values)
            note = f"{values[0].claimant_name or claimant}: {steps}"
            others = [r for r in asserted if r.claimant != claimant and not _compatible(r, values[-1])]
            if others:  # other claimants' figures are not steps of this update: say they differ
                note += " · others differ: " + " / ".join(f"{_figure(r)} ({r.claimant_name or 'unattributed'})"
                                                        for r in others)  # fmt: skip
            return "updated", note
    if any(not _compatible(a, b) for i, a in enumerate(asserted) for b in asserted[i + 1 :]):
        return "differ", " / ".join(f"{_figure(r)} ({r.claimant_name or 'unattributed'})" for r in asserted)
    n_articles = len({a for r in asserted for a in r.articles})
    if n_articles > 1 or len(by_claimant) > 1:
        return "agree", f"{n_articles} articles, {len(by_claimant)} claimants"
    return "single", ""


def _figure(r: Report) -> str:
    q = {"more_than": ">", "at_least": "≥", "about": "~", "less_than": "<", "up_to": "≤", "vague": "~"}.get(
        r.qualifier, "")
    if r.qualifier == "range":
        return f"{r.value}–{r.value_max}"
    return f"{q}{r.value}"


def _fold_countries(reports: list[Report]) -> list[Report]:
    """A figure credited to a country ("AM") and the same figure credited to one of its institutions
    ("mod@AM") is one source named two ways, not two sources agreeing: the country's report is folded
    into the institution's (its articles, outlets, surfaces and spans added)."""
    out: list[Report] = []
    for r in reports:
        same = (r.value, r.value_max, r.qualifier, r.polarity)
        into = next((x for x in reports if x is not r and r.claimant and "@" not in r.claimant
                     and (x.claimant or "").endswith("@" + r.claimant)
                     and (x.value, x.value_max, x.qualifier, x.polarity) == same), None)  # fmt: skip
        if into is None:
            out.append(r)
            continue
        for a in r.articles:
            if a not in into.articles:
                into.articles.append(a)
        into.outlets += [o for o in r.outlets if o not in into.outlets]
        into.surfaces += [t for t in r.surfaces if t not in into.surfaces]
        into.spans += r.spans
        into.order = min(into.order, r.order)
    return sorted(out, key=lambda x: x.order)


def build(scope: str, rows: Sequence[ClaimRow], meta: dict[str, ArticleMeta], texts: dict[str, str],
          name_of: Callable[[str | None], str | None]) -> Ledger:
    """The ledger of the claims in `rows` (articles described by `meta`; raw texts for statements)."""
    groups: dict[tuple[str, str | None], dict[tuple[Any, ...], Report]] = {}
    denials: list[Statement] = []
    statements: list[Statement] = []
    seen_claims: set[tuple[str, int]] = set()
    for r in rows:
        m = meta.get(r.article, ArticleMeta(r.article, None, None))
        if r.kind is None or r.polarity == "denies":
            if (r.article, r.claim) not in seen_claims:
                seen_claims.add((r.article, r.claim))
                text = texts.get(r.article, "")[r.start : r.end].strip()
                st = Statement(r.article, r.start, r.end, r.claimant, name_of(r.claimant), r.verb, r.polarity,
                               r.time, text)
                (denials if r.polarity == "denies" else statements).append(st)
            if r.kind is None:
                continue
        kind = r.kind + (" · among them" if r.side == "among" else "")
        if r.time and m.published and r.time[:4] < m.published[:4]:
            kind += f" · background {r.time}"
        key = (kind, r.subject)
        rep_key = (r.value, r.value_max, r.qualifier, r.claimant, r.polarity)
        rep = groups.setdefault(key, {}).get(rep_key)
        if rep is None:
            rep = Report(r.value, r.value_max, r.qualifier or "exact", r.claimant, name_of(r.claimant), r.polarity,
                         r.time, order=(r.time or m.published or "", r.fact_start or 0))
            groups[key][rep_key] = rep
        if r.article not in rep.articles:
            rep.articles.append(r.article)
        if m.source and m.source not in rep.outlets:
            rep.outlets.append(m.source)
        if r.surface and r.surface not in rep.surfaces:
            rep.surfaces.append(r.surface)
        rep.spans.append((r.article, r.fact_start or 0, r.fact_end or 0))
    lines: list[Line] = []
    for (kind, subject), reps in groups.items():
        reports = _fold_countries(sorted(reps.values(), key=lambda x: x.order))
        deniers = [x.claimant_name or x.claimant or "unattributed" for (k, s), g in groups.items()
                   if k.split(" · ")[0] == kind.split(" · ")[0]
                   and (s is None or subject is None or s == subject) for x in g.values() if x.polarity == "denies"]
        if all(x.polarity == "denies" for x in reports):
            continue  # the denial itself is listed with the line it denies
        status, note = _status(reports, deniers)
        lines.append(Line(kind, subject, name_of(subject), status, reports, note))
    lines.sort(key=lambda x: (x.kind, x.subject or ""))
    outlets = sorted({m.source for m in meta.values() if m.source})
    return Ledger(scope, lines, denials, statements, len(meta), outlets)

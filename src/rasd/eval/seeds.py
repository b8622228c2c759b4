"""Scores against gold annotations. `rasd eval seeds` prints per-field accuracy.

The seeds' gold.json (see ../shared/seeds/README.md) annotates titles, publication dates,
relative and background dates, credits, boilerplate lines and repeated paragraphs. Texts are
compared after `normalize()`, so tatweel in a title or a stray damma in a boilerplate line
does not count against rasd.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.errors import InputError, NotFound
from rasd.model import Article, Reason
from rasd.store import Store


@dataclass(slots=True)
class Score:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, ok: bool) -> bool:
        self.total += 1
        self.right += int(ok)
        return ok


@dataclass(slots=True)
class Report:
    fields: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def check(self, name: str, ok: bool, what: str) -> None:
        if not self.fields.setdefault(name, Score()).add(ok):
            self.misses.append(f"{name}: {what}")

    def to_json(self) -> dict[str, Any]:
        return {
            "fields": {k: {"right": s.right, "total": s.total, "accuracy": round(s.accuracy, 4)}
                       for k, s in self.fields.items()},
            "misses": self.misses,
        }  # fmt: skip


def _n(text: str) -> str:
    return " ".join(normalize(text).split())


def _removed_texts(a: Article, *reasons: Reason) -> list[str]:
    return [_n(r.span.of(a.raw)) for r in a.removed if r.reason in reasons]


def score_article(report: Report, aid: str, a: Article, g: dict[str, Any]) -> None:
    """Compare one article with its gold entry, field by field."""
    if "title" in g:
        want = g["title"]
        got = a.title
        ok = (want is None and got is None) or (want is not None and got is not None and _n(want) == _n(got))
        report.check("title", ok, f"{aid} want {want!r} got {got!r}")
    if "published" in g:
        want = g["published"]
        got = a.published.iso() if a.published else None
        report.check("published", want == got, f"{aid} want {want} got {got}")
    for credit in g.get("credits", []):
        names = [_n(c.name) for c in a.credits]
        report.check("credits", _n(credit) in names, f"{aid} credit {credit!r} not in {names}")
    for rel in g.get("relative_dates", []):
        text = _n(rel["text"])
        ok = any(text in _n(t.text) and t.value == rel["date"] for t in a.time_refs)
        report.check("relative_dates", ok, f"{aid} {rel['text']!r} -> {rel['date']}: got "
                     + str([(t.text, t.value) for t in a.time_refs if text in _n(t.text)]))
    values = {t.value for t in a.time_refs}
    for bg in g.get("background_dates", []):
        report.check("background_dates", bg in values, f"{aid} {bg} not among {sorted(v or '?' for v in values)}")
    furniture = _removed_texts(a, *(r for r in Reason if r not in (Reason.REPEATED, Reason.BLANK)))
    for line in g.get("boilerplate_lines", []):
        report.check("boilerplate_lines", _n(line) in furniture, f"{aid} not removed: {line!r}")
    repeats = _removed_texts(a, Reason.REPEATED)
    for prefix in g.get("repeated_paragraphs", []):
        hits = [r for r in repeats if r.startswith(_n(prefix))]
        report.check("repeated_paragraphs", len(hits) == 1, f"{aid} repeat {prefix!r} removed {len(hits)} times")
    kept = [_n(p.of(a.raw)) for p in a.paragraphs]
    for sub in g.get("subheadings", []):
        report.check("subheadings_kept", _n(sub) in kept, f"{aid} subheading dropped: {sub!r}")


def evaluate_seeds(store: Store, gold_path: Path) -> Report:
    """Score the stored articles against a gold.json in the seeds' format."""
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        entries: dict[str, dict[str, Any]] = gold["articles"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"cannot read gold file {gold_path}: {e}") from e
    report = Report()
    for aid, g in sorted(entries.items()):
        try:
            article = store.get(aid)
        except NotFound:
            report.check("articles_present", False, f"{aid} is not in the store")
            continue
        report.check("articles_present", True, aid)
        score_article(report, aid, article, g)
    return report

"""`rasd eval claims`: numeric facts and attributed statements against gold annotations.

Two gold formats are read:
- the seeds' `gold.json` ("claims": claimant, an English fact description, value or values,
  articles, disputed_by): recall of each figure in each listed article, claimant accuracy, and
  whether the ledger flags the update (values 25 → 27) and the denial;
- a JSONL file, one line per numeric fact (`type: fact`, kind, value, qualifier, subject,
  claimant, polarity) or per attributed statement (`type: claim`, claimant, verb, polarity):
  precision and recall of facts, of facts with their claimant, and of statements.
A gold claimant is written as text; it is resolved to an entity key the way article text is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.eval.gold import numbered_rows
from rasd.extract.entities import find_mentions
from rasd.extract.people import person_key
from rasd.extract.tokens import norm_word, strip_clitic
from rasd.extract.types import KINDS
from rasd.names.gazetteer import canonical_key
from rasd.present.views import ledger_view
from rasd.store import Store
from rasd.store.extract import ClaimRow

_KIND_WORDS = (  # English description -> kind, most specific first
    ("killed and wounded", "casualties"), ("anti-aircraft", "air_defence"), ("air-defence", "air_defence"),
    ("air defence", "air_defence"), ("helicopter", "helicopter"), ("drone", "drone"), ("tank", "tank"),
    ("wounded", "wounded"), ("injured", "wounded"), ("killed", "killed"), ("dead", "killed"),
    ("evacuated", "evacuated"), ("captured", "captured"), ("missing", "missing"), ("displaced", "displaced"),
)


@dataclass(frozen=True, slots=True)
class GoldFact:
    article: str
    kind: str
    value: int | None
    qualifier: str | None  # None: any
    claimants: tuple[str, ...]  # resolved keys, any of which is right; () when unattributed
    subject: str | None = None
    polarity: str = "asserts"
    updates: bool = False
    denied_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldStatement:
    article: str
    claimants: tuple[str, ...]
    verb: str
    polarity: str


@dataclass(slots=True)
class ClaimsReport:
    facts: dict[str, float] = field(default_factory=dict)
    statements: dict[str, float] = field(default_factory=dict)
    flags: dict[str, float] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    misattributed: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"facts": self.facts, "statements": self.statements, "flags": self.flags,
                "misses": self.misses, "extras": self.extras, "misattributed": self.misattributed}


def resolve_claimant(text: str | None) -> tuple[str, ...]:
    """Entity keys a gold claimant written as text stands for ("A / B" gives both)."""
    if not text:
        return ()
    keys: list[str] = []
    for part in text.split("/"):
        part = part.strip()
        found = [m.key for m in find_mentions(part) if m.start == 0 or m.type == "PER"]
        if found:
            keys.append(found[0])
        elif canonical_key(part):
            keys.append(str(canonical_key(part)))
        else:
            keys.append(person_key([norm_word(w) for w in part.split()]))
    return tuple(keys)


def _english_side(fact: str) -> str | None:
    for word in re.findall(r"[A-Z][a-z]+", fact):
        for cand in (word, word[:-1], word[:-1] + "a", word[:-2] + "a"):
            key = canonical_key(cand)
            if key:
                return key
    return None


def read_seeds_gold(path: Path) -> list[GoldFact]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldFact] = []
    for c in data.get("claims", []):
        desc = str(c.get("fact", "")).lower()
        kind = next((k for w, k in _KIND_WORDS if w in desc), None)
        if kind is None:
            continue
        claimants = resolve_claimant(c.get("claimant"))
        denied = resolve_claimant(str(c["disputed_by"]).split("(")[0]) if c.get("disputed_by") else ()
        side = _english_side(str(c.get("fact", "")))
        values: list[Any] = c["values"] if "values" in c else [c.get("value")]
        for n, v in enumerate(values):
            qual, val = None, v
            if isinstance(v, str) and v.startswith(">"):
                qual, val = "more_than", int(v[1:])
            for a in c.get("articles", []):
                out.append(GoldFact(a, kind, val, qual, claimants, side, "asserts", n > 0, denied))
    return out


def read_jsonl_gold(path: Path) -> tuple[list[GoldFact], list[GoldStatement]]:
    facts: list[GoldFact] = []
    statements: list[GoldStatement] = []
    for n, d in numbered_rows(path):
        if d.get("type") == "fact":
            if d.get("kind") not in KINDS:
                raise InputError(f"{path}:{n}: unknown kind {d.get('kind')!r}")
            facts.append(GoldFact(d["article"], d["kind"], d.get("value"), d.get("qualifier"),
                                  resolve_claimant(d.get("claimant")), d.get("subject"),
                                  d.get("polarity", "asserts"), bool(d.get("update"))))
        elif d.get("type") == "claim":
            statements.append(GoldStatement(d["article"], resolve_claimant(d.get("claimant")), d.get("verb", ""),
                                            d.get("polarity", "asserts")))
    return facts, statements


def _verb_key(verb: str | None) -> str:
    w = norm_word(verb or "")
    return strip_clitic(w) if len(w) > 3 and w[0] in "وف" else w


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _score(found: int, predicted: int, gold: int) -> dict[str, float]:
    p, r = _ratio(found, predicted), _ratio(found, gold)
    return {"precision": p, "recall": r, "f1": _ratio(2 * p * r, p + r), "gold": gold, "predicted": predicted}


def _fact_match(g: GoldFact, r: ClaimRow) -> bool:
    return (r.article == g.article and r.kind == g.kind and (g.value is None or r.value == g.value)
            and (g.qualifier is None or (r.qualifier or "exact") == g.qualifier) and r.polarity == g.polarity)


def evaluate_claims(store: Store, facts: list[GoldFact], statements: list[GoldStatement],
                    judge_precision: bool) -> ClaimsReport:
    """Score what `store` extracted. Precision only counts articles the gold covers, and only when
    the gold lists every fact of them (`judge_precision`)."""
    articles = sorted({g.article for g in facts} | {s.article for s in statements})
    rows = store.claim_rows(articles)
    fact_rows = [r for r in rows if r.kind is not None]
    report = ClaimsReport()
    used: set[tuple[str, int]] = set()
    found = with_claimant = with_subject = 0
    for g in facts:
        cands = [r for r in fact_rows if (r.article, r.seq) not in used and _fact_match(g, r)]
        hit = next((r for r in cands if (r.claimant in g.claimants if g.claimants else r.claimant is None)),
                   cands[0] if cands else None)
        if hit is None:
            report.misses.append(f"{g.article}: {g.kind} {g.value} ({g.qualifier or 'any'})")
            continue
        used.add((hit.article, hit.seq))
        found += 1
        right = (hit.claimant in g.claimants) if g.claimants else hit.claimant is None
        with_claimant += right
        if not right:
            report.misattributed.append(f"{g.article}: {g.kind} {g.value} by {hit.claimant} "
                                        f"(gold {', '.join(g.claimants) or 'none'})")
        with_subject += g.subject is None or hit.subject == g.subject
    predicted = len(fact_rows) if judge_precision else found
    report.extras = [f"{r.article}: {r.kind} {r.value} «{r.surface}»" for r in fact_rows
                     if (r.article, r.seq) not in used] if judge_precision else []
    report.facts = _score(found, predicted, len(facts))
    report.facts["claimant_accuracy"] = _ratio(with_claimant, found)
    report.facts["subject_accuracy"] = _ratio(with_subject, found)
    report.facts["facts_and_claimants_recall"] = _ratio(with_claimant, len(facts))
    if statements:
        report.statements = _statements(rows, statements)
    report.flags = _flags(store, facts)
    return report


def _statements(rows: list[ClaimRow], gold: list[GoldStatement]) -> dict[str, float]:
    claims = {(r.article, r.claim): r for r in rows if r.verb is not None}
    used: set[tuple[str, int]] = set()
    found = right = 0
    for g in gold:
        key = next((k for k, r in claims.items() if k not in used and r.article == g.article
                    and _verb_key(r.verb) == _verb_key(g.verb)), None)
        if key is None:
            continue
        used.add(key)
        found += 1
        r = claims[key]
        right += (r.claimant in g.claimants) if g.claimants else r.claimant is None
    out = _score(found, len(claims), len(gold))
    out["claimant_accuracy"] = _ratio(right, found)
    return out


def _flags(store: Store, facts: Iterable[GoldFact]) -> dict[str, float]:
    """Share of gold updates and denials that the ledgers of the articles' events flag."""
    placements = store.placements()
    want_update = {(g.article, g.kind) for g in facts if g.updates}
    want_denial = {(g.article, g.kind) for g in facts if g.denied_by}
    got: dict[str, set[tuple[str, str]]] = {"updated": set(), "denied": set()}
    for event in {placements[a][0] for a, _ in want_update | want_denial if a in placements}:
        for line in ledger_view(store, event).lines:
            if line.status in got:
                got[line.status].update((a, line.kind) for r in line.reports for a in r.articles)
    out: dict[str, float] = {}
    if want_update:
        out["updates_flagged"] = _ratio(len(want_update & got["updated"]), len(want_update))
    if want_denial:
        out["denials_flagged"] = _ratio(len(want_denial & got["denied"]), len(want_denial))
    return out


def read_gold(path: Path) -> tuple[list[GoldFact], list[GoldStatement], bool]:
    """Gold facts and statements from either format; the flag says whether precision can be judged."""
    if not path.exists():
        raise InputError(f"no gold file at {path}")
    if path.suffix == ".json":
        try:
            return read_seeds_gold(path), [], False
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            raise InputError(f"{path}: not a seeds gold file ({e})") from e
    try:
        facts, statements = read_jsonl_gold(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:  # a binary or odd-shaped file
        raise InputError(f"{path}: not a gold file of fact and claim lines ({type(e).__name__}: {e})") from e
    return facts, statements, True

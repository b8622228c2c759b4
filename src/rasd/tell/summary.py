"""An event's extractive summary: sentences as written, each cited to every article that carries it.

1. The quotable sentences of every article (`docs.sentences`: no headline, date line, caption,
   "read also" or other furniture).
2. The same sentence in several articles (a wire text reprinted by five outlets, lightly edited)
   becomes one unit: two sentences are the same when their normalized words overlap by
   `SAME_WIRE` (Jaccard) or the shorter is `CONTAINED` inside the longer. A unit is quoted from
   its earliest article and cites all of them.
3. Score = centrality (cosine of the unit's lemma tf-idf with the event's, units weighted by
   how many articles carry them) + support (share of the event's articles carrying it) + lead
   position + a bonus for stating a ledger figure (its latest value; a figure the claimant later
   updated is a penalty), less when the sentence dates itself only in past years (background,
   which the story timeline tells).
4. Greedy selection within the budget (default 5), skipping a unit whose lemma cosine with one
   already chosen exceeds `REDUNDANT`, then in reading order (earliest article, then position).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.extract.ledger import Ledger
from rasd.tell.docs import Doc, Sent, cos, ledger_marks, norm, sentences, tfidf
from rasd.tell.title import event_title
from rasd.tell.types import Citation, EventTitle, Summary, SummarySentence

BUDGET = 5
# The version of the event views kept in the store (store/views.py): an event's summary (this module,
# tell/title.py, tell/docs.py) and its ledger (present/views.py ledger_view) as JSON. Bump it when
# what they produce changes: every kept view is then computed again on its next request.
VIEWS_VERSION = 1
SAME_WIRE = 0.6
CONTAINED = 0.85
REDUNDANT = 0.45
W_CENTRAL, W_SUPPORT, W_LEAD, W_FIGURE, W_STALE, W_PAST = 1.0, 0.35, 0.25, 0.2, 0.3, 0.3


@dataclass(slots=True)
class Unit:
    sents: list[Sent] = field(default_factory=list)

    @property
    def head(self) -> Sent:
        return min(self.sents, key=lambda s: (s.doc.order, s.position))


def _same(a: Sent, b: Sent) -> bool:
    inter = len(a.tokens & b.tokens)
    if not inter:
        return False
    small = min(len(a.tokens), len(b.tokens))
    return inter / len(a.tokens | b.tokens) >= SAME_WIRE or (small >= 6 and inter / small >= CONTAINED)


def group_units(sents: Sequence[Sent]) -> list[Unit]:
    """Sentences grouped into units of the same wire text (union-find over candidate pairs that
    share a rare word pair)."""
    parent = list(range(len(sents)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    keys: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        toks = sorted(s.tokens, key=lambda t: (-len(t), t))[:4]  # its longest words: rare enough to index
        for x in range(len(toks)):
            for y in range(x + 1, len(toks)):
                keys[(toks[x], toks[y])].append(i)
    for ids in keys.values():
        if len(ids) > 200:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = ids[x], ids[y]
                if find(a) != find(b) and sents[a].doc.id != sents[b].doc.id and _same(sents[a], sents[b]):
                    parent[find(a)] = find(b)
    units: dict[int, Unit] = {}
    for i, s in enumerate(sents):
        units.setdefault(find(i), Unit()).sents.append(s)
    return list(units.values())


def _figures(unit: Unit, marks: dict[str, list[tuple[int, int, str, bool]]]) -> tuple[list[str], int, int]:
    """The ledger figures a unit states, and how many of them are latest and stale."""
    found: list[str] = []
    fresh = stale = 0
    for s in unit.sents:
        for start, end, label, is_fresh in marks.get(s.doc.id, ()):
            if s.span.start <= start and end <= s.span.end and label not in found:
                found.append(label)
                fresh += is_fresh
                stale += not is_fresh
    return found, fresh, stale


def _past_only(s: Sent) -> bool:
    """The sentence dates itself only before its article's year: background, for the timeline."""
    year = (s.doc.when or s.doc.fetched or "")[:4]
    refs = [r.value for r in s.doc.article.time_refs
            if r.value and s.span.start <= r.span.start and r.span.end <= s.span.end]
    return bool(year and refs) and all(v[:4] < year for v in refs)


def summarize(event_id: str, docs: Sequence[Doc], ledger: Ledger | None = None, budget: int = BUDGET,
              title: EventTitle | None = None) -> Summary:
    """The summary of the event made of `docs` (its ledger, when given, steers toward its figures)."""
    docs = sorted(docs, key=lambda d: d.order)
    title = title if title is not None else event_title(docs)
    outlets = tuple(sorted({d.outlet or d.id for d in docs}))
    sents = [s for d in docs for s in sentences(d)]
    units = group_units(sents)
    if not units or budget <= 0:
        return Summary(event_id, title, (), len(docs), outlets)
    vecs, _ = tfidf([u.head.lemmas for u in units])
    support = [len({s.doc.id for s in u.sents}) for u in units]
    centroid: dict[str, float] = defaultdict(float)
    for v, n in zip(vecs, support, strict=True):
        for k, w in v.items():
            centroid[k] += w * n
    norms = [norm(v) or 1.0 for v in vecs]
    c_norm = norm(centroid) or 1.0
    marks, _ = ledger_marks(ledger)
    n_docs = max(1, len(docs))
    scored: list[tuple[float, int, list[str]]] = []
    for i, u in enumerate(units):
        figs, fresh, stale = _figures(u, marks)
        lead = 1.0 / (1 + min(s.position for s in u.sents))
        score = (W_CENTRAL * cos(vecs[i], centroid, norms[i], c_norm)
                 + W_SUPPORT * math.log1p(support[i]) / math.log1p(n_docs)
                 + W_LEAD * lead + (W_FIGURE if fresh else 0.0) - W_STALE * stale / max(1, fresh + stale)
                 - (W_PAST if _past_only(u.head) else 0.0))
        scored.append((score, i, figs))
    scored.sort(key=lambda x: (-x[0], units[x[1]].head.doc.order, units[x[1]].head.position))
    chosen: list[tuple[float, int, list[str]]] = []
    for cand in scored:
        if len(chosen) >= budget:
            break
        i = cand[1]
        if any(cos(vecs[i], vecs[c[1]], norms[i], norms[c[1]]) > REDUNDANT for c in chosen):
            continue
        chosen.append(cand)
    chosen.sort(key=lambda c: (units[c[1]].head.doc.order, units[c[1]].head.position))
    out = []
    for score, i, figs in chosen:
        u = units[i]
        cites = sorted({Citation(s.doc.id, s.doc.outlet, s.span.start, s.span.end) for s in u.sents},
                       key=lambda c: (c.article != u.head.doc.id, c.article, c.start))
        out.append(SummarySentence(u.head.text, tuple(cites), score, tuple(figs)))
    return Summary(event_id, title, tuple(out), len(docs), outlets)

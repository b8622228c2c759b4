"""`rasd eval tell`: summaries and timelines against hand-written references on real articles.

The reference events' and stories' articles (by the realdev labels) are read from the shared sets
with their feed/crawl times, run through the whole pipeline into a temporary store, and told with
the labelled grouping (so clustering errors do not blur the score). Measured per event, then averaged:
- ROUGE-1/2 (recall, precision, F1) on normalized, light-stemmed tokens (`tokens`: a stock ROUGE
  tokenizer drops Arabic letters), for the summary and for the lead baseline (the first sentences
  of the event's earliest article up to the summary's length in words, furniture removed the same way);
- redundancy: the largest lemma cosine between two sentences of one summary;
- figure coverage: the share of the ledger's figures (asserted reports) whose span lies inside a
  cited span of a summary sentence;
- citation completeness: the share of summary sentences citing every outlet whose article carries
  the same sentence (the same-wire test of `tell.summary`);
- furniture: summary sentences that overlap a removed span or that `tell.docs.quotable` refuses (want 0).
Timelines: precision/recall/F1 of the story's event days and of its background dates (exact value,
and by year) against the hand timeline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.arabic.normalize import normalize, strip_marks
from rasd.errors import InputError
from rasd.eval.gold import read_jsonl
from rasd.eval.realdev_stream import ingest, read_spec, read_stream
from rasd.extract.ledger import ArticleMeta, Ledger
from rasd.extract.ledger import build as build_ledger
from rasd.present.views import entity_name
from rasd.store import Store
from rasd.tell.docs import Doc, cos, ledger_marks, make_doc, quotable, sentences
from rasd.tell.summary import _same, summarize
from rasd.tell.timeline import StoryEvent, story_timeline
from rasd.tell.types import Summary

_TOKEN = re.compile(r"[^\W_]+")
_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و")
_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "ه", "ي")


def _stem(word: str) -> str:
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p):]
            break
    for s in _SUFFIXES:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word


def tokens(text: str) -> list[str]:
    """Normalized, light-stemmed tokens: our ROUGE tokenizer (Arabic letters kept, clitics cut)."""
    return [_stem(w) for w in _TOKEN.findall(normalize(strip_marks(text)))]


def rouge(candidate: str, reference: str, n: int) -> dict[str, float]:
    def grams(toks: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))

    c, r = grams(tokens(candidate)), grams(tokens(reference))
    hit = sum((c & r).values())
    p = hit / max(1, sum(c.values()))
    rec = hit / max(1, sum(r.values()))
    return {"p": p, "r": rec, "f": 2 * p * rec / (p + rec) if p + rec else 0.0}


def prf(pred: set[str], gold: set[str]) -> dict[str, float]:
    hit = len(pred & gold)
    p, r = hit / max(1, len(pred)), hit / max(1, len(gold))
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "pred": len(pred), "gold": len(gold)}


@dataclass(slots=True)
class TellReport:
    events: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    mean: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"mean": self.mean, "events": self.events, "stories": self.stories}


def _ledger(store: Store, scope: str, docs: list[Doc]) -> Ledger:
    meta = {d.id: ArticleMeta(d.id, d.outlet, d.when) for d in docs}
    rows = store.claim_rows(list(meta))
    texts = {d.id: d.article.raw for d in docs}
    return build_ledger(scope, rows, meta, texts, lambda k: entity_name(store, k))


def event_scores(summary: Summary, docs: list[Doc], ledger: Ledger, reference: str) -> dict[str, Any]:
    """Every figure of one event's summary against its reference (and the lead baseline's ROUGE)."""
    text = " ".join(s.text for s in summary.sentences)
    lead_doc = min(docs, key=lambda d: d.order)
    budget = len(text.split())
    lead_sents: list[str] = []
    for x in sentences(lead_doc):  # its first sentences, up to the summary's length in words
        if lead_sents and sum(len(y.split()) for y in lead_sents) >= budget:
            break
        lead_sents.append(x.text)
    lead = " ".join(lead_sents)
    vecs = [Counter(tokens(s.text)) for s in summary.sentences]
    redundancy = max((cos({k: float(v) for k, v in a.items()}, {k: float(v) for k, v in b.items()})
                      for i, a in enumerate(vecs) for b in vecs[i + 1 :]), default=0.0)
    marks, total = ledger_marks(ledger)
    cited = {(c.article, c.start, c.end) for s in summary.sentences for c in s.citations}
    covered = set()
    for art, spans in marks.items():
        for start, end, label, _ in spans:
            if any(a == art and cs <= start and end <= ce for a, cs, ce in cited):
                covered.add(label)
    n_labels = len({label for spans in marks.values() for _, _, label, _ in spans})
    all_sents = [s for d in docs for s in sentences(d)]
    complete = 0
    furniture = 0
    by_id = {d.id: d for d in docs}
    for s in summary.sentences:
        head = next(x for x in all_sents if x.doc.id == s.citations[0].article and x.span.start == s.citations[0].start)
        carriers = {x.doc.outlet or x.doc.id for x in all_sents if x is head or _same(head, x)}
        complete += carriers <= set(s.outlets)
        for c in s.citations:
            a = by_id[c.article].article
            if not quotable(a.raw[c.start : c.end]) or any(r.span.start < c.end and c.start < r.span.end
                                                            for r in a.removed):
                furniture += 1
                break
    return {
        "event": summary.event, "articles": len(docs), "sentences": len(summary.sentences),
        "words": len(text.split()), "lead_words": len(lead.split()), "title": summary.title.text,
        "rouge1": rouge(text, reference, 1), "rouge2": rouge(text, reference, 2),
        "lead_rouge1": rouge(lead, reference, 1), "lead_rouge2": rouge(lead, reference, 2),
        "redundancy": redundancy, "figures": n_labels, "figures_total_reports": total,
        "figure_coverage": len(covered) / n_labels if n_labels else None,
        "citation_complete": complete / max(1, len(summary.sentences)), "furniture": furniture,
    }


def _days(values: Iterable[str | None]) -> set[str]:
    return {v.split("/")[0][:10] for v in values if v}


def evaluate_tell(refs_path: Path, labels: Path, data: Path) -> TellReport:
    refs = read_jsonl(refs_path)
    gold = read_jsonl(labels / "events.jsonl")
    members: dict[str, list[str]] = {}
    story_events: dict[str, dict[str, list[str]]] = {}
    for row in gold:
        members.setdefault(str(row["event"]), []).append(str(row["id"]))
        story_events.setdefault(str(row["story"]), {}).setdefault(str(row["event"]), []).append(str(row["id"]))
    want: set[str] = set()
    for r in refs:
        if r.get("kind") == "event":
            if r.get("event") not in members:
                raise InputError(f"{refs_path}: no labelled event {r.get('event')!r} in {labels}/events.jsonl")
            want.update(members[str(r["event"])])
        elif r.get("kind") == "story":
            if r.get("story") not in story_events:
                raise InputError(f"{refs_path}: no labelled story {r.get('story')!r} in {labels}/events.jsonl")
            want.update(i for ids in story_events[str(r["story"])].values() for i in ids)
        else:
            raise InputError(f"{refs_path}: each line needs kind 'event' or 'story'")
    docs_json = [d for d in read_stream(data, read_spec(labels)) if str(d.get("id")) in want]
    report = TellReport()
    with Store(":memory:") as store:
        ingest(docs_json, store, "times")
        stored = set(store.known_hashes())

        def docs_of(ids: list[str]) -> list[Doc]:
            return sorted((make_doc(store.get(i)) for i in ids if i in stored), key=lambda d: d.order)

        for r in refs:
            if r["kind"] == "event":
                docs = docs_of(members[str(r["event"])])
                ledger = _ledger(store, str(r["event"]), docs)
                report.events.append(event_scores(summarize(str(r["event"]), docs, ledger), docs, ledger,
                                                  str(r["summary"])))
            else:
                evs = [StoryEvent(e, docs_of(ids)) for e, ids in story_events[str(r["story"])].items()]
                t = story_timeline(str(r["story"]), [e for e in evs if e.docs])
                gold_days = _days(x.get("value") for x in r.get("dates", []))
                gold_bg = {str(x["value"]) for x in r.get("background", [])}
                pred_bg = {e.value for e in t.background if e.value}
                report.stories.append({
                    "story": r["story"], "events": prf(_days(e.value for e in t.events), gold_days),
                    "background": prf(pred_bg, gold_bg),
                    "background_years": prf({v[:4] for v in pred_bg}, {v[:4] for v in gold_bg}),
                    "all_dates": prf(_days(e.value for e in t.events) | pred_bg, gold_days | gold_bg),
                    "undated_or_fetched": sum(e.dated_by != "stated" for e in t.events),
                })
    ev = report.events
    if ev:
        def mean(key: str, sub: str | None = None) -> float:
            vals = [float(e[key][sub] if sub else e[key]) for e in ev if e[key] is not None]
            return sum(vals) / max(1, len(vals))

        report.mean = {
            "rouge1_f": mean("rouge1", "f"), "rouge2_f": mean("rouge2", "f"),
            "rouge1_r": mean("rouge1", "r"), "rouge2_r": mean("rouge2", "r"),
            "lead_rouge1_f": mean("lead_rouge1", "f"), "lead_rouge2_f": mean("lead_rouge2", "f"),
            "lead_rouge1_r": mean("lead_rouge1", "r"), "lead_rouge2_r": mean("lead_rouge2", "r"),
            "redundancy": mean("redundancy"), "figure_coverage": mean("figure_coverage"),
            "citation_complete": mean("citation_complete"), "furniture": float(sum(e["furniture"] for e in ev)),
            "words": mean("words"), "lead_words": mean("lead_words"),
        }
    if report.stories:
        for k in ("events", "background", "background_years", "all_dates"):
            report.mean[f"timeline_{k}_f"] = sum(s[k]["f"] for s in report.stories) / len(report.stories)
    return report

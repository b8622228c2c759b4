"""`rasd eval realdev`: rasd on real articles, inside the full stream of the labelled days.

The labels (tests/data/realdev/, README there) cover about 400 articles of two shared JSONL sets
(ANT 2018, SaudiNewsNet 2015): events and stories, the publication date each states in its own
text, SaudiNewsNet copy groups and numeric facts. Every article of the labelled days (labelled or
not) is ingested into a temporary store, once with the feed/crawl times removed ("text") and once
with them given ("times"), and the labelled ones are scored where rasd met them:
- events and stories: B-cubed and pairwise P/R/F1 (`rasd.eval.metrics`), per mode;
- dates: stated dates exact, and dates reported where the text states none (text mode);
- copies: copy_of recall and precision (text mode);
- facts: numeric facts P/R/F1 and claimants (`rasd.eval.claims`, text mode);
- the stream's event size distribution, per mode;
- the shared HTML pages against their gold.jsonl (date, title, main text, must/must-not).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.eval.claims import evaluate_claims, read_jsonl_gold
from rasd.eval.clustering import ClusterGold, evaluate_clustering
from rasd.eval.gold import read_jsonl
from rasd.eval.realdev_score import (
    event_detail,
    score_copies,
    score_dates,
    score_html,
    size_distribution,
)
from rasd.eval.realdev_stream import MODES, ingest, read_spec, read_stream
from rasd.store import Store

PARTS = ("events", "dates", "copies", "facts", "html")
STREAM_PARTS = ("events", "dates", "copies", "facts")
TEXT_ONLY = ("dates", "copies", "facts")  # scored on the text-alone run only


def read_events(labels: Path) -> ClusterGold:
    gold = ClusterGold()
    for row in read_jsonl(labels / "events.jsonl"):
        try:
            aid = str(row["id"])
            gold.event[aid] = str(row["event"])
            gold.story[aid] = str(row.get("story") or row["event"])
        except KeyError as e:
            raise InputError(f"{labels / 'events.jsonl'}: a line lacks {e}") from e
    return gold


def _score_store(
    store: Store, mode: str, parts: tuple[str, ...], labels: Path, crawled: frozenset[str] = frozenset()
) -> dict[str, Any]:
    out: dict[str, Any] = {"stream": size_distribution(store)}
    if "events" in parts:
        events = read_events(labels)
        report = evaluate_clustering(store, events)
        out["events"] = report.events.as_dict()
        out["event_errors"] = event_detail(events.event, store.placements())
        out["stories"] = report.stories.as_dict()
        out["missing"] = list(report.missing)
    if mode != "text":
        if "dates" in parts:  # a crawl time must never become the published date
            gold = [g for g in read_jsonl(labels / "dates.jsonl") if str(g["id"]) in crawled and not g.get("stated")]
            d = score_dates(store, gold)
            out["crawl_dates"] = {k: d[k] for k in ("unstated", "false_dates", "false_rate", "false")}
        return out
    if "dates" in parts:
        out["dates"] = score_dates(store, read_jsonl(labels / "dates.jsonl"))
    if "copies" in parts:
        judged = {str(r["id"]) for r in read_jsonl(labels / "events.jsonl") if str(r["id"]).startswith("snn-")}
        out["copies"] = score_copies(store, read_jsonl(labels / "copies.jsonl"), judged)
    if "facts" in parts and (labels / "facts.jsonl").exists():
        facts, statements = read_jsonl_gold(labels / "facts.jsonl")
        report_f = evaluate_claims(store, facts, statements, judge_precision=True)
        out["facts"] = {
            **report_f.facts,
            "misses": report_f.misses[:30],
            "extras": report_f.extras[:30],
            "misattributed": report_f.misattributed[:30],
        }
    return out


def evaluate_realdev(
    labels: Path,
    data: Path,
    *,
    parts: tuple[str, ...] = PARTS,
    modes: tuple[str, ...] = MODES,
    keep: Path | None = None,
    log: Callable[[str], None] | None = None,
    entity_model: Path | None = None,
) -> dict[str, Any]:
    """Run and score; `keep` is a folder where each mode's store is kept (realdev-MODE.db); `entity_model`:
    the local entity tagger (`rasd entities train`), else rules only."""
    for p in parts:
        if p not in PARTS:
            raise InputError(f"unknown part {p!r}: use {', '.join(PARTS)}")
    for m in modes:
        if m not in MODES:
            raise InputError(f"unknown mode {m!r}: use {', '.join(MODES)}")
    if not labels.is_dir():
        raise InputError(f"no labels folder at {labels}")
    result: dict[str, Any] = {"modes": {}}
    stream_parts = tuple(p for p in parts if p in STREAM_PARTS)
    if stream_parts:
        docs = read_stream(data, read_spec(labels))
        result["stream_articles"] = len(docs)
        crawled = frozenset(str(d.get("id")) for d in docs if d.get("fetched"))
        for mode in modes:
            if mode != "text" and not any(p not in TEXT_ONLY for p in stream_parts):
                continue
            t0 = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                db = Path(tmp) / f"realdev-{mode}.db"
                with Store(db) as store:
                    ingest(docs, store, mode, entity_model)
                    scores = _score_store(store, mode, stream_parts, labels, crawled)
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(db, keep / db.name)
            scores["seconds"] = round(time.perf_counter() - t0, 1)
            result["modes"][mode] = scores
            if log:
                log(f"{mode}: {len(docs)} articles in {scores['seconds']} s")
    if "html" in parts:
        folder = data / "html"
        if not (folder / "gold.jsonl").exists():
            raise InputError(f"no html/gold.jsonl under {data}")
        result["html"] = score_html(folder, labels / "html_corrections.jsonl")
    return result


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The figures the CI gate compares with the recorded ones (higher is better for each)."""
    out: dict[str, float] = {}
    for mode, s in result.get("modes", {}).items():
        for level in ("events", "stories"):
            if level in s:
                out[f"{mode}.{level}.bcubed_f1"] = s[level]["bcubed_f1"]
                out[f"{mode}.{level}.bcubed_p"] = s[level]["bcubed_p"]
        if "crawl_dates" in s:
            out[f"{mode}.dates.no_crawl_date"] = 1.0 - s["crawl_dates"]["false_rate"]
        if "dates" in s:
            out[f"{mode}.dates.exact"] = s["dates"]["exact"]
            out[f"{mode}.dates.no_false"] = 1.0 - s["dates"]["false_rate"]
        if "copies" in s:
            out[f"{mode}.copies.recall"] = s["copies"]["recall"]
            out[f"{mode}.copies.precision"] = s["copies"]["precision"]
            out[f"{mode}.copies.canonical"] = s["copies"]["canonical_exact"]
        if "facts" in s:
            out[f"{mode}.facts.f1"] = s["facts"]["f1"]
            out[f"{mode}.facts.with_claimant"] = s["facts"]["facts_and_claimants_recall"]
    if "html" in result:
        h = result["html"]
        out["html.dates"] = h["dates"]
        out["html.dates_as_given"] = h["dates_as_given"]
        out["html.titles"] = h["titles"]
        out["html.text_start"] = h["text_start"]
        out["html.with"] = h["with"]
        out["html.no_menu_kept"] = 1.0 - (h["without_kept"] / h["without_total"] if h["without_total"] else 0.0)
    return {k: round(v, 4) for k, v in out.items()}


def compare(now: dict[str, float], recorded: dict[str, float], slack: float = 0.02) -> list[str]:
    """Figures that fell more than `slack` below the recorded ones (only those both runs have)."""
    return [
        f"{k}: {now[k]:.4f} < recorded {v:.4f} - {slack}"
        for k, v in sorted(recorded.items())
        if k in now and now[k] < v - slack
    ]

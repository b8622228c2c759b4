"""Scores of `rasd eval realdev` that the older evaluations lack: stated dates, copy groups of
real agency text, the event size distribution of a stream, and the raw HTML pages.

Gold formats (one JSON object per line, see tests/data/realdev/README.md):
- dates.jsonl: {"id", "stated": "YYYY-MM-DD" | null, "partial": "MM-DD" | null, "weekday": word | null}
- copies.jsonl: {"id", "copy_of": canonical id | null} for every member of a copy group (the
  canonical member has null); every other article of the event labels is judged "no copy".
- html gold.jsonl (shared): {"file", "published", "title", "text", "with", "without"}.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.eval.gold import read_jsonl
from rasd.pipeline import run as run_pipeline
from rasd.present.views import store_copy_of
from rasd.store import Store


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def score_dates(store: Store, gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Stated publication dates: exact share where the text states one; false dates where it
    states none (any `published` reported then came from somewhere else: a mentioned date, a
    masthead, the fetch time)."""
    ids = [str(g["id"]) for g in gold]
    got = store.published_of(ids)
    stated = [g for g in gold if g.get("stated")]
    unstated = [g for g in gold if not g.get("stated")]
    exact = [g for g in stated if (got.get(str(g["id"])) or "")[:10] == g["stated"]]
    false = [g for g in unstated if got.get(str(g["id"]))]
    return {
        "articles": len(gold), "stated": len(stated), "exact": _ratio(len(exact), len(stated)),
        "unstated": len(unstated), "false_dates": len(false), "false_rate": _ratio(len(false), len(unstated)),
        "weekday_only": sum(1 for g in unstated if g.get("weekday") and not g.get("partial")),
        "misses": [f"{g['id']}: want {g['stated']}, got {got.get(str(g['id']))}" for g in stated if g not in exact],
        "false": [f"{g['id']}: got {got.get(str(g['id']))}" for g in false][:20],
    }  # fmt: skip


def score_copies(store: Store, gold: list[dict[str, Any]], judged: set[str]) -> dict[str, Any]:
    """copy_of P/R. A gold copy is found when rasd puts it in the same copy group as its gold
    canonical; a predicted copy link (article -> its canonical) between two judged articles is
    right when gold puts both in one group."""
    group = {str(g["id"]): str(g.get("copy_of") or g["id"]) for g in gold}
    judged = judged | set(group)
    pred = store_copy_of(store)
    copies = [a for a, c in group.items() if c != a]
    found = [a for a in copies if a in pred and pred[a] == pred.get(group[a])]
    canon = [a for a in copies if pred.get(a) == group[a]]
    links = [(a, c) for a, c in pred.items() if a != c and a in judged and c in judged]
    right = [(a, c) for a, c in links if a in group and c in group and group[a] == group[c]]
    return {
        "gold_copies": len(copies), "groups": len(set(group.values())),
        "recall": _ratio(len(found), len(copies)), "precision": _ratio(len(right), len(links)) if links else 1.0,
        "canonical_exact": _ratio(len(canon), len(copies)), "predicted_links": len(links),
        "missed": sorted(set(copies) - set(found))[:20],
        "wrong": [f"{a} -> {c}" for a, c in links if (a, c) not in right][:20],
    }  # fmt: skip


def size_distribution(store: Store) -> dict[str, Any]:
    """How the stream's articles sit in events: counts of events and the big ones."""
    placed = store.placements()
    sizes = Counter(e for e, _ in placed.values())
    stories = Counter(s or e for e, s in placed.values())
    n = len(placed)
    big20 = sum(k for k in sizes.values() if k >= 20)
    big50 = sum(k for k in sizes.values() if k >= 50)
    return {
        "articles": n, "events": len(sizes), "singletons": sum(1 for k in sizes.values() if k == 1),
        "in_events_20": big20, "share_20": _ratio(big20, n), "in_events_50": big50, "share_50": _ratio(big50, n),
        "largest_event": max(sizes.values(), default=0), "largest_story": max(stories.values(), default=0),
        "top_events": [k for _, k in sizes.most_common(10)],
    }  # fmt: skip


def event_detail(gold: dict[str, str], placed: dict[str, tuple[str, str | None]]) -> dict[str, Any]:
    """Where each gold event went: split (how many rasd events hold its articles) and merged (rasd
    events that hold articles of several gold events), for reading the errors."""
    pieces: dict[str, Counter[str]] = {}
    holds: dict[str, Counter[str]] = {}
    for aid, ev in gold.items():
        if aid in placed:
            pred = placed[aid][0]
            pieces.setdefault(ev, Counter())[pred] += 1
            holds.setdefault(pred, Counter())[ev] += 1
    split = [
        {"event": ev, "articles": sum(c.values()), "pieces": len(c), "largest_piece": max(c.values())}
        for ev, c in sorted(pieces.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if len(c) > 1
    ]
    merged = [
        {"rasd_event": pred, "gold_events": dict(c.most_common())}
        for pred, c in sorted(holds.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        if len(c) > 1
    ]
    return {"split": split, "merged": merged}


@dataclass(frozen=True, slots=True)
class PageResult:
    file: str
    date_ok: bool | None
    title_ok: bool | None
    text_ok: bool | None
    with_ok: int
    with_total: int
    without_kept: int
    without_total: int
    got_date: str | None
    got_title: str | None


def _n(s: str) -> str:
    return " ".join(normalize(s).split())


def score_html(folder: Path, corrections: Path | None = None) -> dict[str, Any]:
    """Each page of the shared html/ folder read alone: date, title, main text against gold.jsonl.

    `corrections` (JSONL of `file`, `field`, `given`, `corrected`, `why`) overrides a gold value we
    checked against the page and found wrong; dates are also scored against the gold as given."""
    gold = read_jsonl(folder / "gold.jsonl")
    fixes = read_jsonl(corrections) if corrections is not None and corrections.exists() else []
    given: dict[str, Any] = {}
    for fix in fixes:
        for g in gold:
            if g["file"] == fix["file"] and g.get(fix["field"]) == fix["given"]:
                given[str(g["file"])] = g.get("published")
                g[fix["field"]] = fix["corrected"]
    results: list[PageResult] = []
    as_given: list[bool | None] = []
    for g in gold:
        page = folder / str(g["file"])
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "page.db") as store:
            summary = run_pipeline([page], store)
            a = store.get(summary.stored[0]) if summary.stored else None
        date = a.published.iso()[:10] if a and a.published else None
        want = given.get(str(g["file"]), g.get("published"))
        as_given.append(None if want is None else date == want)
        title = a.title if a else None
        text = _n(a.text) if a else ""
        want_text = _n(str(g["text"]))[:200] if g.get("text") else None
        withs = [w for w in g.get("with", []) if _n(w) in text]
        kept = [w for w in g.get("without", []) if _n(w) in text]
        results.append(
            PageResult(
                str(g["file"]),
                None if g.get("published") is None else date == g["published"],
                None if g.get("title") is None else bool(title) and _n(title or "") == _n(str(g["title"])),
                None if want_text is None else want_text in text,
                len(withs),
                len(g.get("with", [])),
                len(kept),
                len(g.get("without", [])),
                date,
                title,
            )
        )

    def share(vals: list[bool | None]) -> float:
        judged = [v for v in vals if v is not None]
        return _ratio(sum(judged), len(judged))

    return {
        "pages": len(results),
        "dates": share([r.date_ok for r in results]), "dates_judged": sum(r.date_ok is not None for r in results),
        "dates_as_given": share(as_given),
        "corrections": [f"{f['file']}: {f['field']} {f['given']} -> {f['corrected']}" for f in fixes],
        "titles": share([r.title_ok for r in results]), "titles_judged": sum(r.title_ok is not None for r in results),
        "text_start": share([r.text_ok for r in results]),
        "with": _ratio(sum(r.with_ok for r in results), sum(r.with_total for r in results)),
        "without_kept": sum(r.without_kept for r in results), "without_total": sum(r.without_total for r in results),
        "misses": [f"{r.file}: date {r.got_date}" for r in results if r.date_ok is False]
        + [f"{r.file}: title {r.got_title!r}" for r in results if r.title_ok is False]
        + [f"{r.file}: main text does not start as gold" for r in results if r.text_ok is False],
    }  # fmt: skip

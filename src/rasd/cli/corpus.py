"""`rasd events`, `rasd event`, `rasd stories` and `rasd eval clustering`."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, check_limit, esc, eval_app, out
from rasd.errors import InputError
from rasd.eval.clustering import ClusterGold, ClusterReport, evaluate_clustering, read_gold
from rasd.pipeline import run as run_pipeline
from rasd.present.views import event_row_view, event_view, story_view
from rasd.read import walk
from rasd.store import Store

LimitOpt = Annotated[int, typer.Option(help="At most this many rows.", callback=check_limit)]


@app.command()
def events(db: DbOpt = Path("rasd.db"), story: Annotated[str | None, typer.Option(help="Only this story.")] = None,
           limit: LimitOpt = 100, as_json: JsonOpt = False) -> None:
    """Events, latest first: date span, title, article count, outlets, story."""
    with _open_existing(db) as store:
        rows = [event_row_view(e) for e in store.events(story=story, limit=limit)]
    if as_json:
        _print_json(rows)
        return
    table = Table(title=f"{len(rows)} events")
    for col in ("event", "first", "last", "articles", "title", "outlets", "story"):
        table.add_column(col, no_wrap=col in ("event", "first", "last", "story"), overflow="ellipsis",
                         max_width=44 if col in ("title", "outlets") else None)
    for r in rows:
        table.add_row(esc(r["id"]), r["first"] or "?", r["last"] or "?", str(r["articles"]),
                      esc(r["title"] or "— (none)"), esc(", ".join(r["sources"]) or "—"), esc(r["story"] or "—"))
    out.print(table)


@app.command()
def event(event_id: Annotated[str, typer.Argument(help="Event id (from `rasd events`).")],
          db: DbOpt = Path("rasd.db"), as_json: JsonOpt = False) -> None:
    """One event: its articles, which are copies of which, and the passages they share."""
    with _open_existing(db) as store:
        view = event_view(store, event_id)
    if as_json:
        _print_json(view)
        return
    out.print(f"[bold]{esc(view['id'])}[/] · {view['first'] or '?'} – {view['last'] or '?'} · "
              f"{view['articles']} articles · story {esc(view['story'] or '—')}")
    out.print(esc(view["title"] or "— (no title)"))
    table = Table(title="articles")
    for col in ("article", "published", "source", "title", "copy of", "score"):
        table.add_column(col, overflow="ellipsis", max_width=44 if col == "title" else None)
    for m in view["members"]:
        table.add_row(esc(m["id"]), m["published"] or "?", esc(m["source"] or "—"), esc(m["title"] or "—"),
                      esc(m["copy_of"] or "—"), f"{m['score']:.2f}" + (" (opened)" if m["opened"] else ""))
    out.print(table)
    if not view["shared"]:
        out.print("shared passages: none")
    for s in view["shared"]:
        out.print(f"[cyan]{s['kind']}[/] {esc(s['article'])} [{s['start']}:{s['end']}] ↔ "
                  f"{esc(s['other'])} [{s['other_start']}:{s['other_end']}] ({s['words']} words): "
                  f"{esc(s['text'][:160])}")


@app.command()
def stories(db: DbOpt = Path("rasd.db"), limit: LimitOpt = 100, as_json: JsonOpt = False) -> None:
    """Stories, latest first, each with its events in time order."""
    with _open_existing(db) as store:
        views = [story_view(store, s) for s in store.stories(limit=limit)]
    if as_json:
        _print_json(views)
        return
    for v in views:
        out.print(f"[bold]{esc(v['id'])}[/] · {v['first'] or '?'} – {v['last'] or '?'} · {v['events']} events · "
                  f"{v['articles']} articles · {esc(', '.join(v['anchors'][:5]))}")
        for e in v["timeline"]:
            out.print(f"   {e['first'] or '?'}  {esc(e['id'])}  ({e['articles']})  {esc(e['title'] or '— (none)')}")


@eval_app.command("clustering")
def eval_clustering(
    gold: Annotated[list[Path], typer.Option(help="Gold JSONL (id, event, story[, copy_of]) or seeds gold.json; "
                                                  "repeatable.")],
    db: DbOpt = Path("rasd.db"),
    corpus: Annotated[Path | None, typer.Option(help="Ingest this folder into a fresh temporary store first.")] = None,
    shuffle: Annotated[int | None, typer.Option(help="With --corpus: feed files in an order shuffled by this seed."
                                                )] = None,
    as_json: JsonOpt = False,
) -> None:
    """B-cubed and pairwise precision/recall/F1 and ARI for events and stories, and copy P/R."""
    for g in gold:
        if not g.exists():
            raise InputError(f"no gold file at {g}")
    labels = read_gold(gold)
    if corpus is None:
        with _open_existing(db) as store:
            report = evaluate_clustering(store, labels)
    else:
        report = _eval_fresh(corpus, labels, shuffle)
    if as_json:
        _print_json(report.to_json())
        return
    table = Table(title="rasd eval clustering")
    for col in ("level", "items", "B³ P", "B³ R", "B³ F1", "pair P", "pair R", "pair F1", "ARI"):
        table.add_column(col, justify="right")
    for level, sc in (("events", report.events), ("stories", report.stories)):
        d = sc.as_dict()
        table.add_row(level, str(sc.items), *(f"{d[k]:.3f}" for k in (
            "bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_p", "pairwise_r", "pairwise_f1", "ari")))
    out.print(table)
    c = report.copies
    out.print(f"copies: precision {c['precision']:.3f} · recall {c['recall']:.3f} "
              f"over {int(c['gold_articles'])} gold copy-group articles")
    if report.missing:
        out.print(f"[yellow]not in the store[/] ({len(report.missing)}): {esc(', '.join(report.missing[:10]))}")


def _eval_fresh(corpus: Path, labels: ClusterGold, shuffle: int | None) -> ClusterReport:
    if not corpus.exists():
        raise InputError(f"no such file or folder: {corpus}")
    files = sorted(walk(corpus)) if corpus.is_dir() else [corpus]
    if shuffle is not None:
        random.Random(shuffle).shuffle(files)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
        run_pipeline(files, store)
        return evaluate_clustering(store, labels)


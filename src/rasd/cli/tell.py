"""`rasd summary`, `rasd timeline`, `rasd report` and `rasd eval tell`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, esc, eval_app, out
from rasd.cli.realdev import DEFAULT_DATA
from rasd.errors import InputError
from rasd.eval.tell import evaluate_tell
from rasd.tell.load import event_summary, story_timeline_of
from rasd.tell.render import html as render_html
from rasd.tell.render import markdown as render_md
from rasd.tell.report import build as build_report
from rasd.tell.summary import BUDGET


@app.command()
def summary(event: Annotated[str, typer.Argument(help="Event id (from `rasd events`).")],
            db: DbOpt = Path("rasd.db"),
            sentences: Annotated[int, typer.Option(help="At most this many sentences.")] = BUDGET,
            as_json: JsonOpt = False) -> None:
    """An event's title and extractive summary: sentences as written, each cited to every article
    and outlet that carries it."""
    if not 1 <= sentences <= 50:
        raise InputError(f"--sentences must be between 1 and 50, not {sentences}")
    with _open_existing(db) as store:
        s = event_summary(store, event, sentences)
    if as_json:
        _print_json(s.to_json())
        return
    out.print(f"[bold]{esc(s.title.text or '— (no text)')}[/]")
    out.print(f"{esc(s.event)} · {s.articles} articles · {esc(', '.join(s.outlets))}")
    for k, x in enumerate(s.sentences, start=1):
        out.print(f"{k}. {esc(x.text)}")
        cites = ", ".join(f"{c.outlet or '—'} ({c.article} {c.start}-{c.end})" for c in x.citations)
        out.print(f"   [dim]{esc(cites)}[/]")


@app.command()
def timeline(story: Annotated[str, typer.Argument(help="Story id (from `rasd stories`).")],
             db: DbOpt = Path("rasd.db"),
             as_json: JsonOpt = False) -> None:
    """A story's timeline: its events dated by their articles (stated, else fetched), then the
    background dates its articles recall, merged across articles with their sources."""
    with _open_existing(db) as store:
        t = story_timeline_of(store, story)
    if as_json:
        _print_json(t.to_json())
        return
    out.print(f"[bold]{esc(t.story)}[/] · {len(t.events)} events · {len(t.background)} background dates")
    for e in t.events:
        mark = "" if e.dated_by == "stated" else f" [yellow]({e.dated_by})[/]"
        out.print(f"  {esc(e.value or '?'):<23} {esc(e.label)}{mark}  [dim]{esc(e.event)}[/]")
    if t.background:
        out.print("[bold]background[/]")
        for e in t.background:
            outlets = sorted({c.outlet or c.article for c in e.sources})
            out.print(f"  {esc(e.value):<23} {esc(' / '.join(e.as_written))}: {esc(e.label)}")
            out.print(f"  {'':<23} [dim]{esc(', '.join(outlets))}[/]")


@app.command()
def report(db: DbOpt = Path("rasd.db"),
           output: Annotated[Path, typer.Option("-o", "--out", help="File to write (.html or .md).")]
           = Path("report.html"),
           fmt: Annotated[str, typer.Option("--format", help="html or md.")] = "html",
           stories: Annotated[int | None, typer.Option(help="Only the largest N stories.")] = None,
           as_json: JsonOpt = False) -> None:
    """One self-contained report: stories -> events (title, cited summary, ledger, sources and copy
    groups) -> timeline. HTML is right-to-left, needs no network and runs no script."""
    if fmt not in ("html", "md"):
        raise InputError(f"--format must be html or md, not {fmt!r}")
    if stories is not None and stories < 1:
        raise InputError(f"--stories must be at least 1, not {stories}")
    if output.is_dir():
        raise InputError(f"{output} is a folder: give a file name")
    if output.resolve() in {db.resolve(), Path(str(db) + "-wal").resolve(), Path(str(db) + "-shm").resolve()}:
        raise InputError(f"refusing to overwrite the store itself: {output}")
    with _open_existing(db) as store:
        data = build_report(store, stories)
    text = render_html(data) if fmt == "html" else render_md(data)
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write {output}: {e.strerror or e}") from e
    if as_json:
        _print_json({"out": str(output), "format": fmt, "bytes": len(text.encode()), "stories": len(data.stories),
                     "events": data.events, "articles": data.articles})
        return
    out.print(f"report written: {esc(output)} ({len(data.stories)} stories, {data.events} events, "
              f"{len(text.encode()) / 1024:.0f} KB)")


@eval_app.command("tell")
def eval_tell(
    refs: Annotated[Path, typer.Option(help="Hand-written references (JSONL).")] = Path(
        "tests/data/tell/references.jsonl"),
    labels: Annotated[Path, typer.Option(help="Realdev labels folder (events.jsonl, stream.json).")] = Path(
        "tests/data/realdev"),
    data: Annotated[Path, typer.Option(help="Folder of the shared sets.")] = DEFAULT_DATA,
    as_json: JsonOpt = False,
) -> None:
    """Summaries and timelines against hand-written references on real articles: ROUGE-1/2 (ours and
    the lead baseline), redundancy, ledger-figure coverage, citation completeness, furniture, timeline F1."""
    for p in (refs, labels / "events.jsonl"):
        if not p.is_file():
            raise InputError(f"no such file: {p}")
    report = evaluate_tell(refs, labels, data)
    if as_json:
        _print_json(report.to_json())
        return
    table = Table(title=f"rasd eval tell ({len(report.events)} events)")
    for col in ("event", "arts", "sents", "R1 F", "R2 F", "lead R1 F", "lead R2 F", "redund.", "figures",
                "cited all", "furn."):
        table.add_column(col, justify="right" if col != "event" else "left")
    for e in report.events:
        fc = e["figure_coverage"]
        table.add_row(esc(e["event"]), str(e["articles"]), str(e["sentences"]), f"{e['rouge1']['f']:.3f}",
                      f"{e['rouge2']['f']:.3f}", f"{e['lead_rouge1']['f']:.3f}", f"{e['lead_rouge2']['f']:.3f}",
                      f"{e['redundancy']:.2f}", "—" if fc is None else f"{fc:.2f} of {e['figures']}",
                      f"{e['citation_complete']:.2f}", str(e["furniture"]))
    out.print(table)
    for s in report.stories:
        out.print(f"{esc(s['story'])}: event days F1 {s['events']['f']:.2f} · background F1 "
                  f"{s['background']['f']:.2f} (years {s['background_years']['f']:.2f}; "
                  f"{s['background']['pred']} found, {s['background']['gold']} in the reference)")
    out.print(" · ".join(f"{k} {v:.3f}" for k, v in report.mean.items()))

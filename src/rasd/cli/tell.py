"""`rasd summary`, `rasd timeline`, `rasd report` and `rasd eval tell`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, esc, out
from rasd.errors import InputError
from rasd.tell.load import event_summary, story_timeline_of
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

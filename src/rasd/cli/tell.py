"""`rasd summary`, `rasd timeline`, `rasd report` and `rasd eval tell`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOpt, JsonOpt, _open_existing, _print_json, app, esc, out
from rasd.errors import InputError
from rasd.tell.load import event_summary
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

"""`rasd watch`: a resident process that ingests files as they appear in a folder."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOpt, JsonOpt, app, err, out
from rasd.errors import InputError
from rasd.store import Store
from rasd.watch import watch as watch_folder


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="Folder to watch (walked recursively, as `rasd run` walks it).")],
    db: DbOpt = Path("rasd.db"),
    interval: Annotated[float, typer.Option(help="Seconds between polls.")] = 2.0,
    polls: Annotated[int | None, typer.Option(help="Stop after this many polls (default: run until Ctrl-C).")] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name for inputs that carry none.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 200,
    as_json: JsonOpt = False,
) -> None:
    """Ingest files dropped into FOLDER as they settle (size and time unchanged for one poll).

    The store ends as one `rasd run` over the same files would leave it; killed and restarted,
    the watcher loses nothing. One line per poll that stored something (JSON Lines with --json).
    """
    from rasd.config import settings

    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    if polls is not None and polls < 1:
        raise InputError("--polls must be at least 1")
    try:
        cfg = settings(batch_size=batch_size)
        if interval < 0:
            raise ValueError(f"--interval must be >= 0 seconds, got {interval}")
    except ValueError as e:
        raise InputError(str(e)) from e
    if not as_json:
        err.print(f"watching {folder} every {interval:g} s (Ctrl-C to stop)", markup=False, highlight=False)
    try:
        with Store(db) as store:
            for poll in watch_folder(folder, store, interval=interval, config=cfg, source=source, polls=polls):
                s = poll.summary
                row = {"time": dt.datetime.now().isoformat(timespec="seconds"), "files": len(poll.files),
                       "stored": len(s.stored), "unchanged": s.unchanged, "dropped": len(s.dropped),
                       "events_opened": sum(p.new_event for p in s.placements), "in_store": store.count()}
                if as_json:
                    sys.stdout.write(json.dumps(row) + "\n")
                    sys.stdout.flush()
                else:
                    out.print(" · ".join(f"{k.replace('_', ' ')} {v}" for k, v in row.items()), markup=False,
                              highlight=False)
    except KeyboardInterrupt:
        if not as_json:
            err.print("stopped", markup=False)

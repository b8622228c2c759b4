"""`rasd serve`: the HTTP JSON API over a store (read-only, loopback by default)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOpt, app, err
from rasd.errors import InputError


@app.command()
def serve(
    db: DbOpt = Path("rasd.db"),
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback exposes the store.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    ingest: Annotated[
        bool, typer.Option(help="Accept POST /api/articles with the bearer token in RASD_INGEST_TOKEN.")
    ] = False,
) -> None:
    """Serve the store over HTTP as JSON (articles, events, summaries, ledgers, stories, timelines,
    entities, search); the OpenAPI spec is at /openapi.json and interactive docs at /docs."""
    import uvicorn

    from rasd.web.api import create_app, warm

    token = os.environ.get("RASD_INGEST_TOKEN") if ingest else None
    if ingest and not token:
        raise InputError("--ingest needs a token of 16 or more characters in RASD_INGEST_TOKEN")
    api = create_app(db, ingest_token=token)
    warm()
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"rasd serve: listening on {host}: anyone who can reach it can read this store")
    try:
        uvicorn.run(api, host=host, port=port, log_level="warning")
    except OSError as e:
        raise InputError(f"cannot listen on {host}:{port}: {e}") from e

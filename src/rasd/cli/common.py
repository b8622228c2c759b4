"""What every `rasd` command shares: the typer apps, consoles, common options and helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from rasd.errors import InputError
from rasd.store import Store

app = typer.Typer(help="rasd (رصد): Arabic-first news intelligence.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Score rasd against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store (created if missing).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _open_existing(db: Path) -> Store:
    if not db.exists():
        raise InputError(f"no store at {db}: run 'rasd run PATH --db {db}' first")
    return Store(db)

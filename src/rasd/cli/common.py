"""What every `rasd` command shares: the typer apps, consoles, common options and helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from rasd.errors import InputError
from rasd.store import Store

app = typer.Typer(help="rasd (رصد): Arabic-first news intelligence.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
eval_app = typer.Typer(help="Score rasd against gold annotations.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Emoji codes off: an article's ":fire:" is text, not a picture.
out = Console(soft_wrap=True, width=None if sys.stdout is not None and sys.stdout.isatty() else 140, emoji=False)
err = Console(stderr=True, emoji=False)

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store (created if missing).")]
MAX_LIMIT = 1_000_000_000  # a --limit beyond this is refused (SQLite's LIMIT is a 64-bit integer)
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


def esc(value: object) -> str:
    """`value` as text that rich shows literally: every piece of data (titles, text, ids, sources,
    paths) goes through this before it meets markup, so "[/b]" or "[red]" in an article is shown,
    never read as a style. Trailing backslashes are doubled (so they cannot escape the markup that
    may follow) and closed by an empty style, which rich shows as the backslashes written: rich's
    `escape` alone shows a final "\\" twice when nothing follows it."""
    text = str(value)
    body = text.rstrip("\\")
    tail = len(text) - len(body)
    return escape(body) + ("\\" * (2 * tail) + "[none][/none]" if tail else "")


def check_limit(value: int) -> int:
    """A --limit option's check: 0..MAX_LIMIT, else one clear input error."""
    if not 0 <= value <= MAX_LIMIT:
        raise InputError(f"--limit must be between 0 and {MAX_LIMIT:,}, not {value}")
    return value


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _open_existing(db: Path) -> Store:
    if not db.exists():
        raise InputError(f"no store at {db}: run 'rasd run PATH --db {db}' first")
    return Store(db, readonly=True)

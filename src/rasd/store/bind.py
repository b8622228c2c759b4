"""Queries over many values: SQLite caps the variables one statement binds, so a lookup of a long
list of ids runs in chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

CHUNK = 500  # values bound in one IN (...)


def rows_in(db: sqlite3.Connection, sql: str, values: Sequence[Any]) -> Iterator[Any]:
    """The rows of `sql` for all `values`: its `{marks}` becomes one `?` per value of a chunk."""
    for i in range(0, len(values), CHUNK):
        chunk = values[i : i + CHUNK]
        yield from db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

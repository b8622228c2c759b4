"""Reading gold files: JSON Lines of objects, with a clear message for what is not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasd.errors import InputError


def numbered_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSONL gold file.

    Raises InputError naming the file and line for an unreadable file, a line that is not JSON,
    or a JSON value that is not an object."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read {path}: {e}") from e
    rows: list[tuple[int, dict[str, Any]]] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}: not JSON ({e.msg})") from e
        if not isinstance(row, dict):
            raise InputError(f"{path}:{n}: want a JSON object")
        rows.append((n, row))
    return rows


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSONL gold file (see `numbered_rows`)."""
    return [row for _, row in numbered_rows(path)]

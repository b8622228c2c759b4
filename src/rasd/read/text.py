"""Plain-text files: one article per file."""

from __future__ import annotations

from pathlib import Path

from rasd.errors import ReadError
from rasd.model import Dropped, RawDoc
from rasd.read.encoding import read_file, unify_newlines


def read_text(path: Path, *, source: str | None, max_bytes: int) -> RawDoc | Dropped:
    """One text file as one article, id = file stem.

    `raw` is the file's text as written: only a leading BOM is removed and Windows line ends
    ("\\r\\n") become "\\n"; nothing else is touched (spaces, NBSP lines, tatweel all stay).
    """
    try:
        text = read_file(path, max_bytes)
    except ReadError as err:
        return Dropped(str(path), err.reason, err.message)
    return RawDoc(id=path.stem, raw=unify_newlines(text), origin=str(path), fmt="text", source=source)

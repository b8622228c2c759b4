"""`read_path`: a file or a folder of files to RawDocs, by extension."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.model import Dropped, RawDoc
from rasd.read.encoding import scrub
from rasd.read.html import read_html
from rasd.read.jsonl import read_jsonl
from rasd.read.text import read_text
from rasd.read.warc import read_warc

Reader = Callable[..., "RawDoc | Dropped | Iterable[RawDoc | Dropped]"]

# Longest suffixes first, so ".warc.gz" wins over ".gz".
_READERS: tuple[tuple[str, Reader], ...] = (
    (".warc.gz", read_warc),
    (".warc", read_warc),
    (".txt", read_text),
    (".html", read_html),
    (".htm", read_html),
    (".jsonl", read_jsonl),
    (".ndjson", read_jsonl),
)
DEFAULT_MAX_BYTES = 20_000_000


def read_path(
    path: Path | str, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDoc | Dropped]:
    """Read a file, or every file under a folder, yielding a RawDoc or a Dropped per article.

    Folders are walked recursively in sorted order (by path components), skipping hidden
    files and folders, README*, *.json, *.md and gold*/truth*.jsonl. Formats go by extension (case-insensitive):
    .txt or none -> text, .html/.htm -> html, .jsonl/.ndjson -> jsonl, .warc/.warc.gz -> warc;
    anything else is Dropped("unsupported"). Unreadable inputs become Dropped, never exceptions.
    Raises InputError at once (not on first iteration) when `path` does not exist.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if not (path.is_file() or path.is_dir()):
        raise InputError(f"{path}: not a regular file or a folder")
    files = walk(path) if path.is_dir() else [path]
    return _read_all(files, source, max_bytes)


def _read_all(files: Iterable[Path], source: str | None, max_bytes: int) -> Iterator[RawDoc | Dropped]:
    for file in files:
        yield from read_file_any(file, source=source, max_bytes=max_bytes)


def read_file_any(
    path: Path, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDoc | Dropped]:
    """Read one file with the reader its extension calls for."""
    if path.is_dir():
        yield Dropped(str(path), "io_error", f"{path}: cannot read the folder")
        return
    if not path.is_file():
        yield Dropped(str(path), "unsupported", f"{path}: not a regular file")
        return
    reader = reader_for(path)
    if reader is None:
        yield Dropped(str(path), "unsupported", f"{path}: unsupported file type {path.suffix!r}")
        return
    out = reader(path, source=source, max_bytes=max_bytes)
    if isinstance(out, RawDoc | Dropped):
        yield _scrubbed(out)
    else:
        yield from map(_scrubbed, out)


def _scrubbed(item: RawDoc | Dropped) -> RawDoc | Dropped:
    """`item` with no lone surrogate left in any text field (a file name that is not UTF-8 comes
    back from the OS with some; they cannot be stored)."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if isinstance(value, str) and (clean := scrub(value)) is not value:
            fields[f.name] = clean
    if not fields:
        return item
    if isinstance(item, RawDoc):
        return dataclasses.replace(item, **fields)
    return dataclasses.replace(item, **fields)


def reader_for(path: Path) -> Reader | None:
    """The reader for `path` by extension; None when unsupported."""
    name = path.name.lower()
    for suffix, reader in _READERS:
        if name.endswith(suffix):
            return reader
    return read_text if not path.suffix else None


def walk(root: Path) -> list[Path]:
    """Files under `root` in sorted order, minus hidden files, README*, *.json, *.md and
    gold*/truth*.jsonl annotations."""
    found: list[Path] = []

    def unreadable(err: OSError) -> None:  # os.walk skips such a folder silently; read_file_any reports it
        if err.filename is not None:
            found.append(Path(err.filename))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder) / n for n in names if not _skipped(n))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _skipped(name: str) -> bool:
    low = name.lower()
    if low.startswith(("gold", "truth")) and low.endswith(".jsonl"):
        return True  # annotation beside a corpus (gold.jsonl, gen_corpus's truth.jsonl), not articles
    return low.startswith((".", "readme")) or low.endswith((".json", ".md"))

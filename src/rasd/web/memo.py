"""What the server computed from the store, kept until the store changes.

An event's summary, title and ledger are computed from its articles on request (tokens, lemmas,
sentence scores: tens of milliseconds for a large event), and a search's hits and snippets (a full
text query, then every hit's text normalized), while the store changes only when `rasd run`, `rasd
watch` or an ingest request writes to it. So results are memoized per store generation:
the size and modification time of the database file and its write-ahead log, which any committed
write changes. A write empties the memo; nothing stale is ever served. RASD_WEB_CACHE=off disables
it (the benchmark's cold figures). At most `size` results are kept, least recently used first out
(a page is some tens of kB)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self, db: Path, size: int = 512) -> None:
        self._files = (Path(db), Path(f"{db}-wal"))
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation: tuple[int, ...] = ()
        self._lock = threading.Lock()
        self.enabled = os.environ.get("RASD_WEB_CACHE", "on").lower() not in ("off", "0", "no")

    def generation(self) -> tuple[int, ...]:
        out: list[int] = []
        for f in self._files:
            try:
                st = f.stat()
                out += [st.st_size, st.st_mtime_ns]
            except FileNotFoundError:
                out += [0, 0]
        return tuple(out)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for `key` in the store as it is now, computed once per store generation."""
        if not self.enabled:
            return compute()
        gen = self.generation()
        with self._lock:
            if gen != self._generation:
                self._items.clear()
                self._generation = gen
            if key in self._items:
                self._items.move_to_end(key)
                value: T = self._items[key]
                return value
        value = compute()
        with self._lock:
            if gen == self._generation:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return value

"""Watch a folder and ingest files as they arrive: a crawler drops files, rasd stores them.

Polling, not inotify: it works on every file system (network mounts included) and needs no
dependency. A file is taken once it is settled, that is its size and modification time have not
changed since the previous poll, so a file still being written is never read half-way. Each
poll hands the settled new or changed files to `rasd.pipeline.run`, which stores what is new and
skips what the store already holds with the same content; so the store ends as one `rasd run`
over the same files would leave it, and a watcher killed and restarted loses nothing (on restart
every file is offered again and the store skips those it holds). The indexes a run loads from the
store (copies, events, stories, entities, learned furniture, content hashes) stay in memory between
polls (`pipeline.Resident`), so a poll costs what its new files cost, not a reload of the store;
they are loaded again when another process wrote to the store in between.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rasd.config import Settings
from rasd.pipeline import Resident, RunSummary, run
from rasd.read import walk
from rasd.store import Store

Stamp = tuple[int, int]  # (size, mtime in ns)


@dataclass(frozen=True, slots=True)
class Poll:
    """What one poll did: the files it ingested and what the pipeline made of them."""

    files: tuple[Path, ...]
    summary: RunSummary


class Watcher:
    """Tracks the files of a folder between polls; `settled()` yields the ones ready to ingest."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise ValueError(f"not a folder: {root}")
        self.root = root
        self._last: dict[Path, Stamp] = {}  # stamps seen at the previous poll
        self._done: dict[Path, Stamp] = {}  # stamps already handed to the pipeline

    def settled(self) -> list[Path]:
        """Files new or changed since they were last ingested, unchanged since the previous poll."""
        now: dict[Path, Stamp] = {}
        for f in walk(self.root):
            try:
                st = f.stat()
            except OSError:  # removed between the listing and the stat
                continue
            now[f] = (st.st_size, st.st_mtime_ns)
        ready = [f for f, s in now.items() if self._last.get(f) == s and self._done.get(f) != s]
        self._last = now
        return ready

    def mark_done(self, files: list[Path]) -> None:
        for f in files:
            if f in self._last:
                self._done[f] = self._last[f]


def watch(root: Path, store: Store, *, interval: float = 2.0, config: Settings | None = None,
          source: str | None = None, polls: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> Iterator[Poll]:
    """Poll `root` every `interval` seconds and ingest settled files into `store`.

    Yields one `Poll` per poll that found files. Runs until interrupted, or for `polls` polls
    when given (tests, `--once`). The first poll only takes stock: a file is ingested from the
    second poll on, once it has been seen unchanged.
    """
    if interval < 0:
        raise ValueError(f"interval must be >= 0 seconds, got {interval}")
    watcher = Watcher(root)
    resident = Resident()  # the store's indexes stay loaded between polls
    n = 0
    while polls is None or n < polls:
        if n:
            sleep(interval)
        n += 1
        ready = watcher.settled()
        if not ready:
            continue
        summary = run(ready, store, source=source, config=config, resident=resident)
        watcher.mark_done(ready)
        yield Poll(tuple(ready), summary)

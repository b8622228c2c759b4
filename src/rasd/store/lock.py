"""One writer at a time: an advisory lock on a file beside the store (`<db>-lock`).

Two `rasd run` on one store would each place articles against its own picture of the corpus and
double the events; SQLite's own locks only serialize their transactions. The lock is taken for a
whole run, before the corpus state is read, and released when the run ends (or the process dies:
the kernel drops a `flock` with its holder, so a killed run never leaves the store locked).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rasd.errors import StoreError


class StoreBusy(StoreError):
    """Another process is writing to the store."""

    code = "store_busy"
    exit_code = 75  # EX_TEMPFAIL: try again later


def lock_path(db: str) -> str:
    return db + "-lock"


@contextmanager
def writer_lock(db: str, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the store's writer lock for the block. With `wait`, block until the other writer is done
    (calling `on_wait` once first, to say so); without it, raise `StoreBusy` at once. An in-memory
    store needs no lock."""
    if db == ":memory:" or db.startswith("file::memory:"):
        yield
        return
    try:
        fd = os.open(lock_path(db), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StoreError(f"cannot create the writer lock {lock_path(db)}: {e.strerror or e}") from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise StoreBusy(f"another rasd process is writing to {db}; rerun when it is done "
                                "(or without --no-wait to wait for it)") from None
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock

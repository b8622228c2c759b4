"""Computed views of events kept in the store: each event's cited summary and source ledger as JSON,
computed on the first request for it and kept (`event_views_or`), so that the event page and the
summary and ledger routes then read a row instead of summarizing the event's articles again.

Why on request and not at the end of the run that changed the event: a run that adds 100 articles
to a store changes about as many events, and summarizing them all cost more than the rest of the
run's per-event work (4.2 of ~11 CPU-s on a 3,000-article store), for pages most of which nobody
opens before the event changes again. A reader pays once per changed event it opens.

A batch that changes an event drops its stored views in the batch's own transaction, so a view is
never older than the event: the event's row rewritten (articles placed, moved, withdrawn) or the
event removed, a copy link written to or from one of its articles, an article's claims written
again, or an entity named by one of its claims given another name. An event without a stored view
is computed on request and kept, unless the store was written between the reads that computed it
and its keeping (they run in one SQLite transaction, whose write then fails: SQLITE_BUSY_SNAPSHOT,
or SQLITE_BUSY while a run writes); then it is returned without being kept.

Each kept view records the version of what computed it (`version`: tell/summary.py VIEWS_VERSION):
a view of another version counts as missing, so after a change to the summarizer or the ledger
every view is computed again on its next request (and kept in the new version).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from rasd.store.corpus import CorpusRows
from rasd.store.extract import ExtractRows

_CHUNK = 500  # bound parameters per statement


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


Views = tuple[dict[str, Any], dict[str, Any]]  # (summary, ledger) as JSON


class ViewTables:
    _db: sqlite3.Connection

    def _drop_views(self, corpus: CorpusRows | None, extraction: ExtractRows | None) -> None:
        """Inside a batch's transaction, after its corpus rows and before its extraction rows: drop
        the views of the events the batch changes (module doc)."""
        db = self._db
        events: set[str] = set()
        articles: set[str] = set()
        if corpus is not None:
            events.update(e[0] for e in corpus.events)
            events.update(corpus.removed_events)
            articles.update(a for link in corpus.links for a in link[:2])
            articles.update(corpus.unlinked)
        if extraction is not None:
            articles.update(extraction.articles)  # claims rewritten (an older store extracted again)
        for part in _chunks(sorted(articles)):
            marks = ",".join("?" * len(part))
            events.update(r[0] for r in db.execute(f"SELECT event FROM assignments WHERE article IN ({marks})", part))
        if extraction is not None and extraction.entities:
            new = {key: name for key, _, _, name, _, _ in extraction.entities}
            renamed: list[str] = []
            for part in _chunks(list(new)):
                marks = ",".join("?" * len(part))
                renamed += [k for k, n in db.execute(f"SELECT key, name FROM entities WHERE key IN ({marks})", part)
                            if n != new[k]]  # fmt: skip
            for part in _chunks(renamed):
                marks = ",".join("?" * len(part))
                events.update(r[0] for r in db.execute(
                    "SELECT DISTINCT s.event FROM claims c JOIN assignments s ON s.article = c.article"
                    f" WHERE c.claimant IN ({marks})", part))  # fmt: skip
        db.executemany("DELETE FROM event_views WHERE event = ?", [(e,) for e in events])

    def _view_writer(self) -> ViewTables | None:
        """A connection that may write views to this store (itself, unless opened read-only); None
        when the store cannot be written."""
        return self

    def event_views_or(self, event_id: str, compute: Callable[[Any], Views], version: int) -> Views:
        """The stored views of an event computed by `version`, else `compute(store)` (given a store to
        read from), kept for the next reader when nothing was written to the store meanwhile (module doc)."""
        stored = self.event_views(event_id, version)
        if stored is not None:
            return stored
        writer = self._view_writer()
        if writer is None:
            return compute(self)
        try:
            return writer._compute_and_keep(event_id, compute, version)
        finally:
            if writer is not self:
                writer._db.close()

    def _compute_and_keep(self, event_id: str, compute: Callable[[Any], Views], version: int) -> Views:
        db = self._db
        if db.in_transaction:  # inside a transaction of the caller's: not ours to commit
            return compute(self)
        db.execute("BEGIN")  # deferred: every read of `compute` sees the snapshot its first read takes
        try:
            views = compute(self)
            timeout = db.execute("PRAGMA busy_timeout").fetchone()[0]
            db.execute("PRAGMA busy_timeout = 0")  # a writer at work: give up at once, not after seconds
            try:
                db.execute("INSERT OR REPLACE INTO event_views(event, summary, ledger, version) VALUES (?, ?, ?, ?)",
                           (event_id, json.dumps(views[0], ensure_ascii=False),
                            json.dumps(views[1], ensure_ascii=False), version))  # fmt: skip
                db.execute("COMMIT")
            except sqlite3.OperationalError:  # written since the snapshot, being written, or read-only
                pass
            finally:
                db.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
        return views

    def forget_event_views(self) -> None:
        """Drop every kept view (each is computed again on its next request)."""
        self._db.execute("DELETE FROM event_views")

    def event_views(self, event_id: str, version: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The stored (summary, ledger) JSON of an event, or None when none is stored or the stored one
        was computed by another `version`."""
        row = self._db.execute("SELECT summary, ledger FROM event_views WHERE event = ? AND version = ?",
                               (event_id, version)).fetchone()  # fmt: skip
        return None if row is None else (json.loads(row[0]), json.loads(row[1]))

"""Computed views of events kept in the store: each event's cited summary and source ledger as JSON,
written at the end of a run (tell/stored.py) so that the event page and the summary and ledger
routes read a row instead of summarizing the event's articles on every request.

A batch that changes an event drops its stored views in the batch's own transaction, so a view is
never older than the event: the event's row rewritten (articles placed, moved, withdrawn) or the
event removed, a copy link written to or from one of its articles, an article's claims written
again, or an entity named by one of its claims given another name. An event without a stored view
is computed on request, as before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from rasd.store.corpus import CorpusRows
from rasd.store.extract import ExtractRows

_CHUNK = 500  # bound parameters per statement


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


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

    def events_without_views(self) -> list[str]:
        """Ids of stored events that have no stored view (changed since, or never computed)."""
        sql = "SELECT e.id FROM events e LEFT JOIN event_views v ON v.event = e.id WHERE v.event IS NULL ORDER BY e.id"
        return [r[0] for r in self._db.execute(sql)]

    def put_event_views(self, rows: Iterable[tuple[str, dict[str, Any], dict[str, Any]]]) -> None:
        """Store (event id, summary JSON, ledger JSON) rows in one transaction; an event removed
        meanwhile gets none."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany(
                "INSERT OR REPLACE INTO event_views(event, summary, ledger) SELECT ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM events WHERE id = ?)",
                [(e, json.dumps(s, ensure_ascii=False), json.dumps(led, ensure_ascii=False), e) for e, s, led in rows],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def event_views(self, event_id: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """The stored (summary, ledger) JSON of an event, or None when not stored."""
        row = self._db.execute("SELECT summary, ledger FROM event_views WHERE event = ?", (event_id,)).fetchone()
        return None if row is None else (json.loads(row[0]), json.loads(row[1]))

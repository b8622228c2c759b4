"""Ranked search through the word index beside the store (store/textindex.py): the SQL that feeds
the index and turns its hits into rows; the index itself runs no SQL."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator

from rasd.store.browse import Filters
from rasd.store.query import Query
from rasd.store.textindex import IndexRow, TextIndex, folder_of, open_index

TOKEN = "search-index"  # corpus_state row: the token of the index built for this store
_BATCH = 2000


class IndexedSearch:
    _db: sqlite3.Connection
    path: str

    def max_rowid(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(rowid), -1) FROM articles").fetchone()[0])

    def _index_token(self) -> str | None:
        row = self._db.execute("SELECT value FROM corpus_state WHERE name = ?", (TOKEN,)).fetchone()
        return None if row is None else bytes(row[0]).decode()

    def _index_rows(self, after: int) -> Iterator[IndexRow]:
        cur = self._db.execute(
            "SELECT a.rowid, a.id, f.title, f.body, a.source, a.language, a.published FROM articles a"
            " JOIN articles_fts f ON f.rowid = a.rowid WHERE a.rowid > ? ORDER BY a.rowid", (after,))  # fmt: skip
        while rows := cur.fetchmany(_BATCH):
            yield from (IndexRow(*r) for r in rows)

    def sync_search_index(self, rebuild: bool = False) -> int | None:
        """Bring the word index beside this store up to date (built anew when `rebuild`, when there
        is none, or when it was built for another store at this path); returns how many articles it
        took in, or None for an in-memory store."""
        folder = folder_of(self.path)
        if folder is None:
            return None
        token = self._index_token()
        idx: TextIndex | None = None
        if not rebuild and token is not None:
            try:
                idx = TextIndex(folder)
            except (OSError, ValueError):
                idx = None
            if idx is not None and idx.token != token:
                idx = None
        if idx is None:
            token = uuid.uuid4().hex
            idx = TextIndex(folder, create=token)
            self._db.execute("INSERT OR REPLACE INTO corpus_state(name, value) VALUES (?, ?)", (TOKEN, token.encode()))
        if idx.rowid == self.max_rowid():
            return 0  # nothing new: no writer, no commit (readers keep what they loaded)
        return idx.add(self._index_rows(idx.rowid))

    def _search_index(self, parsed: Query, limit: int, f: Filters) -> list[tuple[int, float]] | None:
        """(rowid, score) of the best hits from the word index, or None when it cannot answer: none
        built, behind the store, built for another store, or a filter it does not hold (entity,
        event, story)."""
        if f.entity is not None or f.event is not None or f.story is not None or not parsed.groups:
            return None
        idx = open_index(self.path)
        if idx is None or idx.rowid != self.max_rowid() or idx.token != self._index_token():
            return None
        return idx.search(parsed, limit, source=f.source, language=f.language, since=f.since, until=f.until)

"""Store tables of the copies index (copies/past.py): saved documents and their postings.

`CopyTables` is mixed into `Store`. A run reads what its new articles touch (the postings of their
keys, the documents those name); each batch writes the documents and postings it added inside the
batch transaction (`Store.save_batch`), so the saved index always matches the saved articles.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable

from rasd.store.bind import rows_in


class CopyTables:
    _db: sqlite3.Connection

    def copy_next(self) -> tuple[int, float]:
        """The next document number and the latest date stamp of the saved copies index."""
        doc, stamp = self._db.execute("SELECT MAX(doc), MAX(stamp) FROM copy_docs").fetchone()
        return (0 if doc is None else int(doc) + 1), (-math.inf if stamp is None else float(stamp))

    def copy_index_missing(self) -> bool:
        """Articles are placed but the copies index is not saved (a store an older rasd wrote)."""
        placed = self._db.execute("SELECT 1 FROM assignments LIMIT 1").fetchone()
        return placed is not None and self._db.execute("SELECT 1 FROM copy_docs LIMIT 1").fetchone() is None

    def copy_postings(self, keys: list[int], cap: int) -> tuple[list[int], list[int]]:
        """(key, doc) of the earliest `cap` postings of each key, by key then doc."""
        q = "SELECT doc FROM copy_keys WHERE key = ? ORDER BY doc LIMIT ?"
        out_k: list[int] = []
        out_d: list[int] = []
        run = self._db.execute
        for k in sorted(keys):
            docs = [d for (d,) in run(q, (k, cap))]
            out_k.extend([k] * len(docs))
            out_d.extend(docs)
        return out_k, out_d

    def copy_docs(self, docs: list[int]) -> list[tuple[int, str, int, bytes]]:
        """(doc, article id, characters, signature) of these saved documents."""
        return list(rows_in(self._db, "SELECT doc, article, length, sig FROM copy_docs WHERE doc IN ({marks})", docs))

    def copy_numbers(self, ids: list[str]) -> dict[str, int]:
        """article id -> its saved document number (ids without one are left out)."""
        return dict(rows_in(self._db, "SELECT article, doc FROM copy_docs WHERE article IN ({marks})", ids))

    def copy_texts_of(self, docs: list[int]) -> dict[int, str]:
        """doc -> the article text it was indexed with."""
        return dict(rows_in(self._db, "SELECT c.doc, json_extract(a.record, '$.text') FROM copy_docs c"
                                      " JOIN articles a ON a.id = c.article WHERE c.doc IN ({marks})", docs))

    def put_copy_index(self, docs: list[tuple[int, str, int, float, bytes]], keys: list[tuple[int, int]],
                       gone: Iterable[tuple[int, list[int]]] = ()) -> None:
        """Delete saved documents with their postings (`gone`: doc and every key it was posted under),
        then add documents and postings. Inside a transaction the caller holds."""
        db = self._db
        for doc, its_keys in gone:
            db.executemany("DELETE FROM copy_keys WHERE key = ? AND doc = ?", [(k, doc) for k in its_keys])
            db.execute("DELETE FROM copy_docs WHERE doc = ?", (doc,))
        db.executemany("INSERT INTO copy_docs(doc, article, length, stamp, sig) VALUES (?,?,?,?,?)", docs)
        db.executemany("INSERT OR IGNORE INTO copy_keys(key, doc) VALUES (?,?)", sorted(keys))

    def fill_copy_index(self, parts: Iterable[tuple[list[tuple[int, str, int, float, bytes]], list[tuple[int, int]]]]
                        ) -> None:
        """Save the copies index of an older store, part by part (documents, postings), in one transaction."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            for docs, keys in parts:
                self.put_copy_index(docs, keys)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

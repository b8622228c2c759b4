"""The embedded store: SQLite in WAL mode. The only module that runs SQL.

Writes go in one transaction per batch, so a killed run loses at most the batch under way
and a rerun resumes (articles already stored with the same content hash are skipped).
Search runs over normalized title and text with FTS5's trigram tokenizer: substring
matching finds "قره باغ" inside "بقره باغ" (clitics) and every spelling that normalizes
alike (قرة/قره). Queries are always bound parameters. Ranked search goes to the word index
beside the store (store/textindex.py) when one is built and up to date.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from rasd.arabic.normalize import normalize
from rasd.errors import InputError, NotFound, StoreError
from rasd.model import Article, Dropped
from rasd.store.browse import BrowseTables, Filters, article_where
from rasd.store.copies import CopyTables
from rasd.store.corpus import CorpusRows, CorpusTables
from rasd.store.extract import ExtractRows, ExtractTables
from rasd.store.indexed import IndexedSearch
from rasd.store.query import Query
from rasd.store.query import parse as parse_query
from rasd.store.schema import MIGRATIONS
from rasd.store.serialize import article_from_dict, article_to_dict
from rasd.store.spelling import SpellingTables
from rasd.store.views import ViewTables

MAX_QUERY = 1_000  # characters; a phrase, not a document
_VOCABULARY = 4  # the migration that adds search_words (filled from the articles already stored)
_CONTROLS = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    source: str | None
    rank: float


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store(CorpusTables, CopyTables, ExtractTables, BrowseTables, SpellingTables, ViewTables, IndexedSearch):
    """An open rasd database. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path = ":memory:", *, readonly: bool = False) -> None:
        """Open (or create) a store. `readonly` opens an existing one without writing to it (a
        store an older rasd wrote is still migrated first). Either way a SQLite file that is not a
        rasd store is refused before anything is written to it."""
        self.path = str(path)
        self._readonly = False
        try:
            if readonly and self.path != ":memory:":
                self._db = self._open_readonly()
                if self._version() == len(MIGRATIONS):
                    self._readonly = True
                    return
                self._db.close()  # an older rasd's store: migrate it, then go on
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._check_ours()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e

    def _open_readonly(self) -> sqlite3.Connection:
        uri = "file:" + urllib.parse.quote(str(Path(self.path).absolute())) + "?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, isolation_level=None)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # a WAL store on a read-only disk: no -shm can be made
            db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
        self._db = db
        self._check_ours()
        return db

    def _view_writer(self) -> Store | None:
        """This store, or when opened read-only a writable connection to its file (None when it
        cannot be written): computed event views are kept through it (store/views.py)."""
        if not self._readonly:
            return self
        try:
            return Store(self.path)
        except StoreError:
            return None

    def _version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _check_ours(self) -> None:
        """Refuse a SQLite file another program made (its tables are not ours to add to)."""
        try:
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path} is not a rasd store ({e})") from e
        version = self._version()
        if version > len(MIGRATIONS):
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this rasd "
                f"({len(MIGRATIONS)}): upgrade rasd"
            )
        if (version == 0 and tables) or (0 < version <= len(MIGRATIONS) and "articles" not in tables):
            raise StoreError(f"{self.path} is not a rasd store (a SQLite file with other tables, user_version "
                             f"{version}); give --db a new or a rasd file")

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def _migrate(self) -> None:
        version = self._version()
        if version > len(MIGRATIONS):
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this rasd "
                f"({len(MIGRATIONS)}): upgrade rasd"
            )
        while version < len(MIGRATIONS):
            # IMMEDIATE takes SQLite's write lock before the version is read again: two processes
            # creating one new store at once apply each migration once (the other then sees it done)
            self._db.execute("BEGIN IMMEDIATE")
            try:
                version = self._version()
                if version < len(MIGRATIONS):
                    for stmt in MIGRATIONS[version].split(";"):
                        if stmt.strip():
                            self._db.execute(stmt)
                    version += 1
                    if version == _VOCABULARY:
                        self._backfill_words()
                    self._db.execute(f"PRAGMA user_version={version}")
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError:
                self._db.execute("ROLLBACK")
                raise

    # -- writing ------------------------------------------------------------------------

    def save_batch(
        self,
        articles: Iterable[Article],
        dropped: Iterable[Dropped] = (),
        furniture_rows: Iterable[tuple[str, str, str]] = (),
        corpus: CorpusRows | None = None,
        extraction: ExtractRows | None = None,
    ) -> None:
        """Store a batch of processed articles, dropped inputs, furniture observations and
        where the corpus stages placed the articles, in one transaction: all of it lands, or none."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            self._put_words([self._put(a) for a in articles])
            for d in dropped:
                db.execute(
                    "INSERT OR REPLACE INTO dropped(origin, reason, detail, seen_at) VALUES (?,?,?,?)",
                    (d.origin, d.reason, d.detail, _now()),
                )
            db.executemany(
                "INSERT OR IGNORE INTO furniture_lines(source, line_hash, article_id) VALUES (?,?,?)",
                list(furniture_rows),
            )
            if corpus is not None:
                self._put_corpus(corpus)
                self.put_copy_index(corpus.copy_docs, corpus.copy_keys, corpus.copy_gone)
            self._drop_views(corpus, extraction)
            if extraction is not None:
                self._put_extraction(extraction)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _put(self, a: Article) -> str:
        """Store one article; its normalized title and text (what search indexes)."""
        rec = article_to_dict(a)
        pub = a.published
        old = self._db.execute("SELECT rowid FROM articles WHERE id = ?", (a.id,)).fetchone()
        rowid = None
        if old is not None:  # stored again: a rowid past every one so far, which the word index syncs from
            rowid = self._db.execute("SELECT max(rowid) + 1 FROM articles").fetchone()[0]
            self._db.execute("DELETE FROM articles_fts WHERE rowid = ?", (old[0],))
            self._db.execute("DELETE FROM articles WHERE rowid = ?", (old[0],))
        cur = self._db.execute(
            "INSERT INTO articles(rowid, id, content_hash, source, url, origin, fmt, title, published,"
            " published_precision, language, record, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                rowid, a.id, a.content_hash, a.source, a.url, a.origin, a.fmt, a.title,
                pub.iso() if pub else None, pub.precision.value if pub else None, a.language,
                json.dumps(rec, ensure_ascii=False), _now(),
            ),
        )  # fmt: skip
        title, body = normalize(a.title or ""), normalize(a.text)
        self._db.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)", (cur.lastrowid, title, body))
        return f"{title}\n{body}"

    # -- reading ------------------------------------------------------------------------

    def known_hashes(self) -> dict[str, str]:
        """id -> content hash of every stored article (to skip unchanged inputs on rerun)."""
        return dict(self._db.execute("SELECT id, content_hash FROM articles").fetchall())

    def data_version(self) -> int:
        """Changes when another connection commits to the store (SQLite's `PRAGMA data_version`):
        what this process loaded from the store is still in step while it stays the same."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, article_id: str) -> Article:
        row = self._db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article with id {article_id!r} in {self.path}")
        return article_from_dict(json.loads(row[0]))

    def raw_texts(self, article_ids: list[str]) -> dict[str, str]:
        """id -> raw text of these stored articles (only the text is read out of each record)."""
        out: dict[str, str] = {}
        for i in range(0, len(article_ids), 500):
            part = article_ids[i:i + 500]
            out.update(self._db.execute(
                f"SELECT id, json_extract(record, '$.raw') FROM articles WHERE id IN ({','.join('?' * len(part))})",
                part))  # fmt: skip
        return out

    def articles(self) -> Iterator[Article]:
        """Every stored article, by id."""
        for (rec,) in self._db.execute("SELECT record FROM articles ORDER BY id"):
            yield article_from_dict(json.loads(rec))

    def dropped(self) -> list[Dropped]:
        rows = self._db.execute("SELECT origin, reason, detail FROM dropped ORDER BY origin").fetchall()
        return [Dropped(o, r, d) for o, r, d in rows]

    def furniture_rows(self) -> Iterator[tuple[str, str, str]]:
        """Learned-furniture observations: (source or "", line hash or "" for the article, article id)."""
        yield from self._db.execute("SELECT source, line_hash, article_id FROM furniture_lines")

    def parse_query(self, query: str) -> Query:
        """`query` as groups of terms (store/query.py), a word's long-vowel spellings from this store's
        vocabulary included (store/spelling.py)."""
        return parse_query(_CONTROLS.sub(" ", query), variants=self.spelling_variants)

    def search(self, query: str, limit: int = 20, filters: Filters | None = None,
               parsed: Query | None = None) -> list[SearchHit]:  # fmt: skip
        """Articles whose normalized title or text contains the normalized query, best first, among
        those `filters` keep (outlet, language, day range, entity, event, story: `article_where`).
        A query longer than `MAX_QUERY` characters is refused (InputError): FTS5 builds a trigram
        term per character, so memory grows with the query (a 10 MB query took over 23 GB).
        `parsed`: the query as `parse_query` gave it, when the caller has it already."""
        if len(query) > MAX_QUERY:
            raise InputError(f"the query is {len(query):,} characters long; search takes at most {MAX_QUERY:,}")
        q = " ".join(_CONTROLS.sub(" ", normalize(query)).split())  # a NUL ends FTS5's query string
        if not q:
            return []
        parsed = parsed or self.parse_query(query)
        cols = "a.id, a.title, a.published, a.source"
        ranked = self._search_index(parsed, limit, filters or Filters())  # the word index, when it can answer
        if ranked is not None:
            if not ranked:
                return []
            found = {r: (i, t, p, s) for r, i, t, p, s in self._db.execute(
                f"SELECT a.rowid, {cols} FROM articles a WHERE a.rowid IN ({','.join('?' * len(ranked))})",
                [r for r, _ in ranked])}  # fmt: skip
            return [SearchHit(*found[r], rank=-score) for r, score in ranked if r in found]
        w = article_where(filters or Filters())
        extra, args = "".join(f" AND {c}" for c in w.conds), w.args
        try:
            if parsed.groups:  # words in any order and clitic form, names in every spelling (store/query.py)
                rows = self._db.execute(
                    f"SELECT {cols}, bm25(articles_fts) AS r FROM articles_fts f"
                    f" JOIN articles a ON a.rowid = f.rowid WHERE articles_fts MATCH ?{extra} ORDER BY r LIMIT ?",
                    (parsed.match(), *args, limit),
                ).fetchall()
            else:  # trigram needs 3 characters: scan
                like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                rows = self._db.execute(
                    f"SELECT {cols}, 0.0 FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                    f" WHERE (f.title LIKE ? ESCAPE '\\' OR f.body LIKE ? ESCAPE '\\'){extra} ORDER BY a.id LIMIT ?",
                    (like, like, *args, limit),
                ).fetchall()
        except sqlite3.OperationalError as e:
            raise StoreError(f"search failed for {query!r}: {e}") from e
        return [SearchHit(i, t, p, s, float(r)) for i, t, p, s, r in rows]

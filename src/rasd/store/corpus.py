"""Store tables of the corpus stages: copy links, event assignments, events, stories, state.

`CorpusTables` is mixed into `Store`; it writes inside the batch transaction `Store.save_batch`
opens, so articles and where they were placed land together or not at all.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rasd.store.bind import rows_in

# A story's title: its largest event's stored title (the earliest of equals), as the report names it
STORY_TITLE = ("(SELECT e.title FROM events e WHERE e.story = s.id"
               " ORDER BY e.articles DESC, e.first IS NULL, e.first, e.id LIMIT 1)")


@dataclass(slots=True)
class CorpusRows:
    """What the corpus stages changed in one batch, as rows."""

    links: list[tuple[str, str, str, float, str]] = field(default_factory=list)  # article, other, kind, score, spans
    assignments: list[tuple[str, str, float, bool]] = field(default_factory=list)  # article, event, score, new
    events: list[tuple[str, str | None, str | None, str | None, str | None, int, str]] = field(default_factory=list)
    stories: list[tuple[str, str | None, str | None, int, int, str]] = field(default_factory=list)
    removed_stories: list[str] = field(default_factory=list)
    state: dict[str, bytes] = field(default_factory=dict)
    unlinked: list[str] = field(default_factory=list)  # articles whose copy links are deleted first (edited)
    removed_events: list[str] = field(default_factory=list)
    copy_docs: list[tuple[int, str, int, float, bytes]] = field(default_factory=list)  # store/copies.py
    copy_keys: list[tuple[int, int]] = field(default_factory=list)
    copy_gone: list[tuple[int, list[int]]] = field(default_factory=list)  # saved documents of edited articles


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    story: str | None
    title: str | None
    first: str | None
    last: str | None
    articles: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    first: str | None
    last: str | None
    articles: int
    events: int
    title: str | None  # title of its earliest event


@dataclass(frozen=True, slots=True)
class MemberRow:
    article: str
    title: str | None
    published: str | None
    source: str | None
    score: float
    opened: bool  # the article opened the event


@dataclass(frozen=True, slots=True)
class LinkRow:
    article: str
    other: str
    kind: str
    score: float
    spans: tuple[tuple[int, int, int, int], ...]


def _event_row(r: tuple[Any, ...]) -> EventRow:
    state = json.loads(r[6])
    sources = tuple(sorted(state.get("sources", {}), key=lambda s: -state["sources"][s]))
    return EventRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), sources)


class CorpusTables:
    _db: sqlite3.Connection

    def _put_corpus(self, rows: CorpusRows) -> None:
        db = self._db
        db.executemany("DELETE FROM copy_links WHERE article = ? OR other = ?", [(a, a) for a in rows.unlinked])
        db.executemany("DELETE FROM events WHERE id = ?", [(e,) for e in rows.removed_events])
        db.executemany(
            "INSERT OR REPLACE INTO copy_links(article, other, kind, score, spans) VALUES (?,?,?,?,?)", rows.links
        )
        db.executemany(
            "INSERT OR REPLACE INTO assignments(article, event, score, new) VALUES (?,?,?,?)",
            [(a, e, s, int(n)) for a, e, s, n in rows.assignments],
        )
        db.executemany(
            "INSERT OR REPLACE INTO events(id, story, title, first, last, articles, state) VALUES (?,?,?,?,?,?,?)",
            rows.events,
        )
        db.executemany(
            "INSERT OR REPLACE INTO stories(id, first, last, articles, events, state) VALUES (?,?,?,?,?,?)",
            rows.stories,
        )
        db.executemany("DELETE FROM stories WHERE id = ?", [(s,) for s in rows.removed_stories])
        db.executemany(
            "INSERT OR REPLACE INTO corpus_state(name, value) VALUES (?,?)", list(rows.state.items())
        )

    # -- state for a rerun -----------------------------------------------------------------

    def corpus_state(self, name: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM corpus_state WHERE name = ?", (name,)).fetchone()
        return None if row is None else bytes(row[0])

    def replace_corpus_state(self, rows: dict[str, bytes], drop_prefix: str) -> None:
        """In one transaction: write these state rows and delete those whose name starts with `drop_prefix`."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM corpus_state WHERE name >= ? AND name < ?", (drop_prefix, drop_prefix + "\uffff"))
            db.executemany("INSERT OR REPLACE INTO corpus_state(name, value) VALUES (?,?)", list(rows.items()))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def corpus_states(self, prefix: str) -> list[bytes]:
        """The values of every state row whose name starts with `prefix`, by name."""
        rows = self._db.execute("SELECT name, value FROM corpus_state WHERE name >= ? AND name < ? ORDER BY name",
                                (prefix, prefix + "\uffff")).fetchall()
        return [bytes(v) for _, v in rows]

    def event_states(self, since: str | None = None) -> Iterator[dict[str, Any]]:
        """Saved event states, those whose last day is on or after `since` (all when None)."""
        if since is None:
            cur = self._db.execute("SELECT state FROM events")
        else:
            cur = self._db.execute("SELECT state FROM events WHERE last IS NULL OR last >= ?", (since,))
        for (state,) in cur:
            yield json.loads(state)

    def event_state(self, event_id: str) -> dict[str, Any] | None:
        """The saved state of one event (None when there is none)."""
        row = self._db.execute("SELECT state FROM events WHERE id = ?", (event_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def story_states(self) -> Iterator[dict[str, Any]]:
        for (state,) in self._db.execute("SELECT state FROM stories"):
            yield json.loads(state)

    def copy_texts(self) -> Iterator[tuple[str, str | None, str]]:
        """(id, published, cleaned text) of every article already placed, in placement order (the text
        read out of the record by SQLite, ~3x faster than decoding whole records in Python)."""
        yield from self._db.execute(
            "SELECT a.id, a.published, json_extract(a.record, '$.text') FROM articles a"
            " JOIN assignments s ON s.article = a.id ORDER BY a.rowid"
        )

    # -- reading ----------------------------------------------------------------------------

    def events(self, story: str | None = None, limit: int = 1000) -> list[EventRow]:
        """Events, most recent first (or the events of one story, in time order)."""
        cols = "id, story, title, first, last, articles, state"
        if story is None:
            q = f"SELECT {cols} FROM events ORDER BY last DESC, articles DESC, id LIMIT ?"
            rows = self._db.execute(q, (limit,)).fetchall()
        else:
            q = f"SELECT {cols} FROM events WHERE story = ? ORDER BY first IS NULL, first, id LIMIT ?"
            rows = self._db.execute(q, (story, limit)).fetchall()
        return [_event_row(r) for r in rows]

    def event(self, event_id: str) -> EventRow | None:
        r = self._db.execute(
            "SELECT id, story, title, first, last, articles, state FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return None if r is None else _event_row(r)

    def events_with_titles_of(self, article_ids: list[str]) -> dict[str, tuple[str, str | None]]:
        """article id -> (its event, the event's stored title), for the articles placed in one; the
        title from the index of titles (the events' rows, with their clustering state, are not read)."""
        sql = ("SELECT s.article, s.event, e.title FROM assignments s LEFT JOIN events e INDEXED BY events_title"
               " ON e.id = s.event WHERE s.article IN ({marks})")  # fmt: skip
        return {a: (e, t) for a, e, t in rows_in(self._db, sql, article_ids)}

    def members(self, event_id: str) -> list[MemberRow]:
        rows = self._db.execute(
            "SELECT a.id, a.title, a.published, a.source, s.score, s.new FROM assignments s"
            " JOIN articles a ON a.id = s.article WHERE s.event = ? ORDER BY a.published, a.id",
            (event_id,),
        ).fetchall()
        return [MemberRow(i, t, p, src, float(sc), bool(n)) for i, t, p, src, sc, n in rows]

    def stories(self, limit: int = 1000, story_id: str | None = None) -> list[StoryRow]:
        """Stories, latest first; with `story_id`, only that one (an empty list when there is none)."""
        where, args = ("WHERE s.id = ?", (story_id,)) if story_id is not None else ("", ())
        rows = self._db.execute(
            "SELECT s.id, s.first, s.last, s.articles, s.events,"
            f" {STORY_TITLE}"
            f" FROM stories s {where} ORDER BY s.last DESC, s.articles DESC, s.id LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [StoryRow(i, f, la, int(a), int(e), t) for i, f, la, a, e, t in rows]

    def links(self, article_ids: list[str] | None = None) -> list[LinkRow]:
        """Copy links touching the given articles (all links when None)."""
        q = "SELECT article, other, kind, score, spans FROM copy_links"
        if article_ids is None:
            rows = self._db.execute(q + " ORDER BY article, other, kind").fetchall()
        else:
            marks = ",".join("?" * len(article_ids))
            rows = self._db.execute(
                q + f" WHERE article IN ({marks}) OR other IN ({marks}) ORDER BY article, other, kind",
                [*article_ids, *article_ids],
            ).fetchall()
        return [LinkRow(a, o, k, float(s), tuple(tuple(x) for x in json.loads(sp))) for a, o, k, s, sp in rows]

    def story_state(self, story_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT state FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def published_of(self, article_ids: list[str]) -> dict[str, str | None]:
        """article id -> its publication date (ISO) or None."""
        return dict(rows_in(self._db, "SELECT id, published FROM articles WHERE id IN ({marks})", article_ids))

    def copy_order_of(self, article_ids: list[str]) -> dict[str, tuple[str | None, str | None, int]]:
        """article id -> (published ISO or None, seen ISO or None, arrival rank) for naming a copy group's source."""
        sql = "SELECT id, published, json_extract(record, '$.seen'), rowid FROM articles WHERE id IN ({marks})"
        return {r[0]: (r[1], r[2], r[3]) for r in rows_in(self._db, sql, article_ids)}

    def events_of(self, article_ids: list[str]) -> dict[str, str]:
        """article id -> the event it is assigned to (articles not placed are left out)."""
        return dict(rows_in(self._db, "SELECT article, event FROM assignments WHERE article IN ({marks})", article_ids))

    def placements(self) -> dict[str, tuple[str, str | None]]:
        """article id -> (event id, story id)."""
        rows = self._db.execute(
            "SELECT s.article, s.event, e.story FROM assignments s LEFT JOIN events e ON e.id = s.event"
        ).fetchall()
        return {a: (e, st) for a, e, st in rows}

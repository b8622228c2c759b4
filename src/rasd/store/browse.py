"""Filtered, paginated reads for the HTTP API: articles, events, stories, claims, entities and copy
links, each filterable by what a reader narrows by (publication days, outlet, language, entity, story,
event). Every value is bound, never pasted into the SQL; every page is LIMIT/OFFSET in SQL, so a page
of a large store costs the page, not the store."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from rasd.store.corpus import STORY_TITLE, EventRow, LinkRow, StoryRow, _event_row
from rasd.store.extract import _CLAIM_COLS, ClaimRow, EntityRow, _claim_row


@dataclass(frozen=True, slots=True)
class Filters:
    """What to narrow a listing by; None means no filter. Days are ISO dates (YYYY-MM-DD), inclusive;
    `entity` is an entity key (as stored in mentions), `source` an outlet as given in the input."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    language: str | None = None
    entity: str | None = None
    story: str | None = None
    event: str | None = None


class _Where:
    def __init__(self) -> None:
        self.conds: list[str] = []
        self.args: list[Any] = []

    def add(self, cond: str, *values: Any) -> None:
        self.conds.append(cond)
        self.args.extend(values)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conds) if self.conds else ""


def article_where(f: Filters) -> _Where:
    """Conditions on articles (alias `a`): outlet, language, publication day range, an entity they
    mention, the event or story they are in."""
    w = _Where()
    for cond, value in (("a.source = ?", f.source), ("a.language = ?", f.language),
                        ("substr(a.published, 1, 10) >= ?", f.since), ("substr(a.published, 1, 10) <= ?", f.until),
                        ("a.id IN (SELECT article FROM mentions WHERE key = ?)", f.entity),
                        ("a.id IN (SELECT article FROM assignments WHERE event = ?)", f.event),
                        ("a.id IN (SELECT s.article FROM assignments s JOIN events e ON e.id = s.event"
                         " WHERE e.story = ?)", f.story)):  # fmt: skip
        if value is not None:
            w.add(cond, value)
    return w


_EVENT_COLS = "e.id, e.story, e.title, e.first, e.last, e.articles, e.state"
_OF_SOURCE = "SELECT s.event FROM assignments s JOIN articles a ON a.id = s.article WHERE a.source = ?"
_OF_ENTITY = "SELECT s.event FROM assignments s JOIN mentions m ON m.article = s.article WHERE m.key = ?"


class BrowseTables:
    _db: sqlite3.Connection

    def article_ids(self, *, offset: int = 0, limit: int = 50, source: str | None = None,
                    language: str | None = None, since: str | None = None, until: str | None = None,
                    entity: str | None = None, story: str | None = None,
                    event: str | None = None) -> list[str]:  # fmt: skip
        """Ids of stored articles, newest published first (undated last), filtered by outlet,
        language, publication day range, an entity they mention, and the story or event they are in."""
        w = article_where(Filters(since=since, until=until, source=source, language=language, entity=entity,
                                  story=story, event=event))
        sql = (f"SELECT a.id FROM articles a{w.sql()}"
               " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?")  # fmt: skip
        return [r[0] for r in self._db.execute(sql, (*w.args, limit, offset))]

    def event_page(self, f: Filters, *, offset: int = 0, limit: int = 50) -> list[EventRow]:
        """Events, latest first (a story's in time order), overlapping the day range, with an article
        from the outlet or mentioning the entity."""
        w = self._event_where(f)
        order = "e.first IS NULL, e.first, e.id" if f.story is not None else "e.last DESC, e.articles DESC, e.id"
        rows = self._db.execute(f"SELECT {_EVENT_COLS} FROM events e{w.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
                                (*w.args, limit, offset)).fetchall()  # fmt: skip
        return [_event_row(r) for r in rows]

    def story_page(self, f: Filters, *, offset: int = 0, limit: int = 50) -> list[StoryRow]:
        """Stories, latest first, overlapping the day range, with an event from the outlet or about
        the entity."""
        w = _Where()
        if f.since is not None:
            w.add("substr(s.last, 1, 10) >= ?", f.since)
        if f.until is not None:
            w.add("substr(s.first, 1, 10) <= ?", f.until)
        if f.source is not None or f.entity is not None:  # an event of the story passes them
            ev = self._event_where(Filters(source=f.source, entity=f.entity))
            w.add(f"s.id IN (SELECT e.story FROM events e{ev.sql()})", *ev.args)
        rows = self._db.execute(
            "SELECT s.id, s.first, s.last, s.articles, s.events,"
            f" {STORY_TITLE}"
            f" FROM stories s{w.sql()} ORDER BY s.last DESC, s.articles DESC, s.id LIMIT ? OFFSET ?",
            (*w.args, limit, offset),
        ).fetchall()
        return [StoryRow(i, fi, la, int(a), int(e), t) for i, fi, la, a, e, t in rows]

    def claim_page(self, f: Filters, *, kind: str | None = None, article: str | None = None,
                   offset: int = 0, limit: int = 50) -> list[ClaimRow]:  # fmt: skip
        """Claims and their numeric facts, by article and text order: of one article, event or story,
        made by the entity (`entity` is the claimant's key), of one fact kind, published in the range."""
        w = _Where()
        if article is not None:
            w.add("c.article = ?", article)
        if f.event is not None:
            w.add("c.article IN (SELECT article FROM assignments WHERE event = ?)", f.event)
        if f.story is not None:
            w.add("c.article IN (SELECT s.article FROM assignments s JOIN events e ON e.id = s.event"
                  " WHERE e.story = ?)", f.story)  # fmt: skip
        if f.entity is not None:
            w.add("c.claimant = ?", f.entity)
        if kind is not None:
            w.add("c.kind = ?", kind)
        for cond, value in (("a.source = ?", f.source), ("substr(a.published, 1, 10) >= ?", f.since),
                            ("substr(a.published, 1, 10) <= ?", f.until), ("a.language = ?", f.language)):
            if value is not None:
                w.add(f"c.article IN (SELECT a.id FROM articles a WHERE {cond})", value)
        cols = ", ".join(f"c.{c.strip()}" for c in _CLAIM_COLS.split(","))
        rows = self._db.execute(f"SELECT {cols} FROM claims c{w.sql()} ORDER BY c.article, c.seq LIMIT ? OFFSET ?",
                                (*w.args, limit, offset))  # fmt: skip
        return [_claim_row(r) for r in rows]

    def entity_page(self, type_: str | None = None, *, offset: int = 0, limit: int = 50) -> list[EntityRow]:
        """Entities, most mentioned first."""
        w = _Where()
        if type_ is not None:
            w.add("type = ?", type_)
        rows = self._db.execute("SELECT key, id, type, name, variants, mentions FROM entities"
                                f"{w.sql()} ORDER BY mentions DESC, key LIMIT ? OFFSET ?", (*w.args, limit, offset))
        return [EntityRow(k, i, t, n, dict(json.loads(v)), int(c)) for k, i, t, n, v, c in rows]

    def link_page(self, *, article: str | None = None, kind: str | None = None, offset: int = 0,
                  limit: int = 50) -> list[LinkRow]:  # fmt: skip
        """Copy links (one article repeating another's passages), of one article and kind."""
        w = _Where()
        if article is not None:
            w.add("(article = ? OR other = ?)", article, article)
        if kind is not None:
            w.add("kind = ?", kind)
        rows = self._db.execute(f"SELECT article, other, kind, score, spans FROM copy_links{w.sql()}"
                                " ORDER BY article, other, kind LIMIT ? OFFSET ?", (*w.args, limit, offset))
        return [LinkRow(a, o, k, float(s), tuple(tuple(x) for x in json.loads(sp))) for a, o, k, s, sp in rows]

    def _event_where(self, f: Filters) -> _Where:
        w = _Where()
        if f.story is not None:
            w.add("e.story = ?", f.story)
        if f.since is not None:
            w.add("substr(e.last, 1, 10) >= ?", f.since)
        if f.until is not None:
            w.add("substr(e.first, 1, 10) <= ?", f.until)
        if f.source is not None:
            w.add(f"e.id IN ({_OF_SOURCE})", f.source)
        if f.entity is not None:
            w.add(f"e.id IN ({_OF_ENTITY})", f.entity)
        return w

"""Store tables of the extraction stage: entities, their aliases, mentions and claims.

`ExtractTables` is mixed into `Store` and writes inside the batch transaction of
`Store.save_batch`. A claim carrying several numeric facts is one row per fact (same `claim`
number); a claim without a figure is one row with the fact columns null.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rasd.extract.article import Extraction

EXTRACT_VERSION = 1  # bump when extraction changes: stored articles are extracted again on the next run


@dataclass(slots=True)
class ExtractRows:
    """What extraction produced for one batch, as rows."""

    articles: list[str] = field(default_factory=list)
    mentions: list[tuple[str, int, int, str, str]] = field(default_factory=list)
    claims: list[tuple[Any, ...]] = field(default_factory=list)
    entities: list[tuple[str, str, str, str, str, int]] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)

    def add(self, ex: Extraction) -> None:
        self.articles.append(ex.article)
        self.mentions.extend((ex.article, m.start, m.end, m.key, m.surface) for m in ex.mentions)
        seq = 0
        for n, c in enumerate(ex.claims):
            head = (ex.article, n, c.start, c.end, c.verb, c.verb_start, c.verb_end, c.claimant, c.claimant_text,
                    c.polarity, json.dumps(c.quotes), c.time)
            for f in c.facts or (None,):
                fact = (None,) * 10 if f is None else (
                    f.kind, f.value, f.value_max, f.qualifier, f.action, f.subject, f.side, f.start, f.end, f.surface)
                self.claims.append((ex.article, seq, *head[1:], *fact))
                seq += 1


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim, or one numeric fact of a claim, as stored."""

    article: str
    seq: int
    claim: int
    start: int
    end: int
    verb: str | None
    verb_start: int | None
    verb_end: int | None
    claimant: str | None
    claimant_text: str | None
    polarity: str
    quotes: tuple[tuple[int, int], ...]
    time: str | None
    kind: str | None
    value: int | None
    value_max: int | None
    qualifier: str | None
    action: str | None
    subject: str | None
    side: str | None
    fact_start: int | None
    fact_end: int | None
    surface: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    key: str
    id: str
    type: str
    name: str
    variants: dict[str, int]
    mentions: int


_CLAIM_COLS = ("article, seq, claim, span_start, span_end, verb, verb_start, verb_end, claimant, claimant_text,"
               " polarity, quotes, time, kind, value, value_max, qualifier, action, subject, side, fact_start,"
               " fact_end, surface")


def _claim_row(r: tuple[Any, ...]) -> ClaimRow:
    quotes = tuple((int(a), int(b)) for a, b in json.loads(r[11]))
    return ClaimRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], quotes, r[12], r[13], r[14],
                    r[15], r[16], r[17], r[18], r[19], r[20], r[21], r[22])


class ExtractTables:
    _db: sqlite3.Connection

    def _put_extraction(self, rows: ExtractRows) -> None:
        db = self._db
        for table in ("mentions", "claims"):
            db.executemany(f"DELETE FROM {table} WHERE article = ?", [(a,) for a in rows.articles])
        db.executemany("INSERT OR REPLACE INTO mentions(article, span_start, span_end, key, surface)"
                       " VALUES (?,?,?,?,?)", rows.mentions)
        db.executemany(f"INSERT OR REPLACE INTO claims({_CLAIM_COLS}) VALUES ({','.join('?' * 23)})", rows.claims)
        db.executemany("INSERT OR REPLACE INTO entities(key, id, type, name, variants, mentions) VALUES (?,?,?,?,?,?)",
                       rows.entities)
        db.executemany("INSERT OR REPLACE INTO entity_aliases(alias, key) VALUES (?,?)", rows.aliases)
        db.executemany("INSERT OR REPLACE INTO extracted(article, version) VALUES (?,?)",
                       [(a, EXTRACT_VERSION) for a in rows.articles])

    def unextracted(self) -> list[str]:
        """Ids of stored articles not extracted by this version of rasd (older stores, older rasd)."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a LEFT JOIN extracted x ON x.article = a.id"
            " WHERE x.version IS NULL OR x.version < ? ORDER BY a.rowid", (EXTRACT_VERSION,)
        ).fetchall()
        return [r[0] for r in rows]

    def entity_rows(self, type_: str | None = None, limit: int = 100_000) -> list[EntityRow]:
        """Entities, most mentioned first."""
        q = "SELECT key, id, type, name, variants, mentions FROM entities"
        args: list[Any] = []
        if type_ is not None:
            q += " WHERE type = ?"
            args.append(type_)
        q += " ORDER BY mentions DESC, key LIMIT ?"
        args.append(limit)
        return [EntityRow(k, i, t, n, dict(json.loads(v)), int(c)) for k, i, t, n, v, c in self._db.execute(q, args)]

    def entity_row(self, key_or_id: str) -> EntityRow | None:
        r = self._db.execute("SELECT key, id, type, name, variants, mentions FROM entities WHERE key = ? OR id = ?",
                             (key_or_id, key_or_id)).fetchone()
        return None if r is None else EntityRow(r[0], r[1], r[2], r[3], dict(json.loads(r[4])), int(r[5]))

    def entity_aliases(self) -> Iterator[tuple[str, str]]:
        yield from self._db.execute("SELECT alias, key FROM entity_aliases")

    def claim_rows(self, article_ids: Iterable[str] | None = None) -> list[ClaimRow]:
        """Claims of the given articles (all when None), in article and text order."""
        q = f"SELECT {_CLAIM_COLS} FROM claims"
        if article_ids is None:
            return [_claim_row(r) for r in self._db.execute(q + " ORDER BY article, seq")]
        ids = list(article_ids)
        out: list[ClaimRow] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.extend(_claim_row(r) for r in self._db.execute(
                q + f" WHERE article IN ({marks}) ORDER BY article, seq", chunk))
        out.sort(key=lambda r: (r.article, r.seq))
        return out

"""Presentation dicts shared by the CLI, the Python API and (later) the HTTP API."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from rasd.copies import CopyLink, Kind, copy_groups
from rasd.copies.groups import GROUP_KINDS, Arrival
from rasd.errors import NotFound
from rasd.extract.ledger import ArticleMeta, Ledger
from rasd.extract.ledger import build as build_ledger
from rasd.model import Article, CreditKind
from rasd.names.gazetteer import entry as gazetteer_entry
from rasd.store import Store
from rasd.store.corpus import EventRow, StoryRow
from rasd.store.extract import EntityRow
from rasd.store.serialize import article_to_dict


def article_view(a: Article) -> dict[str, Any]:
    """One article with every extracted thing and the raw text it points at."""
    pub = a.published
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "origin": a.origin,
        "title": a.title,
        "title_note": a.title_note,
        "language": a.language,
        "published": {
            "value": pub.iso() if pub else None,
            "precision": pub.precision.value if pub else None,
            "rule": pub.rule if pub else None,
            "evidence": [pub.evidence.start, pub.evidence.end] if pub and pub.evidence else None,
            "evidence_text": pub.evidence.of(a.raw) if pub and pub.evidence else None,
            "weekday_ok": pub.weekday_ok if pub else None,
            "note": a.published_note,
        },
        "seen": {"value": a.seen.iso(), "source": a.seen.source.value} if a.seen else None,
        "credits": [{"kind": c.kind.value, "name": c.name} for c in a.credits],
        "line_languages": [
            {"start": x.span.start, "end": x.span.end, "language": x.language, "text": x.span.of(a.raw)}
            for x in a.line_languages
        ],
        "time_refs": article_to_dict(a)["time_refs"],
        "removed": [
            {"start": r.span.start, "end": r.span.end, "reason": r.reason.value, "rule": r.rule,
             "text": r.span.of(a.raw)}
            for r in a.removed
        ],
        "text": a.text,
    }  # fmt: skip


def store_copy_of(store: Store, article_ids: list[str] | None = None) -> dict[str, str]:
    """`copy_of` over the exact and near copy links stored (of the given articles, or all)."""
    links = [CopyLink(x.article, x.other, cast(Kind, x.kind), x.score, x.spans) for x in store.links(article_ids)
             if x.kind in GROUP_KINDS]
    ids = sorted({i for x in links for i in (x.article, x.other)})
    order = {i: Arrival(_when(p), _when(s), rank) for i, (p, s, rank) in store.copy_order_of(ids).items()}
    return copy_groups(links, order)


def _when(iso: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(iso) if iso else None


def event_row_view(e: EventRow) -> dict[str, Any]:
    return {"id": e.id, "story": e.story, "title": e.title, "first": e.first, "last": e.last,
            "articles": e.articles, "sources": list(e.sources)}


def event_view(store: Store, event_id: str) -> dict[str, Any]:
    """An event with its articles, who copies whom, and the passages they share (with spans
    into each article's displayed text)."""
    row = store.event(event_id)
    if row is None:
        raise NotFound(f"no event with id {event_id!r} in {store.path}")
    members = store.members(event_id)
    ids = [m.article for m in members]
    canon = store_copy_of(store, ids)
    texts = {i: store.get(i).text for i in ids}
    shared = []
    for link in store.links(ids):
        if link.article not in texts or link.other not in texts:
            continue
        for a0, a1, b0, b1 in link.spans:
            passage = texts[link.article][a0:a1]
            shared.append({"kind": link.kind, "article": link.article, "start": a0, "end": a1,
                           "other": link.other, "other_start": b0, "other_end": b1,
                           "words": len(passage.split()), "text": passage,
                           "other_text": texts[link.other][b0:b1]})
    return {
        **event_row_view(row),
        "members": [{"id": m.article, "title": m.title, "published": m.published, "source": m.source,
                     "score": m.score, "opened": m.opened,
                     "copy_of": canon[m.article] if canon.get(m.article, m.article) != m.article else None}
                    for m in members],
        "shared": shared,
    }


def story_view(store: Store, s: StoryRow) -> dict[str, Any]:
    """A story with its events in time order and its strongest anchors."""
    state = store.story_state(s.id)
    names: dict[str, int] = state.get("names", {}) if state else {}
    return {"id": s.id, "title": s.title, "first": s.first, "last": s.last, "articles": s.articles,
            "events": s.events, "anchors": sorted(names, key=lambda k: (-names[k], k)),
            "timeline": [event_row_view(e) for e in store.events(story=s.id)]}


def _scope_members(store: Store, scope_id: str) -> list[ArticleMeta]:
    """The articles of an event, or of every event of a story."""
    if store.event(scope_id) is not None:
        events = [scope_id]
    else:
        events = [e.id for e in store.events(story=scope_id)]
        if not events:
            raise NotFound(f"no event or story with id {scope_id!r} in {store.path}")
    return [ArticleMeta(m.article, m.source or _outlet(store.get(m.article)), m.published)
            for e in events for m in store.members(e)]


def _outlet(a: Article) -> str | None:
    """Who published an article when the input did not say: the outlet, else the agency it credits."""
    for kind in (CreditKind.OUTLET, CreditKind.AGENCY, CreditKind.SOURCE):
        name = next((c.name for c in a.credits if c.kind is kind), None)
        if name:
            return name
    return None


def entity_name(store: Store, key: str | None) -> str | None:
    if key is None:
        return None
    row = store.entity_row(key)
    if row is not None:
        return row.name
    e = gazetteer_entry(key)
    return e.name_ar if e else key


def ledger_view(store: Store, scope_id: str) -> Ledger:
    """The source ledger of an event or a story (by id)."""
    members = _scope_members(store, scope_id)
    meta = {m.id: m for m in members}
    rows = store.claim_rows(list(meta))
    texts = {i: store.get(i).raw for i in {r.article for r in rows if r.kind is None or r.polarity == "denies"}}
    names: dict[str | None, str | None] = {}

    def name_of(key: str | None) -> str | None:
        if key not in names:
            names[key] = entity_name(store, key)
        return names[key]

    return build_ledger(scope_id, rows, meta, texts, name_of)


def entity_view(row: EntityRow) -> dict[str, Any]:
    variants = sorted(row.variants, key=lambda v: (-row.variants[v], v))
    return {"id": row.id, "key": row.key, "type": row.type, "name": row.name, "variants": variants,
            "mentions": row.mentions}

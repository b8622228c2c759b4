"""Full-text search with snippets taken from the original text, not the normalized index."""

from __future__ import annotations

import re
from typing import Any

from rasd.arabic.normalize import normalize_with_offsets
from rasd.store.browse import Filters
from rasd.store.db import Store
from rasd.store.query import Query, parse

SNIPPET_CONTEXT = 40  # raw characters shown either side of a match


def snippets(raw: str, query: str, limit: int = 3, parsed: Query | None = None) -> list[dict[str, Any]]:
    """Where the query's terms (store/query.py: clitic-free words, every spelling of a name, quoted
    phrases; `parsed`: as a store parsed it, with its long-vowel spellings) occur in `raw`, as raw
    spans with context, in text order."""
    parsed = parsed or parse(query)
    terms = parsed.terms or tuple(parsed.short)
    if not terms:
        return []
    view = normalize_with_offsets(raw)
    rx = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    found: list[dict[str, Any]] = []
    for m in rx.finditer(view.norm):
        if len(found) >= limit:
            break
        start, end = view.to_raw(m.start(), m.end())
        found.append({
            "start": start, "end": end, "match": raw[start:end],
            "before": raw[max(0, start - SNIPPET_CONTEXT):start].replace("\n", " "),
            "after": raw[end:end + SNIPPET_CONTEXT].replace("\n", " "),
        })  # fmt: skip
    return found


def search(store: Store, query: str, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Articles matching `query` (spelling variants normalized) among those `filters` keep, each with
    raw-text snippets."""
    hits = []
    parsed = store.parse_query(query)
    for h in store.search(query, limit=limit, filters=filters):
        article = store.get(h.id)
        hits.append({
            "id": h.id, "title": h.title, "published": h.published, "source": h.source,
            "rank": h.rank, "snippets": snippets(article.raw, query, parsed=parsed),
        })  # fmt: skip
    return hits


def by_event(store: Store, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hits gathered by the event their article belongs to, in the order of each event's best hit:
    twenty copies of one wire story are one result listing twenty outlets. An article in no event
    is a result of its own."""
    events = store.events_of([h["id"] for h in hits])
    groups: dict[str, dict[str, Any]] = {}
    for h in hits:
        key = events.get(h["id"], "article:" + h["id"])
        g = groups.setdefault(key, {"event": events.get(h["id"]), "title": h["title"], "hits": [], "outlets": []})
        g["hits"].append(h)
        if h["source"] and h["source"] not in g["outlets"]:
            g["outlets"].append(h["source"])
    for g in groups.values():  # an event's result reads as the event's stored title (the summary's)
        row = store.event(g["event"]) if g["event"] else None
        if row is not None and row.title:
            g["title"] = row.title
    return list(groups.values())

"""Full-text search with snippets taken from the original text, not the normalized index."""

from __future__ import annotations

from typing import Any

from rasd.arabic.normalize import normalize, normalize_with_offsets
from rasd.store.db import Store

SNIPPET_CONTEXT = 40  # raw characters shown either side of a match


def snippets(raw: str, query: str, limit: int = 3) -> list[dict[str, Any]]:
    """Where the normalized query occurs in `raw`, as raw spans with context."""
    q = normalize(query).strip()
    if not q:
        return []
    view = normalize_with_offsets(raw)
    found: list[dict[str, Any]] = []
    pos = view.norm.find(q)
    while pos >= 0 and len(found) < limit:
        start, end = view.to_raw(pos, pos + len(q))
        found.append({
            "start": start, "end": end, "match": raw[start:end],
            "before": raw[max(0, start - SNIPPET_CONTEXT):start].replace("\n", " "),
            "after": raw[end:end + SNIPPET_CONTEXT].replace("\n", " "),
        })  # fmt: skip
        pos = view.norm.find(q, pos + len(q))
    return found


def search(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles matching `query` (spelling variants normalized), each with raw-text snippets."""
    hits = []
    for h in store.search(query, limit=limit):
        article = store.get(h.id)
        hits.append({
            "id": h.id, "title": h.title, "published": h.published, "source": h.source,
            "rank": h.rank, "snippets": snippets(article.raw, query),
        })  # fmt: skip
    return hits

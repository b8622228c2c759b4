"""Full-text search with snippets taken from the original text, not the normalized index."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rasd.arabic.normalize import normalize_with_offsets
from rasd.store.browse import Filters
from rasd.store.db import Store
from rasd.store.query import Query, parse

SNIPPET_CONTEXT = 40  # raw characters shown either side of a match
WINDOW = 3000  # raw characters normalized at a time while looking for snippets


def snippets(raw: str, query: str, limit: int = 3, parsed: Query | None = None) -> list[dict[str, Any]]:
    """Where the query's terms (store/query.py: clitic-free words, every spelling of a name, quoted
    phrases; `parsed`: as a store parsed it, with its long-vowel spellings) occur in `raw`, as raw
    spans with context, in text order."""
    parsed = parsed or parse(query)
    terms = parsed.terms or tuple(parsed.short)
    if not terms:
        return []
    rx = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)))
    found: list[dict[str, Any]] = []
    for a, b in _windows(raw):  # a long article is normalized only as far as its first matches
        view = normalize_with_offsets(raw[a:b], base=a)
        for m in rx.finditer(view.norm):
            if len(found) >= limit:
                return found
            start, end = view.to_raw(m.start(), m.end())
            found.append({
                "start": start, "end": end, "match": raw[start:end],
                "before": raw[max(0, start - SNIPPET_CONTEXT):start].replace("\n", " "),
                "after": raw[end:end + SNIPPET_CONTEXT].replace("\n", " "),
            })  # fmt: skip
    return found


def _windows(raw: str) -> Iterator[tuple[int, int]]:
    """`raw` cut into pieces of about `WINDOW` characters, each ending after a line break (a match
    never spans one: words and phrases are matched within a line)."""
    a = 0
    while a < len(raw):
        b = raw.find("\n", a + WINDOW)
        b = len(raw) if b < 0 else b + 1
        yield a, b
        a = b


def search(store: Store, query: str, limit: int = 20, filters: Filters | None = None,
           with_snippets: bool = True) -> list[dict[str, Any]]:  # fmt: skip
    """Articles matching `query` (spelling variants normalized) among those `filters` keep, each with
    raw-text snippets (or with none yet: `add_snippets` then gives them to the hits a page shows)."""
    hits: list[dict[str, Any]] = [{"id": h.id, "title": h.title, "published": h.published, "source": h.source,
             "rank": h.rank, "snippets": []} for h in store.search(query, limit=limit, filters=filters)]  # fmt: skip
    if with_snippets:
        add_snippets(store, hits, query)
    return hits


def add_snippets(store: Store, hits: list[dict[str, Any]], query: str) -> None:
    """Give these hits (of `search`) their snippets: only the raw text of these articles is read."""
    parsed = store.parse_query(query)
    raws = store.raw_texts([h["id"] for h in hits])
    for h in hits:
        h["snippets"] = snippets(raws[h["id"]], query, parsed=parsed)


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
    titles = store.event_titles([g["event"] for g in groups.values() if g["event"]])
    for g in groups.values():  # an event's result reads as the event's stored title (the summary's)
        if titles.get(g["event"]):
            g["title"] = titles[g["event"]]
    return list(groups.values())

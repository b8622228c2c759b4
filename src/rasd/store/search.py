"""Full-text search with snippets taken from the original text, not the normalized index."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any

from rasd.arabic.normalize import fold_in_place, folded_pattern, normalize_with_offsets
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
    ordered = tuple(sorted(terms, key=len, reverse=True))
    rx = _folded_regex(ordered)
    folded = fold_in_place(raw) if rx is not None else None
    if rx is not None and folded is not None:  # offsets in the folded text are offsets in the raw one
        return [_snippet(raw, m.start(), m.end()) for m in itertools.islice(rx.finditer(folded), limit)]
    return normalized_snippets(raw, ordered, limit)


def normalized_snippets(raw: str, terms: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    """`snippets` found by normalizing `raw` (with offsets back to it) and matching the normalized
    `terms` there, tried in the order given: the reference the raw-text regex must agree with."""
    rx = re.compile("|".join(re.escape(t) for t in terms))
    found: list[dict[str, Any]] = []
    for a, b in _windows(raw):  # a long article is normalized only as far as its first matches
        view = normalize_with_offsets(raw[a:b], base=a)
        for m in rx.finditer(view.norm):
            if len(found) >= limit:
                return found
            found.append(_snippet(raw, *view.to_raw(m.start(), m.end())))
    return found


def _snippet(raw: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "match": raw[start:end],
            "before": raw[max(0, start - SNIPPET_CONTEXT):start].replace("\n", " "),
            "after": raw[end:end + SNIPPET_CONTEXT].replace("\n", " ")}  # fmt: skip


@functools.lru_cache(maxsize=256)
def _folded_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The terms (longest first, as the normalized search tries them) as one regex over text folded
    in place (arabic/normalize.py `folded_pattern`), or None when one of them cannot be written so."""
    parts = [folded_pattern(t) for t in terms]
    if any(p is None for p in parts):
        return None
    return re.compile("|".join(f"(?:{p})" for p in parts))


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
           with_snippets: bool = True, parsed: Query | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Articles matching `query` (spelling variants normalized) among those `filters` keep, each with
    raw-text snippets (or with none yet: `add_snippets` then gives them to the hits a page shows).
    `parsed`: the query as `store.parse_query` gave it, when the caller has it already."""
    parsed = parsed or store.parse_query(query)
    found = store.search(query, limit=limit, filters=filters, parsed=parsed)
    hits: list[dict[str, Any]] = [{"id": h.id, "title": h.title, "published": h.published, "source": h.source,
                                   "rank": h.rank, "snippets": []} for h in found]  # fmt: skip
    if with_snippets:
        add_snippets(store, hits, query, parsed)
    return hits


def add_snippets(store: Store, hits: list[dict[str, Any]], query: str, parsed: Query | None = None) -> None:
    """Give these hits (of `search`) their snippets: only the raw text of these articles is read."""
    parsed = parsed or store.parse_query(query)
    raws = store.raw_texts([h["id"] for h in hits])
    for h in hits:
        h["snippets"] = snippets(raws[h["id"]], query, parsed=parsed)


def by_event(store: Store, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Hits gathered by the event their article belongs to, in the order of each event's best hit:
    twenty copies of one wire story are one result listing twenty outlets. An article in no event
    is a result of its own."""
    placed = store.events_with_titles_of([h["id"] for h in hits])
    groups: dict[str, dict[str, Any]] = {}
    for h in hits:
        event, title = placed.get(h["id"], (None, None))
        g = groups.get(event or "article:" + h["id"])
        if g is None:  # an event's result reads as the event's stored title (the summary's)
            g = groups[event or "article:" + h["id"]] = {"event": event, "title": title or h["title"], "hits": [],
                                                         "outlets": []}  # fmt: skip
        g["hits"].append(h)
        if h["source"] and h["source"] not in g["outlets"]:
            g["outlets"].append(h["source"])
    return list(groups.values())

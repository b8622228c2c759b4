"""The titles stored with events, so that every list (`rasd events`, `rasd stories`, the web UI,
the JSON API) shows the title the event's summary and report show.

A run gives each event it changed the title `event_title` picks from the event's first
`TITLE_DOCS` articles (stated date, then id). Articles of the running batch are read from memory,
earlier members from the store; an event past `TITLE_DOCS` articles whose batch articles all come
later keeps its stored title, so a big event costs one lookup and no article reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rasd.model import Article
from rasd.store import Store
from rasd.tell.docs import make_doc
from rasd.tell.title import TITLE_DOCS, event_title


def _when(a: Article) -> str:
    return a.published.iso() if a.published else "9999"


def event_titles(store: Store, events: Iterable[str], batch: Sequence[Article],
                 placed: Mapping[str, str]) -> dict[str, str | None]:
    """The title of each of `events`, given the running `batch` (not yet stored) and where its
    articles were placed (`placed`: article id -> event id)."""
    mine = {a.id: a for a in batch}
    by_event: dict[str, list[str]] = {}
    for aid, ev in placed.items():
        by_event.setdefault(ev, []).append(aid)
    out: dict[str, str | None] = {}
    for ev in events:
        new = by_event.get(ev, [])
        stored = [m for m in store.members(ev) if m.article not in mine]
        order = sorted([(m.published or "9999", m.article, m.source) for m in stored]
                       + [(_when(mine[a]), a, mine[a].source) for a in new])
        first = order[:TITLE_DOCS]
        if len(order) > TITLE_DOCS and not set(new) & {i for _, i, _ in first}:
            row = store.event(ev)
            if row is not None:
                out[ev] = row.title
                continue
        docs = [make_doc(mine[i]) if i in mine else make_doc(store.get(i), src) for _, i, src in first]
        out[ev] = event_title(docs).text or None
    return out

"""Reading what the tell stage needs out of the store (the store runs the SQL)."""

from __future__ import annotations

from typing import Any

from rasd.errors import NotFound
from rasd.extract.ledger import Ledger
from rasd.present.views import ledger_view
from rasd.store import Store
from rasd.tell.docs import Doc, make_doc
from rasd.tell.summary import BUDGET, VIEWS_VERSION, summarize
from rasd.tell.timeline import StoryEvent, story_timeline
from rasd.tell.types import Summary, Timeline


def event_docs(store: Store, event_id: str) -> list[Doc]:
    """The articles of an event with their outlets, earliest first."""
    if store.event(event_id) is None:
        raise NotFound(f"no event with id {event_id!r} in {store.path}")
    docs = [make_doc(store.get(m.article), m.source) for m in store.members(event_id)]
    return sorted(docs, key=lambda d: d.order)


def event_summary(store: Store, event_id: str, budget: int = BUDGET, ledger: Ledger | None = None) -> Summary:
    """Title and cited summary of a stored event (its ledger read from the store unless given)."""
    docs = event_docs(store, event_id)
    return summarize(event_id, docs, ledger if ledger is not None else ledger_view(store, event_id), budget)


def event_views_json(store: Store, event_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The summary and ledger of an event as JSON: as stored by an earlier request since the event
    last changed (store/views.py), else computed now and kept for the next one."""

    def compute(s: Store) -> tuple[dict[str, Any], dict[str, Any]]:
        ledger = ledger_view(s, event_id)
        return event_summary(s, event_id, ledger=ledger).to_json(), ledger.to_json()

    return store.event_views_or(event_id, compute, VIEWS_VERSION)


def story_timeline_of(store: Store, story_id: str) -> Timeline:
    """The timeline of a stored story."""
    events = store.events(story=story_id, limit=100_000)
    if not events:
        raise NotFound(f"no story with id {story_id!r} in {store.path}")
    return story_timeline(story_id, [StoryEvent(e.id, event_docs(store, e.id)) for e in events])

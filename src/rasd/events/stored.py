"""Events of a restored index that stay in the store until an article first needs them.

A rerun restores the event index from a store of any size; reading every event's state first made
each small run cost time and memory in proportion to the whole store. `StoredEvents` is the index's
id -> Event map with the saved events behind it: an id not in memory is read from the store on first
use (`get`, `[]`, `in`) and then kept, so the index holds the events the new articles touch (those
of their days and names), not all of them. What the map holds is what the store holds after the
last saved batch plus what this run changed, which the next batch saves: the events a run reads are
the ones it would have restored, and it places articles exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasd.events.cluster import Event
from rasd.events.vectors import Vocab

Loader = Callable[[str], dict[str, Any] | None]  # event id -> its saved state, None when not stored


class StoredEvents(dict[str, Event]):
    """id -> Event, reading a missing id from the store once (see the module)."""

    def __init__(self, load: Loader, terms: Vocab, grams: Vocab) -> None:
        super().__init__()
        self._load, self._terms, self._grams = load, terms, grams
        self._absent: set[str] = set()  # ids neither in memory nor in the store (retired, deleted or never made)

    def _fetch(self, eid: str) -> Event | None:
        if eid in self._absent:
            return None
        state = self._load(eid)
        if state is None:
            self._absent.add(eid)
            return None
        ev = Event.from_json(state, self._terms, self._grams)
        super().__setitem__(eid, ev)
        return ev

    def __missing__(self, eid: str) -> Event:
        ev = self._fetch(eid)
        if ev is None:
            raise KeyError(eid)
        return ev

    def get(self, eid: str, default: Any = None) -> Any:
        ev = super().get(eid)
        if ev is None:
            ev = self._fetch(eid)
        return default if ev is None else ev

    def __contains__(self, eid: object) -> bool:
        return super().__contains__(eid) or (isinstance(eid, str) and self._fetch(eid) is not None)

    def __setitem__(self, eid: str, ev: Event) -> None:
        self._absent.discard(eid)
        super().__setitem__(eid, ev)

    def __delitem__(self, eid: str) -> None:
        super().__delitem__(eid)
        self._absent.add(eid)  # its stored row goes with this batch

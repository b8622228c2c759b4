"""Copy groups (union-find over exact and near links) and their canonical source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rasd.copies.types import CopyLink

GROUP_KINDS = frozenset({"exact", "near"})  # a shared passage does not make an article a copy


def timestamp(when: dt.datetime | None) -> float | None:
    """POSIX seconds; a naive datetime is taken as UTC, so naive and aware dates compare."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


@dataclass(frozen=True, slots=True)
class Arrival:
    """What says which copy came first: publication date, else the time the input was seen
    (feed, crawl, WARC), else the order the store received it."""

    published: dt.datetime | None = None
    seen: dt.datetime | None = None
    rank: int = 0


def _order(item: tuple[str, dt.datetime | Arrival | None]) -> tuple[bool, float, bool, float, int, str]:
    """Sort key: dated first, earliest first; then seen first, earliest first; then received first; then id."""
    a = item[1] if isinstance(item[1], Arrival) else Arrival(item[1])
    ts, seen = timestamp(a.published), timestamp(a.seen)
    return ts is None, ts or 0.0, seen is None, seen or 0.0, a.rank, item[0]


def canonical_of(docs: Iterable[tuple[str, dt.datetime | Arrival | None]]) -> str:
    """The canonical source of a group: earliest published; undated ones by the time they were
    seen, then by the order they arrived; then smallest id."""
    best = min(docs, key=_order, default=None)
    if best is None:
        raise ValueError("canonical_of needs at least one (id, published) pair")
    return best[0]


def copy_groups(
    links: Iterable[CopyLink], published: Mapping[str, dt.datetime | Arrival | None] | None = None
) -> dict[str, str]:
    """article id -> its group's root, for every article in an exact or near link.

    The root is the group's canonical article when `published` is given (a date or an `Arrival`
    per id; ids it lacks count as undated), else the smallest id.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        """The root of x's group, halving the path on the way."""
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for link in links:
        if link.kind in GROUP_KINDS:
            ra, rb = find(link.article), find(link.other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for x in parent:
        members.setdefault(find(x), []).append(x)
    out: dict[str, str] = {}
    for group in members.values():
        root = canonical_of((m, (published or {}).get(m)) for m in group) if published is not None else min(group)
        out.update((m, root) for m in group)
    return out

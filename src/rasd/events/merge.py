"""Fragments of one happening made one event, and their stories one story; the next happening
of a series placed in its series' story.

Articles are placed one at a time, so a big happening told by many outlets in many words can
open several events before any of them has a profile worth the name: the previews, the first
wire, an outlet's own wording. When an undated article grows an event's core (its profile takes
shape), the events it could have joined are compared with it core to core, as an article is with an
event: one whose core holds 2 or more members, shares the title and lead (head cosine
`merge_min_head`) and scores `merge_threshold`, within the day span and with no key-action
conflict (`rasd.events.actions`), is a fragment of the same happening, and the smaller of the two
joins the larger (which keeps its id and its core as the profile). Checked only when a core
grows, so a merge never depends on where a batch ends. Dated articles are not merged: their days
already keep one happening's reports together.

The two fragments stood in two stories or one. Two stories holding fragments of one happening
are one story: the smaller story's events join the larger's, so a merge never leaves part of a
story behind (moving only the fragment split a story whose other events stayed where they were).

An article that would have joined an event but for its key-action marks (the results of an
election whose polling day is that event, the second plane after the first) opens an event of
its own in that event's story (`series_sibling`): the next happening of a series is the same
story, while placed by its first article alone it could land in another story of the topic.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rasd.events.actions import ANALYSIS, conflict
from rasd.events.cluster import Event, EventIndex, Vectors
from rasd.events.features import DocFeatures
from rasd.events.stories import StoryIndex
from rasd.events.vectors import cosine, cosine_vec


@dataclass(frozen=True, slots=True)
class Merge:
    """Event `gone` merged into `kept`: `members` (gone's articles) now belong to `kept`."""

    gone: str
    kept: str
    members: tuple[str, ...]
    score: float


def fragment_of(index: EventIndex, ev: Event, doc: DocFeatures) -> tuple[Event, float] | None:
    """The event `ev` is a fragment of (found through its new member `doc`'s candidates), and
    their score; None when there is none."""
    cfg = index.cfg
    if cfg.merge_threshold <= 0 or ev.core < 2 or doc.when is not None:
        return None
    best: Event | None = None
    best_s = 0.0
    mine = index.event_vectors(ev)
    for eid in index._candidates(doc, index._keys(doc)):
        other = index.events.get(eid)
        if other is None or other is ev or other.core < 2 or not _fits_days(index, ev, other):
            continue
        if conflict([m for m, n in ev.actions.items() if n > 0], other.actions) or conflict(
            [m for m, n in other.actions.items() if n > 0], ev.actions
        ):
            continue
        s = pair_score(index, mine, index.event_vectors(other))
        if s >= cfg.merge_threshold and s > best_s:
            best, best_s = other, s
    return (best, best_s) if best is not None else None


def _fits_days(index: EventIndex, a: Event, b: Event) -> bool:
    if not a.days or not b.days:
        return True
    span = max(max(a.days), max(b.days)) - min(min(a.days), min(b.days))
    return span.days <= index.cfg.max_span_days


def pair_score(index: EventIndex, a: Vectors, b: Vectors) -> float:
    """Two events' cores compared as an article is with an event (0 below the head bar)."""
    cfg, vocab = index.cfg, index.df_terms.vocab
    head = cosine_vec(a[3], b[3], vocab)
    if head < cfg.merge_min_head:
        return 0.0
    return (cfg.w_head * head + cfg.w_terms * cosine_vec(a[0], b[0], vocab)
            + cfg.w_grams * cosine_vec(a[1], b[1], index.df_grams.vocab) + cfg.w_names * cosine(a[2], b[2]))


def merge_events(index: EventIndex, stories: StoryIndex, a: Event, b: Event, score: float) -> Merge:
    """Merge events `a` and `b` (the larger keeps its id and profile) and their stories."""
    kept, gone = (a, b) if len(a.members) >= len(b.members) else (b, a)
    join_stories(stories, kept, gone)
    kept.members.extend(gone.members)
    kept.days.update(gone.days)
    kept.month_days.update(gone.month_days)
    kept.sources.update(gone.sources)
    for k, v in gone.name_types.items():
        kept.name_types.setdefault(k, v)
    earlier = gone.title_day is not None and (kept.title_day is None or gone.title_day < kept.title_day)
    if gone.title and (kept.title is None or earlier):
        kept.title, kept.title_day = gone.title, gone.title_day
    del index.events[gone.id]
    index._vectors.pop(gone.id, None)
    index.dirty.discard(gone.id)
    index.dirty.add(kept.id)
    index.retire_into(gone.id, kept.id)
    if index.log is not None:
        index.log.append(["m", gone.id, kept.id])
    return Merge(gone.id, kept.id, tuple(gone.members), round(score, 4))


def join_stories(stories: StoryIndex, kept: Event, gone: Event) -> None:
    """`gone` leaves its story for `kept`'s; when those are two stories, they become one (the
    larger by articles keeps its id)."""
    src = stories.stories.get(gone.story) if gone.story else None
    dst = stories.stories.get(kept.story) if kept.story else None
    if src is not None and gone.id in src.events:
        src.events.remove(gone.id)
    if dst is None:
        return
    if src is None:
        dst.articles += len(gone.members)
    elif src is not dst:
        big, small = (dst, src) if dst.articles >= src.articles else (src, dst)
        stories.absorb(big, small)
        dst = big
    kept.story = dst.id
    for d in gone.days:
        dst.first = d if dst.first is None else min(dst.first, d)
        dst.last = d if dst.last is None else max(dst.last, d)
    stories.ev.dirty.add(kept.id)
    stories.dirty.add(dst.id)


def series_sibling(index: EventIndex, doc: DocFeatures) -> Event | None:
    """The event `doc` would join (at the join bar) if key-action marks did not keep it out, when
    they do: its series' last happening. None when the article has no mark or no such event."""
    cfg = index.cfg
    if not doc.actions or not cfg.split_actions:
        return None
    index.cfg = dataclasses.replace(cfg, split_actions=False)
    try:
        ev, s = index.best(doc)
    finally:
        index.cfg = cfg
    bar = cfg.story_threshold if ANALYSIS in doc.actions else cfg.join_threshold  # about it, in other words
    if ev is None or s < bar or not conflict(doc.actions, ev.actions):
        return None
    return ev

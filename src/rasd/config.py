"""Typed settings, built by a function: nothing is read or computed at import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rasd.text.furniture import FurnitureConfig


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """How `rasd run` batches and bounds its input."""

    batch_size: int = 200  # articles per transaction: a kill loses at most one batch
    max_bytes: int = 20_000_000  # larger files are reported and skipped
    workers: int = 1  # processes for the per-article stages (`rasd run` defaults to the core count)
    parallel_min: int = 64  # a batch smaller than this runs in-process: the pool's start-up would not pay

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1 (got {self.batch_size}); try 200")
        if self.max_bytes < 1024:
            raise ValueError(f"max_bytes must be >= 1024 (got {self.max_bytes}); try 20_000_000")
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1 (got {self.workers}); try the number of cores")


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Event and story clustering. Values chosen by `rasd eval clustering` on the dev sets."""

    window_days: int = 2  # candidates: events with a day within +-window of the article's day
    max_span_days: int = 2  # an event never stretches over more days than this (one happening, not a topic)
    day_decay: float = 2.0  # score *= exp(-(gap - 1) / decay) for a gap of more than one day
    retrieval_terms: int = 20  # most distinctive terms an article is looked up (and posted) by
    undated_candidates: int = 50  # recent events kept per term for articles with no date
    max_candidates: int = 64  # events scored per article at most: those sharing the most (key, day) postings
    top_terms: int = 400  # counts kept per event, bounding memory
    top_grams: int = 800
    core_size: int = 3  # members whose counts make an event's profile; later ones join without moving it
    w_head: float = 0.30  # title and lead
    w_terms: float = 0.20
    w_grams: float = 0.15
    w_names: float = 0.35
    # In a dense stream (an article with at least `dense_candidates` candidate events: hundreds of
    # articles a day on the same actors) an article whose title and lead share less than `min_head`
    # with an event's core never joins it (`min_head_undated` when it has no day: no time window
    # holds it to the happening). Shared actors and an outlet's wording then join a vote to its
    # results or a strike to the next day's; in a sparse set, retellings in other words still join.
    # Measured on realdev (3,214 articles) and the team's sets: see README.
    min_head: float = 0.15
    min_head_undated: float = 0.25
    dense_candidates: int = 8
    # An article whose title's key action excludes that of an event's core (the vote and its
    # results, the first plane and the second: `rasd.events.actions`) never joins it.
    split_actions: bool = True
    # Fragments of one happening are merged when a core takes shape (`rasd.events.merge`): cores
    # sharing title and lead (head cosine `merge_min_head`) and scoring `merge_threshold` as an
    # article would. 0: never.
    merge_threshold: float = 0.5
    merge_min_head: float = 0.25
    min_terms: float = 0.05  # an article sharing less wording than this with an event never joins it
    join_threshold: float = 0.20  # below this an article opens a new event
    undated_threshold: float = 0.35
    size_free: int = 8  # events up to this size take members at the plain bar...
    size_step: float = 0.05  # ...larger ones ask this much more for each doubling of their size
    # An undated article with a day hint ("updated" date line, or a yearless dateline matched
    # modulo the year) against an event with days: dev joins at 0.67 (c_08) and 0.37 (b_04, split
    # under the undated bar); the best wrong candidate of a hinted article scores 0.17.
    hint_threshold: float = 0.30
    story_w_names: float = 0.6
    story_w_terms: float = 0.4
    story_min_terms: float = 0.15  # stories need some shared wording too: a football match in Baku is not the war
    story_threshold: float = 0.25  # an event joins the best story at or above this
    story_regroup_max: int = 3  # while an event is this small and alone in its story, it may move

    def __post_init__(self) -> None:
        if self.window_days < 0 or self.max_span_days < 0:
            raise ValueError("window_days and max_span_days must be >= 0")
        if self.max_candidates < 1:
            raise ValueError(f"max_candidates must be >= 1 (got {self.max_candidates}); try 64")
        if not 0 < self.join_threshold < 1 or not 0 < self.story_threshold < 1:
            raise ValueError("thresholds must lie between 0 and 1")


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    furniture: FurnitureConfig = field(default_factory=FurnitureConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    entity_model: Path | None = None  # a tagger trained by `rasd entities train`; None: rules and lists only


def settings(batch_size: int | None = None, max_bytes: int | None = None, workers: int | None = None,
             parallel_min: int | None = None, entity_model: Path | None = None) -> Settings:
    """Default settings with the given overrides."""
    base = IngestConfig()
    ingest = IngestConfig(
        batch_size=batch_size if batch_size is not None else base.batch_size,
        max_bytes=max_bytes if max_bytes is not None else base.max_bytes,
        workers=workers if workers is not None else base.workers,
        parallel_min=parallel_min if parallel_min is not None else base.parallel_min,
    )
    return Settings(ingest=ingest, entity_model=entity_model)

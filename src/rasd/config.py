"""Typed settings, built by a function: nothing is read or computed at import."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.furniture import FurnitureConfig


@dataclass(frozen=True, slots=True)
class IngestConfig:
    """How `rasd run` batches and bounds its input."""

    batch_size: int = 200  # articles per transaction: a kill loses at most one batch
    max_bytes: int = 20_000_000  # larger files are reported and skipped

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be >= 1 (got {self.batch_size}); try 200")
        if self.max_bytes < 1024:
            raise ValueError(f"max_bytes must be >= 1024 (got {self.max_bytes}); try 20_000_000")


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    furniture: FurnitureConfig = field(default_factory=FurnitureConfig)


def settings(batch_size: int | None = None, max_bytes: int | None = None) -> Settings:
    """Default settings with the given overrides."""
    base = IngestConfig()
    ingest = IngestConfig(
        batch_size=batch_size if batch_size is not None else base.batch_size,
        max_bytes=max_bytes if max_bytes is not None else base.max_bytes,
    )
    return Settings(ingest=ingest)

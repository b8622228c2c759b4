"""The per-article stages of a batch on several cores, with the results of one core.

Clean, describe and time references read one article each: they run in a pool of worker
processes, in input order. What depends on earlier articles stays in the calling process:
learned furniture is decided there (each worker gets, per article, the lines the index calls
furniture at that moment, so `clean` sees exactly what it would see in-process), and copies,
events, stories and extraction (which learns people's names from earlier articles) take the
results one by one as before.
The pool starts only for batches of at least `IngestConfig.parallel_min` articles, so small
runs never pay the workers' start-up (a few seconds each: they import rasd and its data).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from multiprocessing.pool import Pool
from types import TracebackType

from rasd.model import Article, RawDoc
from rasd.text.clean import lines_for_learning
from rasd.text.furniture import FurnitureIndex
from rasd.text.language import LanguageDetector, get_detector


class Verdicts:
    """Learned furniture as decided for one article: `is_furniture` as `FurnitureIndex` answered it."""

    __slots__ = ("lines",)

    def __init__(self, lines: frozenset[str]) -> None:
        self.lines = lines

    def is_furniture(self, source: str | None, line_norm: str) -> bool:
        return line_norm in self.lines


def verdicts(furniture: FurnitureIndex, doc: RawDoc) -> Verdicts:
    """The lines of `doc` that `furniture` calls furniture now."""
    return Verdicts(frozenset(ln for ln in lines_for_learning(doc.raw) if furniture.is_furniture(doc.source, ln)))


_detector: LanguageDetector | None = None


def _init() -> None:
    global _detector
    _detector = get_detector()


def _work(item: tuple[RawDoc, Verdicts]) -> Article:
    from rasd.pipeline import process  # the worker imports the wiring once, on its first item

    doc, furniture = item
    return process(doc, furniture, _detector)


class Workers:
    """A lazily started pool of `n` processes; `n == 1` (or a small batch) runs in-process."""

    def __init__(self, n: int, parallel_min: int) -> None:
        if n < 1:
            raise ValueError(f"workers must be >= 1 (got {n})")
        self.n = n
        self.parallel_min = parallel_min
        self._pool: Pool | None = None

    def wanted(self, batch: int) -> bool:
        return self.n > 1 and batch >= self.parallel_min

    def map(self, docs: Sequence[RawDoc], furniture: FurnitureIndex) -> list[Article]:
        """Process `docs` in the pool, in input order."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(self.n, initializer=_init)
        items = [(d, verdicts(furniture, d)) for d in docs]
        chunk = max(1, len(items) // (self.n * 4))
        return self._pool.map(_work, items, chunksize=chunk)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None and self._pool is not None:
            self._pool.terminate()
            self._pool = None
        self.close()

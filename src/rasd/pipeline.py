"""Wires the per-article stages (read -> clean -> describe -> resolve time) into the store.

Batches are transactional: a run killed half-way keeps every finished batch, and a rerun
skips articles already stored with the same content hash, so it resumes where it stopped
and a rerun over the same input is a no-op.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.config import Settings
from rasd.config import settings as default_settings
from rasd.events.corpus import COMPACT_AFTER, STATS_PREFIX, Corpus, Placement
from rasd.events.features import keep_lemmas
from rasd.extract.stage import ExtractStage
from rasd.extract.tagger import Tagger
from rasd.model import Article, Dropped, RawDoc
from rasd.parallel import Workers
from rasd.read import content_id, read_file_any, read_path, walk
from rasd.read.encoding import scrub
from rasd.read.ids import id_of_norm, read_cut
from rasd.store import Store
from rasd.store.lock import writer_lock
from rasd.tell.stored import event_titles
from rasd.text.clean import clean, lines_for_learning
from rasd.text.describe import describe
from rasd.text.furniture import Furniture, FurnitureIndex
from rasd.text.language import LanguageDetector, get_detector
from rasd.text.seen import choose_seen
from rasd.text.timeref import resolve_time

Progress = Callable[[int, int], None]  # (files done, files total)


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts, the ids it stored, and every input it dropped with why."""

    files: int = 0
    read: int = 0
    stored: list[str] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    unchanged: int = 0
    dropped: list[Dropped] = field(default_factory=list)


def process(doc: RawDoc, furniture: Furniture | None = None,
            detector: LanguageDetector | None = None) -> Article:
    """Run one raw document through every per-article stage."""
    cut = read_cut(doc.raw)
    norm = normalize(doc.raw[:cut])  # once: for the content hash and for cleaning
    article = Article(
        id=doc.id, raw=doc.raw, origin=doc.origin, fmt=doc.fmt, content_hash=id_of_norm(norm, doc.raw[cut:]),
        source=doc.source, url=doc.url, given_title=doc.title, given_published=doc.published,
        seen=choose_seen(doc.times),
    )  # fmt: skip
    article = clean(article, furniture, norm=norm)
    article = describe(article, detector)
    return resolve_time(article)


def process_text(raw: str, article_id: str = "text", source: str | None = None) -> Article:
    """Convenience for the Python API: process one article given as a string (lone surrogates,
    which cannot be stored as UTF-8, become U+FFFD)."""
    raw, article_id = scrub(raw), scrub(article_id)
    source = scrub(source) if source is not None else None
    return process(RawDoc(id=article_id, raw=raw, origin="<string>", fmt="text", source=source),
                   detector=get_detector())


def _inputs(paths: Sequence[Path], source: str | None, max_bytes: int,
            summary: RunSummary, progress: Progress | None) -> Iterator[RawDoc | Dropped]:
    files = [f for p in paths for f in (walk(p) if p.is_dir() else [p])]
    summary.files = len(files)
    for i, f in enumerate(files, start=1):
        yield from read_file_any(f, source=source, max_bytes=max_bytes)
        if progress:
            progress(i, len(files))


@dataclass(slots=True)
class Resident:
    """What a run loads from the store before it can add to it, kept between runs by a resident
    process (`rasd watch`): the next run starts from it instead of reading the store again, as
    long as nobody else wrote to the store in between (else it is loaded afresh)."""

    known: dict[str, str] | None = None  # id -> content hash of every stored article
    furniture: FurnitureIndex | None = None
    extractor: ExtractStage | None = None
    corpus: Corpus | None = None
    store: Store | None = None  # the open store they were loaded from (events are read from it on demand)
    version: int | None = None  # its data version when they were last in step

    def valid_for(self, store: Store) -> bool:
        return self.store is store and self.version == store.data_version()


def run(paths: Sequence[Path], store: Store, *, source: str | None = None,
        config: Settings | None = None, progress: Progress | None = None,
        wait: bool = True, on_wait: Callable[[], None] | None = None,
        resident: Resident | None = None) -> RunSummary:
    """Ingest files or folders into `store`; returns what happened.

    Holds the store's writer lock throughout: a second writer waits (`on_wait` is called once
    when it starts waiting) or, with `wait=False`, gets `StoreBusy` at once. `resident` keeps the
    loaded state for the next run of the same process (see `Resident`)."""
    with writer_lock(store.path, wait=wait, on_wait=on_wait):
        return _run(paths, store, source, config, progress, resident)


def _run(paths: Sequence[Path], store: Store, source: str | None, config: Settings | None,
         progress: Progress | None, resident: Resident | None) -> RunSummary:
    cfg = config or default_settings()
    summary = RunSummary()
    kept = resident if resident is not None and resident.valid_for(store) else Resident()
    if resident is not None:
        resident.version = None  # out of step until this run has finished (an error half-way leaves it so)
    known = kept.known if kept.known is not None else store.known_hashes()
    furniture = kept.furniture or FurnitureIndex.from_rows(store.furniture_rows(), cfg.furniture)
    detector = get_detector()
    corpus: Corpus | None = kept.corpus  # else loaded on the first batch: a no-op rerun never pays for it
    tagger = Tagger(cfg.entity_model) if cfg.entity_model else None
    extractor = kept.extractor or _backfill(store, cfg.ingest.batch_size, tagger)
    die_after = int(os.environ.get("RASD_TEST_KILL_AFTER_BATCHES", "0"))  # crash-safety tests only
    workers = Workers(cfg.ingest.workers, cfg.ingest.parallel_min)
    batches = 0
    docs: list[RawDoc] = []
    dropped: list[Dropped] = []
    edited: list[str] = []  # ids in `docs` stored before with other text
    this_run: dict[str, tuple[str, str]] = {}  # id -> (content id, origin) of its first reading in this run

    def flush() -> None:
        nonlocal batches, docs, dropped, corpus
        rows: list[tuple[str, str, str]] = []
        for d in docs:
            rows.extend(furniture.observe(d.source, d.id, lines_for_learning(d.raw)))
        if workers.wanted(len(docs)):
            articles = workers.map(docs, furniture)
        else:
            articles = [process(d, furniture, detector) for d in docs]
        if corpus is None and articles:
            corpus = Corpus.load(store, cfg.cluster)
        if corpus is not None and edited:
            placed = store.events_of(edited)
            for aid in edited:
                if aid in placed:
                    corpus.withdraw(store.get(aid), placed[aid])
            corpus.load_copies(store, without=set(edited))
            edited.clear()
        crows = None
        if corpus is not None:
            placements = corpus.add_all(articles)
            summary.placements.extend(placements)
            crows = corpus.rows()
            titles = event_titles(store, (e[0] for e in crows.events), articles,
                                  {p.article: p.event for p in placements})
            crows.events = [(e[0], e[1], titles.get(e[0], e[2]), *e[3:]) for e in crows.events]
        store.save_batch(articles, dropped, rows, crows, extractor.rows(articles))
        summary.stored.extend(a.id for a in articles)
        for a in articles:
            known[a.id] = a.content_hash
        docs, dropped = [], []
        batches += 1
        if die_after and batches >= die_after:
            os.kill(os.getpid(), signal.SIGKILL)

    with workers:
        for item in _inputs(paths, source, cfg.ingest.max_bytes, summary, progress):
            if isinstance(item, Dropped):
                summary.dropped.append(item)
                dropped.append(item)
                continue
            summary.read += 1
            digest = content_id(item.raw)
            entry = (digest, item.origin)
            first = this_run.setdefault(item.id, entry)
            if first is not entry:  # one id twice in this run: the first one read is kept
                if first[0] == digest:
                    summary.unchanged += 1
                else:
                    why = (f"{item.origin}: id {item.id!r} was already read from {first[1]} with other text; "
                           "that one is kept")
                    summary.dropped.append(Dropped(item.origin, "duplicate_id", why))
                    dropped.append(summary.dropped[-1])
                continue
            if item.id in known and known[item.id] == digest:
                summary.unchanged += 1
                continue
            if item.id in known:
                edited.append(item.id)  # stored before with other text: placed again, the old placement withdrawn
            docs.append(item)
            if len(docs) >= cfg.ingest.batch_size:
                flush()
        if docs or dropped:
            flush()
    if corpus is not None and batches and (batches > 1 or corpus.changes_saved >= COMPACT_AFTER):
        # the statistics in full once, instead of many batches' changes; a run of one batch (news
        # arriving) leaves its changes until there are several, since the full statistics grow with
        # the vocabulary and cost the same to write whatever the run added
        store.replace_corpus_state(corpus.state_in_full(), STATS_PREFIX)
    store.sync_search_index()  # the word index beside the store takes in what this run stored
    keep_lemmas()  # for the next run's start (a cache: results are the same without it)
    if resident is not None:
        resident.known, resident.furniture, resident.extractor, resident.corpus = known, furniture, extractor, corpus
        resident.store, resident.version = store, store.data_version()
    return summary


def _backfill(store: Store, batch: int, tagger: Tagger | None = None) -> ExtractStage:
    """The extraction stage, after extracting stored articles an older rasd did not (or not this way)."""
    extractor = ExtractStage.load(store, tagger)
    todo = store.unextracted()
    for i in range(0, len(todo), batch):
        chunk = [store.get(a) for a in todo[i : i + batch]]
        store.save_batch([], extraction=extractor.rows(chunk))
    return extractor


def iter_processed(paths: Iterable[Path], source: str | None = None) -> Iterator[Article | Dropped]:
    """Process inputs without a store (Python API, benchmarks): one result per input."""
    detector = get_detector()
    for p in paths:
        for item in read_path(p, source=source):
            yield item if isinstance(item, Dropped) else process(item, None, detector)

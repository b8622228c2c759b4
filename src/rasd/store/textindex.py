"""The word index that answers ranked search on a large store: tantivy (Rust, MIT), kept in a folder
beside the SQLite store (`<db>.search/`). The store stays the source of truth: the index holds only
what it is rebuilt from (each article's normalized title and text as words, its outlet, language,
publication day, id and rowid) and is brought up to date at the end of every `rasd run`
(`sync`), or rebuilt by `rasd index --db DB`.

Why beside FTS5: the store's trigram FTS5 index finds any substring, but ranking a query by bm25
means scoring every article that matches; a common word at 100k articles matches tens of
thousands, and one ranked query took ~100 ms (bench/search.py). tantivy keeps words, not trigrams,
and its top-k collector skips what cannot reach the top 20.

What it matches, as FTS5 does for the same parsed query (store/query.py):
- each word is indexed as its clitic-free core (`core`: و ف، ب ل ك، ال stripped), so any clitic
  form of a word finds any other;
- a one-word term finds the words it is inside of, as FTS5 does (قصف: قصفت, والقصف; عزيز:
  عبدالعزيز; دريان: لودريان), through a second field holding each word with its endings (`parts`),
  looked up in the index's own term dictionary (the `MAX_FORMS` most frequent words beginning with
  it); the articles that have its clitic-free core as a word rank higher (bm25 over `text`);
- a term of several words is found by its neighbouring pairs of cores, each indexed as one term
  (`pairs`: قره_باغ), the first word with a clitic or not, the last with an ending or not (قره باغ
  finds وقره باغي); a phrase of three words or more is its pairs, each anywhere in the article;
- a query's groups are all required, the spellings inside a group are alternatives.
FTS5 also matches a phrase inside words (its trigrams do not see word boundaries); this index
matches a phrase's first word with a clitic before it and its last with an ending, no more.

The index's state file records the highest store rowid it holds and the token of the store it was
built from (kept in the store too, so an index left beside a store made anew is never read); a
store whose articles go past it (a run under way, or one that crashed before syncing) is searched
with FTS5 until the next sync. RASD_SEARCH_INDEX=off searches with FTS5 alone.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from rasd.store.query import MIN_TERM, Query, core

MAX_FORMS = 32  # endings (`parts`) beginning with a one-word term, the most frequent
_TOKEN = re.compile(r"\w+")
CLITICS = ("و", "ف", "ب", "ل", "ك", "لل", "وب", "ول", "وك", "فب", "فل", "فك", "ولل", "فلل")
_ARABIC = re.compile(r"[\u0621-\u064a]")
STATE = "rasd-state.json"
VERSION = 4  # of what is indexed and how: a different one is rebuilt


@functools.lru_cache(maxsize=1 << 18)
def _term_of(word: str) -> str:
    """The index term of one word (cached: news repeats its words)."""
    return core(word) if _ARABIC.match(word) else word


def tokens(norm: str) -> list[str]:
    """Index terms of normalized text: its words, Arabic ones as their clitic-free cores."""
    return list(map(_term_of, _TOKEN.findall(norm)))


def parts(norm: str) -> set[str]:
    """Every word of normalized text with each of its endings, MIN_TERM letters or longer (بوتين:
    بوتين, وتين, تين; والقصف: ... القصف, لقصف, قصف): a term that begins one of them is inside a
    word, which is what FTS5's trigrams find."""
    out: set[str] = set()
    for w in set(_TOKEN.findall(norm)):
        out.update(w[i:] for i in range(len(w) - MIN_TERM + 1))
    return out


def pairs(words: list[str]) -> list[str]:
    """Each two neighbouring index words as one term (قره_باغ): a phrase is found by its pairs, each
    a term with its own bm25, instead of checking positions in every article that has its words."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(words)]


def _starts(word: str) -> list[str]:
    """How an indexed word found by `word` begins: with the word itself, and, for a word too short
    for `core` to take a clitic off (وقره stays وقره), with each clitic before it."""
    return [word] if len(word) > MIN_TERM or not _ARABIC.match(word) else [word, *(c + word for c in CLITICS)]


def folder_of(db_path: str) -> Path | None:
    """Where the index of the store at `db_path` lives (None for an in-memory store)."""
    return None if db_path == ":memory:" else Path(db_path + ".search")


@dataclass(frozen=True, slots=True)
class IndexRow:
    rowid: int
    id: str
    title: str  # normalized
    body: str  # normalized
    source: str | None
    language: str
    published: str | None


def _day(published: str | None) -> int:
    digits = (published or "")[:10].replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _schema() -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("rowid", indexed=True, fast=True)
    sb.add_text_field("id", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("text", tokenizer_name="whitespace")
    sb.add_text_field("parts", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("pairs", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("source", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("language", tokenizer_name="raw", index_option="basic")
    sb.add_integer_field("day", indexed=True, fast=True)
    return sb.build()


class TextIndex:
    """An open index folder. `rowid` is the highest store rowid it holds (-1: none yet)."""

    def __init__(self, folder: Path, *, create: str | None = None) -> None:
        """Open the index in `folder`; `create`: make a new empty one for the store of that token."""
        self.folder = folder
        self.token = ""
        state = self._state()
        if create is not None:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            self.index = tantivy.Index(_schema(), path=str(folder))
            self.token = create
            self._write_state(-1)
            state = self._state()
        elif state is None:
            raise FileNotFoundError(f"no search index at {folder}")
        else:
            self.index = tantivy.Index.open(str(folder))
        assert state is not None
        self.rowid, self.token = int(state["rowid"]), str(state["store"])
        self.schema = self.index.schema
        self.stamp = self._stamp()

    def _state(self) -> dict[str, Any] | None:
        try:
            state: dict[str, Any] = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return state if state.get("version") == VERSION else None

    def _write_state(self, rowid: int) -> None:
        tmp = self.folder / (STATE + ".tmp")
        tmp.write_text(json.dumps({"version": VERSION, "rowid": rowid, "store": self.token}), encoding="utf-8")
        os.replace(tmp, self.folder / STATE)
        self.rowid = rowid

    def _stamp(self) -> int:
        try:
            return (self.folder / STATE).stat().st_mtime_ns
        except OSError:
            return -1

    def refresh(self) -> None:
        """Take in what another process committed since this one opened the index."""
        stamp = self._stamp()
        if stamp != self.stamp:
            state = self._state()
            if state is not None:
                if state["store"] != self.token:  # built anew meanwhile: other files
                    self.index = tantivy.Index.open(str(self.folder))
                    self.schema = self.index.schema
                self.index.reload()
                self.rowid, self.token, self.stamp = int(state["rowid"]), str(state["store"]), stamp

    # -- writing ----------------------------------------------------------------------

    def add(self, rows: Iterable[IndexRow]) -> int:
        """Index `rows` (articles past `self.rowid`; an id indexed before is replaced), then record the
        highest rowid. Returns how many were added."""
        writer = self.index.writer(heap_size=128_000_000, num_threads=1)
        n, top = 0, self.rowid
        empty = self.rowid < 0
        for r in rows:
            norm = f"{r.title}\n{r.body}"
            words = tokens(norm)
            if not empty:
                writer.delete_documents_by_term("id", r.id)
            writer.add_document(tantivy.Document(
                rowid=r.rowid, id=r.id, text=" ".join(words), parts=" ".join(parts(norm)), pairs=" ".join(pairs(words)),
                source=r.source or "",
                language=r.language, day=_day(r.published)))  # fmt: skip
            n, top = n + 1, max(top, r.rowid)
        writer.commit()
        writer.wait_merging_threads()
        self._write_state(top)
        self.index.reload()
        self.stamp = self._stamp()
        return n

    # -- reading ----------------------------------------------------------------------

    def _forms(self, searcher: Any, word: str) -> list[str]:
        found = dict(searcher.terms_with_prefix("parts", word))
        forms = sorted(found, key=lambda t: -found[t])[:MAX_FORMS]
        return forms if word in forms or word not in found else [word, *forms]

    def _term(self, searcher: Any, term: str) -> Any:
        words = tokens(term)
        if not words:
            return None
        if len(words) > 1:  # a phrase: its pairs, a clitic before its first word, an ending after its last
            return self._phrase(searcher, words)
        # found in the words it is inside of (parts), ranked by its clitic-free core too (text)
        Occur = tantivy.Occur
        forms = self._forms(searcher, _TOKEN.findall(term)[0])
        inside = [tantivy.Query.term_query(self.schema, "parts", f) for f in forms]
        if not inside:
            return None
        found = inside[0] if len(inside) == 1 else tantivy.Query.boolean_query([(Occur.Should, q) for q in inside])
        return tantivy.Query.boolean_query(
            [(Occur.Must, found), (Occur.Should, tantivy.Query.term_query(self.schema, "text", words[0]))]
        )

    def _phrase(self, searcher: Any, words: list[str]) -> Any:
        Occur = tantivy.Occur
        must = []
        for i, (a, b) in enumerate(itertools.pairwise(words)):
            last = i == len(words) - 2
            found: dict[str, int] = {}
            for start in _starts(a) if i == 0 else [a]:
                key = f"{start}_{b}"
                found.update((t, n) for t, n in searcher.terms_with_prefix("pairs", key) if last or t == key)
            if not found:
                return None
            forms = sorted(found, key=lambda t: -found[t])[:MAX_FORMS]
            alts = [tantivy.Query.term_query(self.schema, "pairs", f) for f in forms]
            must.append((Occur.Must, alts[0] if len(alts) == 1 else
                         tantivy.Query.boolean_query([(Occur.Should, q) for q in alts])))  # fmt: skip
        return must[0][1] if len(must) == 1 else tantivy.Query.boolean_query(must)

    def search(
        self,
        parsed: Query,
        limit: int,
        *,
        source: str | None = None,
        language: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[tuple[int, float]]:
        """(store rowid, bm25 score) of the best `limit` articles with every group of `parsed`, best
        first, among those of the outlet, language and publication days given."""
        searcher = self.index.searcher()
        Occur = tantivy.Occur
        must: list[tuple[Any, Any]] = []
        for group in parsed.groups:
            alts = [q for q in (self._term(searcher, t) for t in group) if q is not None]
            if not alts:
                return []
            must.append((Occur.Must, alts[0] if len(alts) == 1 else
                         tantivy.Query.boolean_query([(Occur.Should, a) for a in alts])))  # fmt: skip
        if not must:
            return []
        for field, value in (("source", source), ("language", language)):
            if value is not None:
                must.append((Occur.Must, tantivy.Query.term_query(self.schema, field, value)))
        if since is not None or until is not None:
            low = _day(since) or None
            high = _day(until) or None
            must.append((Occur.Must, tantivy.Query.range_query(self.schema, "day", tantivy.FieldType.Integer,
                                                               low or 1, high or 99_999_999)))  # fmt: skip
        query = must[0][1] if len(must) == 1 else tantivy.Query.boolean_query(must)
        hits = searcher.search(query, limit, count=False).hits
        rowids = searcher.fast_field_values("rowid", [addr for _, addr in hits])
        return [(int(r), float(s)) for (s, _), r in zip(hits, rowids, strict=True) if r is not None]


_OPEN: dict[Path, TextIndex] = {}
_LOCK = threading.Lock()


def open_index(db_path: str) -> TextIndex | None:
    """The index of the store at `db_path`, opened once per process and refreshed when another
    process has synced it since; None when there is none (or tantivy is not installed)."""
    folder = folder_of(db_path)
    if folder is None or os.environ.get("RASD_SEARCH_INDEX") == "off" or not (folder / STATE).is_file():
        return None
    folder = folder.resolve()
    with _LOCK:
        idx = _OPEN.get(folder)
        try:
            if idx is None:
                idx = _OPEN[folder] = TextIndex(folder)
            else:
                idx.refresh()
        except (OSError, ValueError, FileNotFoundError):
            return None
        return idx

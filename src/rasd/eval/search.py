"""`rasd eval search`: does search find the articles a person means, whatever spelling they type?

The queries (tests/data/search/queries.jsonl, README there) are judged by hand on two corpora: the
seeds (`set: "seeds"`) and the stream of the realdev days (`set: "realdev"`: every article of the
labelled days of ../shared/data, as `rasd eval realdev` ingests them, times removed). Each line:
    {"id", "set", "class", "query", "relevant": [article ids], "note"}
Every query is run through `Store.search` with no limit, so the figures are:
- recall: relevant articles found / relevant articles (recall at all);
- precision: relevant found / everything found (1.0 when nothing is found and nothing is relevant);
- MRR: 1 / rank of the first relevant hit (bm25 order), 0 when none is found;
averaged per query class and over all queries.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.errors import InputError
from rasd.eval.gold import read_jsonl
from rasd.eval.realdev_stream import ingest, read_spec, read_stream
from rasd.store import Store

SETS = ("seeds", "realdev")
CLASSES = ("variant", "translit", "clitic", "apart", "phrase")
NO_LIMIT = 1_000_000


@dataclass(frozen=True, slots=True)
class JudgedQuery:
    id: str
    set: str
    cls: str
    query: str
    relevant: frozenset[str]


def read_queries(path: Path) -> list[JudgedQuery]:
    out = []
    for n, row in enumerate(read_jsonl(path), 1):
        try:
            q = JudgedQuery(str(row["id"]), str(row["set"]), str(row["class"]), str(row["query"]),
                            frozenset(str(i) for i in row["relevant"]))  # fmt: skip
        except (KeyError, TypeError) as e:
            raise InputError(f"{path}: line {n} lacks {e} (want id, set, class, query, relevant)") from e
        if q.set not in SETS:
            raise InputError(f"{path}: line {n}: set {q.set!r} is not one of {', '.join(SETS)}")
        if q.cls not in CLASSES:
            raise InputError(f"{path}: line {n}: class {q.cls!r} is not one of {', '.join(CLASSES)}")
        out.append(q)
    if not out:
        raise InputError(f"{path}: no queries")
    return out


def score_query(found: list[str], relevant: frozenset[str]) -> dict[str, Any]:
    hits = [i for i in found if i in relevant]
    first = next((r for r, i in enumerate(found, 1) if i in relevant), 0)
    return {
        "found": len(found), "relevant": len(relevant), "found_relevant": len(hits),
        "recall": len(hits) / len(relevant) if relevant else 1.0,
        "precision": len(hits) / len(found) if found else (0.0 if relevant else 1.0),
        "rr": 1.0 / first if first else 0.0,
        "missed": sorted(relevant - set(hits))[:20],
        "extra": [i for i in found if i not in relevant][:20],
    }  # fmt: skip


def _mean(rows: list[dict[str, Any]], key: str) -> float:
    return round(sum(r[key] for r in rows) / len(rows), 4) if rows else 0.0


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean recall, precision and MRR per class, per set and over all queries."""
    out: dict[str, Any] = {}
    for key, pick in (("class", "class"), ("set", "set")):
        out[key] = {}
        for value in dict.fromkeys(r[pick] for r in rows):
            part = [r for r in rows if r[pick] == value]
            out[key][value] = {"queries": len(part), "recall": _mean(part, "recall"),
                               "precision": _mean(part, "precision"), "mrr": _mean(part, "rr")}  # fmt: skip
    out["all"] = {"queries": len(rows), "recall": _mean(rows, "recall"), "precision": _mean(rows, "precision"),
                  "mrr": _mean(rows, "rr")}  # fmt: skip
    return out


@contextmanager
def _store(kind: str, given: Path | None, seeds: Path, data: Path, labels: Path,
           log: Callable[[str], None] | None) -> Iterator[Store]:  # fmt: skip
    if given is not None:
        if not given.exists():
            raise InputError(f"no store at {given}")
        with Store(given, readonly=True) as store:
            yield store
        return
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with Store(Path(tmp) / f"search-{kind}.db") as store:
            if kind == "seeds":
                if not seeds.is_dir():
                    raise InputError(f"no seeds folder at {seeds}")
                from rasd.pipeline import run as run_pipeline

                run_pipeline([seeds], store)
            else:
                ingest(read_stream(data, read_spec(labels)), store, "text")
            if log:
                log(f"{kind}: {store.count()} articles stored in {time.perf_counter() - t0:.0f} s")
            yield store


def evaluate_search(
    queries: Path,
    *,
    seeds: Path,
    data: Path,
    labels: Path,
    stores: dict[str, Path | None] | None = None,
    log: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Run every judged query on its corpus and score it. `stores` maps a set to an existing store
    to search instead of building one (e.g. `rasd eval realdev --keep` leaves realdev-text.db)."""
    judged = read_queries(queries)
    rows: list[dict[str, Any]] = []
    for kind in SETS:
        mine = [q for q in judged if q.set == kind]
        if not mine:
            continue
        with _store(kind, (stores or {}).get(kind), seeds, data, labels, log) as store:
            for q in mine:
                t0 = time.perf_counter()
                found = [h.id for h in store.search(q.query, limit=NO_LIMIT)]
                ms = (time.perf_counter() - t0) * 1000
                rows.append({"id": q.id, "set": q.set, "class": q.cls, "query": q.query,
                             "ms": round(ms, 1), **score_query(found, q.relevant)})  # fmt: skip
    return {"queries": rows, "summary": summarize(rows)}

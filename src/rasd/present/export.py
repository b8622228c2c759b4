"""Exports: JSONL (the stable per-article contract), JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from rasd.model import Article
from rasd.present.views import store_copy_of
from rasd.store import Store
from rasd.store.extract import ClaimRow
from rasd.store.serialize import EXPORT_FIELDS, article_to_dict

FORMATS = ("jsonl", "json", "csv", "md")


def summary_row(a: Article) -> dict[str, Any]:
    """A one-line summary of an article for tables."""
    return {
        "id": a.id,
        "title": a.title,
        "published": a.published.iso() if a.published else None,
        "language": a.language,
        "credits": [c.name for c in a.credits],
        "removed": sum(1 for r in a.removed if r.reason.value != "blank"),
        "time_refs": len(a.time_refs),
    }


def records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored article as its export record, with its event, story and copy_of."""
    placed = store.placements()
    canon = store_copy_of(store)
    for a in store.articles():
        rec = article_to_dict(a)
        event, story = placed.get(a.id, (None, None))
        c = canon.get(a.id)
        rec["event"], rec["story"], rec["copy_of"] = event, story, c if c != a.id else None
        yield rec


def write(store: Store, fmt: str, out: TextIO) -> int:
    """Write every stored article to `out` in `fmt`; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for rec in records(store):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        records_ = list(records(store))
        json.dump(records_, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(records_)
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(["id", "source", "title", "published", "published_precision", "language", "credits",
                    "removed", "time_refs", "event", "story", "copy_of", "seen", "seen_source"])
        for d in records(store):
            w.writerow([d["id"], d["source"] or "", d["title"] or "", d["published"] or "",
                        d["published_precision"] or "", d["language"],
                        "; ".join(c["name"] for c in d["credits"]), len(d["removed"]), len(d["time_refs"]),
                        d["event"] or "", d["story"] or "", d["copy_of"] or "", d["seen"] or "",
                        d["seen_source"] or ""])
            n += 1
    elif fmt == "md":
        out.write("| id | title | published | language | credits |\n|---|---|---|---|---|\n")
        for a in store.articles():
            r = summary_row(a)
            cells = [r["id"], r["title"] or "—", r["published"] or "unknown", r["language"],
                     ", ".join(r["credits"])]
            out.write("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |\n")
            n += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return n


WHAT = ("articles", "claims", "entities")
CLAIM_FIELDS = (
    "article", "start", "end", "claimant", "claimant_key", "claimant_text", "verb", "polarity", "time",
    "quotes", "kind", "subject", "value", "value_max", "qualifier", "action", "fact_start", "fact_end", "surface",
)  # fmt: skip
ENTITY_FIELDS = ("id", "type", "name", "variants", "key", "mentions")


def claim_records(store: Store) -> Iterator[dict[str, Any]]:
    """One record per claim, and per numeric fact of a claim; `claimant` is the canonical name."""
    names = {e.key: e.name for e in store.entity_rows()}
    for r in store.claim_rows():
        yield claim_record(r, names.get(r.claimant, r.claimant) if r.claimant else None)


def claim_record(r: ClaimRow, claimant: str | None) -> dict[str, Any]:
    """A stored claim (or numeric fact) as a record, with its claimant's canonical name."""
    return {
        "article": r.article, "start": r.start, "end": r.end, "claimant": claimant, "claimant_key": r.claimant,
        "claimant_text": r.claimant_text, "verb": r.verb, "polarity": r.polarity, "time": r.time,
        "quotes": [{"start": a, "end": b} for a, b in r.quotes], "kind": r.kind,
        "subject": r.subject, "value": r.value, "value_max": r.value_max, "qualifier": r.qualifier,
        "action": r.action, "fact_start": r.fact_start, "fact_end": r.fact_end, "surface": r.surface,
    }  # fmt: skip


def entity_records(store: Store) -> Iterator[dict[str, Any]]:
    for e in store.entity_rows():
        variants = sorted(e.variants, key=lambda v: (-e.variants[v], v))
        yield {"id": e.id, "type": e.type, "name": e.name, "variants": variants, "key": e.key, "mentions": e.mentions}


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(_cell(x) if not isinstance(x, dict) else f"{x.get('start')}-{x.get('end')}" for x in v)
    return str(v)


def write_rows(records_: Iterator[dict[str, Any]], fields: tuple[str, ...], fmt: str, out: TextIO) -> int:
    """Write claim or entity records in `fmt`; returns how many were written."""
    n = 0
    if fmt == "json":
        rows = list(records_)
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return len(rows)
    w = csv.writer(out) if fmt == "csv" else None
    if w is not None:
        w.writerow(fields)
    elif fmt == "md":
        out.write("| " + " | ".join(fields) + " |\n|" + "---|" * len(fields) + "\n")
    for rec in records_:
        if fmt == "jsonl":
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif w is not None:
            w.writerow([_cell(rec[f]) for f in fields])
        elif fmt == "md":
            out.write("| " + " | ".join(_cell(rec[f]).replace("|", "\\|").replace("\n", " ") for f in fields) + " |\n")
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        n += 1
    return n


def write_what(store: Store, what: str, fmt: str, out: TextIO) -> int:
    """Write articles, claims or entities."""
    if what == "claims":
        return write_rows(claim_records(store), CLAIM_FIELDS, fmt, out)
    if what == "entities":
        return write_rows(entity_records(store), ENTITY_FIELDS, fmt, out)
    return write(store, fmt, out)


__all__ = ["EXPORT_FIELDS", "FORMATS", "WHAT", "summary_row", "write", "write_what"]

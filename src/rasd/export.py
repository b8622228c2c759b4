"""Exports: JSONL (the stable per-article contract), JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from rasd.model import Article
from rasd.serialize import EXPORT_FIELDS, article_to_dict
from rasd.store import Store
from rasd.views import store_copy_of

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
                    "removed", "time_refs", "event", "story", "copy_of"])
        for d in records(store):
            w.writerow([d["id"], d["source"] or "", d["title"] or "", d["published"] or "",
                        d["published_precision"] or "", d["language"],
                        "; ".join(c["name"] for c in d["credits"]), len(d["removed"]), len(d["time_refs"]),
                        d["event"] or "", d["story"] or "", d["copy_of"] or ""])
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


__all__ = ["EXPORT_FIELDS", "FORMATS", "summary_row", "write"]

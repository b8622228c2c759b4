"""Exports: JSONL (the stable per-article contract), JSON, CSV and Markdown."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from rasd.model import Article
from rasd.serialize import EXPORT_FIELDS, article_to_dict
from rasd.store import Store

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


def write(store: Store, fmt: str, out: TextIO) -> int:
    """Write every stored article to `out` in `fmt`; returns how many were written."""
    n = 0
    if fmt == "jsonl":
        for a in store.articles():
            out.write(json.dumps(article_to_dict(a), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        records = [article_to_dict(a) for a in store.articles()]
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
        n = len(records)
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(["id", "source", "title", "published", "published_precision", "language", "credits",
                    "removed", "time_refs"])
        for a in store.articles():
            d = article_to_dict(a)
            w.writerow([d["id"], d["source"] or "", d["title"] or "", d["published"] or "",
                        d["published_precision"] or "", d["language"],
                        "; ".join(c["name"] for c in d["credits"]), len(d["removed"]), len(d["time_refs"])])
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

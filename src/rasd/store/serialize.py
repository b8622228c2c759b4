"""Articles to and from plain JSON-able dicts: the stored record and the export contract.

The export line (`rasd export --format jsonl`) is `article_to_dict(article)`. Its keys are a
stable contract read by other tools: later versions add keys, none is ever renamed.
Every `start`/`end` indexes `raw`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasd.model import (
    Anchor,
    Article,
    Credit,
    CreditKind,
    LineLanguage,
    Precision,
    Published,
    Reason,
    Removed,
    Seen,
    SeenSource,
    Span,
    TimeRef,
)

EXPORT_FIELDS = (
    "id", "source", "url", "title", "published", "published_precision", "language", "credits",
    "removed", "time_refs", "event", "story", "copy_of", "seen", "seen_source",
)  # fmt: skip


def _span(s: Span | None) -> dict[str, int] | None:
    return None if s is None else {"start": s.start, "end": s.end}


def _unspan(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(int(d["start"]), int(d["end"]))


def article_to_dict(a: Article) -> dict[str, Any]:
    """The full record of an article; the export contract's fields come first."""
    pub = a.published
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "published": pub.iso() if pub else None,
        "published_precision": pub.precision.value if pub else None,
        "language": a.language,
        "credits": [
            {"kind": c.kind.value, "name": c.name, **(_span(c.span) or {"start": None, "end": None})}
            for c in a.credits
        ],
        "removed": [{"start": r.span.start, "end": r.span.end, "reason": r.reason.value, "rule": r.rule}
                    for r in a.removed],
        "time_refs": [
            {"start": t.span.start, "end": t.span.end, "text": t.text, "value": t.value,
             "precision": t.precision.value, "anchor": t.anchor.value, "weekday": t.weekday,
             "part_of_day": t.part_of_day, "note": t.note}
            for t in a.time_refs
        ],
        "seen": a.seen.iso() if a.seen else None,
        "seen_source": a.seen.source.value if a.seen else None,
        "seen_precision": a.seen.precision.value if a.seen else None,
        "title_span": _span(a.title_span),
        "title_note": a.title_note,
        "published_evidence": _span(pub.evidence) if pub else None,
        "published_rule": pub.rule if pub else None,
        "published_weekday_ok": pub.weekday_ok if pub else None,
        "published_note": a.published_note,
        "line_languages": [{"start": x.span.start, "end": x.span.end, "language": x.language}
                           for x in a.line_languages],
        "paragraphs": [{"start": p.start, "end": p.end} for p in a.paragraphs],
        "text": a.text,
        "raw": a.raw,
        "origin": a.origin,
        "fmt": a.fmt,
        "content_hash": a.content_hash,
        "given_title": a.given_title,
        "given_published": a.given_published,
    }  # fmt: skip


def article_from_dict(d: dict[str, Any]) -> Article:
    """Rebuild an Article from `article_to_dict` output."""
    pub = None
    if d.get("published"):
        pub = Published(
            value=dt.datetime.fromisoformat(d["published"]),
            precision=Precision(d["published_precision"]),
            evidence=_unspan(d.get("published_evidence")),
            rule=d.get("published_rule") or "",
            weekday_ok=d.get("published_weekday_ok"),
        )
    seen = None
    if d.get("seen"):
        seen = Seen(dt.datetime.fromisoformat(d["seen"]), Precision(d.get("seen_precision") or "day"),
                    SeenSource(d["seen_source"]))  # fmt: skip
    return Article(
        id=d["id"],
        raw=d["raw"],
        origin=d.get("origin", ""),
        fmt=d.get("fmt", ""),
        content_hash=d.get("content_hash", ""),
        source=d.get("source"),
        url=d.get("url"),
        given_title=d.get("given_title"),
        given_published=d.get("given_published"),
        seen=seen,
        paragraphs=tuple(Span(p["start"], p["end"]) for p in d.get("paragraphs", [])),
        removed=tuple(
            Removed(Span(r["start"], r["end"]), Reason(r["reason"]), r.get("rule", ""))
            for r in d.get("removed", [])
        ),
        credits=tuple(
            Credit(CreditKind(c["kind"]), c["name"],
                   None if c.get("start") is None else Span(c["start"], c["end"]))
            for c in d.get("credits", [])
        ),
        title=d.get("title"),
        title_span=_unspan(d.get("title_span")),
        title_note=d.get("title_note", ""),
        published=pub,
        published_note=d.get("published_note", ""),
        language=d.get("language", "und"),
        line_languages=tuple(
            LineLanguage(Span(x["start"], x["end"]), x["language"]) for x in d.get("line_languages", [])
        ),
        time_refs=tuple(
            TimeRef(Span(t["start"], t["end"]), t["text"], t.get("value"), Precision(t["precision"]),
                    Anchor(t["anchor"]), t.get("weekday"), t.get("part_of_day"), t.get("note", ""))
            for t in d.get("time_refs", [])
        ),
    )  # fmt: skip

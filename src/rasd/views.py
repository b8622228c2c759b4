"""Presentation dicts shared by the CLI, the Python API and (later) the HTTP API."""

from __future__ import annotations

from typing import Any

from rasd.model import Article
from rasd.serialize import article_to_dict


def article_view(a: Article) -> dict[str, Any]:
    """One article with every extracted thing and the raw text it points at."""
    pub = a.published
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "origin": a.origin,
        "title": a.title,
        "title_note": a.title_note,
        "language": a.language,
        "published": {
            "value": pub.iso() if pub else None,
            "precision": pub.precision.value if pub else None,
            "rule": pub.rule if pub else None,
            "evidence": [pub.evidence.start, pub.evidence.end] if pub and pub.evidence else None,
            "evidence_text": pub.evidence.of(a.raw) if pub and pub.evidence else None,
            "weekday_ok": pub.weekday_ok if pub else None,
            "note": a.published_note,
        },
        "credits": [{"kind": c.kind.value, "name": c.name} for c in a.credits],
        "line_languages": [
            {"start": x.span.start, "end": x.span.end, "language": x.language, "text": x.span.of(a.raw)}
            for x in a.line_languages
        ],
        "time_refs": article_to_dict(a)["time_refs"],
        "removed": [
            {"start": r.span.start, "end": r.span.end, "reason": r.reason.value, "rule": r.rule,
             "text": r.span.of(a.raw)}
            for r in a.removed
        ],
        "text": a.text,
    }  # fmt: skip

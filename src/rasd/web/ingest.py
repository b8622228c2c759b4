"""`POST /api/articles`: a crawler pushes articles as it fetches them, into the same pipeline as
`rasd run` (a JSON object or a list of them, with the JSONL input's fields). Only with a bearer
token; a second writer gets 503 `busy` rather than waiting, so a request never hangs."""

from __future__ import annotations

import json
import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Header

from rasd.errors import InputError, RasdError
from rasd.pipeline import run
from rasd.store import Store

MAX_ARTICLES = 1_000  # per request
FIELDS = "id, text or html, title, source, url, published, fetched (as in a JSONL input)"


class Unauthorized(RasdError):
    code = "unauthorized"


def add_ingest(app: FastAPI, db: Path, token: str) -> None:
    @app.post("/api/articles", summary="Ingest articles (bearer token; JSON object or list, JSONL fields)")
    def ingest(
        body: Annotated[dict[str, Any] | list[dict[str, Any]], Body(description=FIELDS)],
        authorization: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not authorization or not secrets.compare_digest(given.encode(), token.encode()):
            raise Unauthorized("a valid 'Authorization: Bearer <token>' header is needed to ingest")
        items = body if isinstance(body, list) else [body]
        if not items or len(items) > MAX_ARTICLES:
            raise InputError(f"send 1 to {MAX_ARTICLES} articles per request, not {len(items)}")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "posted.jsonl"
            path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
            with Store(db) as store:
                summary = run([path], store, wait=False)  # another writer: StoreBusy, a 503
        return {
            "stored": summary.stored, "unchanged": summary.unchanged,
            "dropped": [{"line": d.origin.rsplit(":", 1)[-1], "reason": d.reason, "detail": d.detail}
                        for d in summary.dropped],
        }  # fmt: skip

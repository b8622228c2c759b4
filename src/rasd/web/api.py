"""The HTTP JSON API: the views the CLI prints, as JSON, read-only over one store.

Every route opens the store read-only for the request (SQLite allows many readers beside one
writer, so `rasd run` may go on adding articles). Errors have one shape, `{"error": code,
"message": text}`, with the status the code implies; the spec is at `/openapi.json` and the
interactive docs at `/docs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from rasd import __version__
from rasd.errors import InputError, RasdError
from rasd.present.export import summary_row
from rasd.present.views import article_view, entity_view, event_row_view, event_view, ledger_view, story_view
from rasd.store import Store
from rasd.store.search import by_event
from rasd.store.search import search as search_articles
from rasd.tell.load import event_summary, story_timeline_of
from rasd.web.ingest import add_ingest
from rasd.web.pages import add_pages, error_page

_STATUS = {"not_found": 404, "bad_input": 400, "unreadable": 400, "store": 503, "store_busy": 503, "unauthorized": 401}
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip (pagination).")]


def _error(status: int, code: str, message: str, request: Request | None = None) -> JSONResponse | HTMLResponse:
    """The one error shape for the API; a page for the web UI's routes."""
    if request is not None and not request.url.path.startswith(("/api/", "/openapi", "/docs")):
        return error_page(status, message)
    return JSONResponse({"error": code, "message": message}, status_code=status)


def _day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def create_app(db: Path, ingest_token: str | None = None) -> FastAPI:
    """The API over the store at `db`. Read-only (the store must exist) unless `ingest_token` is
    given: then `POST /api/articles` with `Authorization: Bearer <token>` feeds the pipeline, as
    `rasd run` would, and the store is created when missing."""
    if ingest_token is not None:
        if len(ingest_token) < 16:
            raise InputError("the ingest token must be at least 16 characters long")
        Store(db).close()
    if not Path(db).is_file():
        raise InputError(f"no store at {db}: run 'rasd run PATH --db {db}' first")
    Store(db, readonly=True).close()  # refuse a file that is not a rasd store now, not per request
    app = FastAPI(
        title="rasd",
        version=__version__,
        description="Arabic news intelligence: articles, events, stories, entities, claims, search.",
    )

    @contextmanager
    def store() -> Iterator[Store]:
        with Store(db, readonly=True) as s:
            yield s

    @app.exception_handler(RasdError)
    async def rasd_error(request: Request, e: RasdError) -> JSONResponse | HTMLResponse:
        return _error(_STATUS.get(e.code, 500), e.code, e.message, request)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, e: RequestValidationError) -> JSONResponse | HTMLResponse:
        parts = [f"{'.'.join(str(x) for x in err.get('loc', ()))}: {err.get('msg', '')}" for err in e.errors()]
        return _error(400, "bad_input", "; ".join(parts) or "bad request", request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException) -> JSONResponse | HTMLResponse:
        return _error(e.status_code, "not_found" if e.status_code == 404 else "http", str(e.detail), request)

    @app.get("/api/articles", summary="Articles, newest first, filtered")
    def articles(limit: Limit = 50, offset: Offset = 0, source: str | None = None, language: str | None = None,
                 since: str | None = None, until: str | None = None) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            ids = s.article_ids(offset=offset, limit=limit, source=source, language=language,
                                since=_day(since, "since"), until=_day(until, "until"))  # fmt: skip
            items = [{**summary_row(a), "source": a.source} for a in map(s.get, ids)]
        return {"offset": offset, "limit": limit, "items": items}

    @app.get("/api/articles/{article_id}", summary="One article with everything extracted, offsets into raw")
    def article(article_id: str) -> dict[str, Any]:
        with store() as s:
            return article_view(s.get(article_id))

    @app.get("/api/events", summary="Events, latest first")
    def events(limit: Limit = 50, offset: Offset = 0, story: str | None = None) -> dict[str, Any]:
        with store() as s:
            rows = s.events(story=story, limit=offset + limit)[offset:]
        return {"offset": offset, "limit": limit, "items": [event_row_view(e) for e in rows]}

    @app.get("/api/events/{event_id}", summary="An event: members, copies and shared passages")
    def event(event_id: str) -> dict[str, Any]:
        with store() as s:
            return event_view(s, event_id)

    @app.get("/api/events/{event_id}/summary", summary="Title and cited extractive summary of an event")
    def summary(event_id: str) -> dict[str, Any]:
        with store() as s:
            return event_summary(s, event_id).to_json()

    @app.get("/api/ledger/{scope_id}", summary="The source ledger of an event or story")
    def ledger(scope_id: str) -> dict[str, Any]:
        with store() as s:
            return ledger_view(s, scope_id).to_json()

    @app.get("/api/stories", summary="Stories, with their events in time order")
    def stories(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        with store() as s:
            rows = s.stories(limit=offset + limit)[offset:]
            return {"offset": offset, "limit": limit, "items": [story_view(s, r) for r in rows]}

    @app.get("/api/stories/{story_id}/timeline", summary="A story's dated timeline with background")
    def timeline(story_id: str) -> dict[str, Any]:
        with store() as s:
            return story_timeline_of(s, story_id).to_json()

    @app.get("/api/entities", summary="Entities, most mentioned first, spelling variants merged")
    def entities(limit: Limit = 50, type: str | None = None) -> dict[str, Any]:
        with store() as s:
            return {"items": [entity_view(e) for e in s.entity_rows(type, limit)]}

    @app.get("/api/search", summary="Full-text Arabic search (spelling variants match)")
    def search(q: Annotated[str, Query(min_length=1, max_length=1000)], limit: Limit = 20,
               group: Annotated[str | None, Query(pattern="^event$", description="event: gather hits by event")] = None,
               ) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            hits = search_articles(s, q, limit=limit)
            if group == "event":
                return {"query": q, "groups": by_event(s, hits)}
            return {"query": q, "hits": hits}

    @app.get("/api/health", summary="Liveness and the store's size")
    def health() -> dict[str, Any]:
        with store() as s:
            return {"ok": True, "articles": s.count(), "version": __version__}

    if ingest_token is not None:
        add_ingest(app, db, ingest_token)
    add_pages(app, store)
    return app

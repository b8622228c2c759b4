"""The HTTP JSON API: the views the CLI prints, as JSON, read-only over one store.

Every route opens the store read-only for the request (SQLite allows many readers beside one
writer, so `rasd run` may go on adding articles). Errors have one shape, `{"error": code,
"message": text}`, with the status the code implies; the spec is at `/openapi.json` and the
interactive docs at `/docs`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from rasd import __version__
from rasd.errors import InputError, NotFound, RasdError, StoreError
from rasd.present.export import claim_record, summary_row
from rasd.present.views import (
    article_view,
    entity_name,
    entity_view,
    event_row_view,
    event_view,
    ledger_view,
    story_view,
)
from rasd.store import Store
from rasd.store.browse import Filters
from rasd.store.search import add_snippets, by_event
from rasd.store.search import search as search_articles
from rasd.tell.load import event_views_json, story_timeline_of
from rasd.tell.summary import VIEWS_VERSION
from rasd.web.ingest import add_ingest
from rasd.web.memo import Memo
from rasd.web.pages import add_pages, error_page

_STATUS = {"not_found": 404, "bad_input": 400, "unreadable": 400, "store": 503, "store_busy": 503, "unauthorized": 401}
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip (pagination).")]
Since = Annotated[dt.date | None, Query(description="Published on or after this day (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Published on or before this day (YYYY-MM-DD).")]
Source = Annotated[str | None, Query(description="Outlet, as given in the input.")]
Language = Annotated[str | None, Query(description="Language code, e.g. ar.")]
Entity = Annotated[str | None, Query(description="Mentioning this entity (id or key, see /api/entities).")]
StoryId = Annotated[str | None, Query(description="In this story.")]
EventId = Annotated[str | None, Query(description="In this event.")]
ArticleId = Annotated[str | None, Query(description="Of this article.")]
Claimant = Annotated[str | None, Query(description="Said by this entity (id or key).")]


Json = dict[str, Any]  # the spec's type of a memoized JSON answer (sent as encoded bytes)


def _page(offset: int, limit: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    """One page of a listing; `next` is the offset of the next page, null on the last."""
    return {"offset": offset, "limit": limit, "next": offset + limit if len(items) == limit else None,
            "items": items}  # fmt: skip


def _error(status: int, code: str, message: str, request: Request | None = None) -> JSONResponse | HTMLResponse:
    """The one error shape for the API; a page for the web UI's routes."""
    if request is not None and not request.url.path.startswith(("/api/", "/openapi", "/docs")):
        return error_page(status, message)
    return JSONResponse({"error": code, "message": message}, status_code=status)


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def warm() -> None:
    """Load now what the first search and the first event page would otherwise load while a person
    waits (the gazetteer's index for query names, simplemma's Arabic dictionary for titles: 2-4 s
    of CPU on a loaded machine)."""
    from rasd.events.features import load_lemmatizer
    from rasd.store.query import parse

    parse("قره باغ")
    load_lemmatizer()


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

    memo = Memo(db)  # summaries, ledgers, timelines and summarizing pages, per store generation

    local = threading.local()

    def memo_json(key: tuple[Any, ...], build: Callable[[], dict[str, Any]]) -> Response:
        """A JSON answer memoized as its encoded bytes (encoding a large answer again costs as much
        as serving it)."""
        body = memo.get(key, lambda: json.dumps(build(), ensure_ascii=False, separators=(",", ":")).encode())
        return Response(body, media_type="application/json")

    @contextmanager
    def store() -> Iterator[Store]:
        """This thread's read-only connection (opening one per request cost as much as reading an
        article); opened again when the file at `db` is another one (a store made anew)."""
        try:
            ino = os.stat(db).st_ino
        except OSError as e:
            raise StoreError(f"cannot open store {db}: {e}") from e
        s: Store | None = getattr(local, "store", None)
        if s is None or local.ino != ino:
            if s is not None:
                s.close()
            s = local.store = Store(db, readonly=True)
            local.ino = ino
        yield s

    @app.exception_handler(RasdError)
    async def rasd_error(request: Request, e: RasdError) -> JSONResponse | HTMLResponse:
        return _error(_STATUS.get(e.code, 500), e.code, e.message, request)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, e: RequestValidationError) -> JSONResponse | HTMLResponse:
        parts = [f"{'.'.join(str(x) for x in err.get('loc', ()))}: {err.get('msg', '')}" for err in e.errors()]
        return _error(400, "bad_input", "; ".join(parts) or "bad request", request)

    @app.exception_handler(Exception)
    async def internal(request: Request, e: Exception) -> JSONResponse | HTMLResponse:  # a bug: still one shape
        return _error(500, "internal", f"internal error ({type(e).__name__}); please report it", request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, e: HTTPException) -> JSONResponse | HTMLResponse:
        return _error(e.status_code, "not_found" if e.status_code == 404 else "http", str(e.detail), request)

    def filters(s: Store, since: dt.date | None, until: dt.date | None, source: str | None = None,
                entity: str | None = None, story: str | None = None, event: str | None = None,
                language: str | None = None) -> Filters:  # fmt: skip
        row = s.entity_row(entity) if entity is not None else None
        return Filters(since=_day(since), until=_day(until), source=source, language=language,
                       entity=row.key if row is not None else entity, story=story, event=event)  # fmt: skip

    @app.get("/api/articles", summary="Articles, newest first, filtered")
    def articles(limit: Limit = 50, offset: Offset = 0, source: Source = None, language: Language = None,
                 since: Since = None, until: Until = None, entity: Entity = None, story: StoryId = None,
                 event: EventId = None) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            f = filters(s, since, until, source, entity, story, event, language)
            ids = s.article_ids(offset=offset, limit=limit, source=f.source, language=f.language, since=f.since,
                                until=f.until, entity=f.entity, story=f.story, event=f.event)  # fmt: skip
            items = [{**summary_row(a), "source": a.source} for a in map(s.get, ids)]
        return _page(offset, limit, items)

    @app.get("/api/articles/{article_id}", summary="One article with everything extracted, offsets into raw")
    def article(article_id: str) -> dict[str, Any]:
        with store() as s:
            return article_view(s.get(article_id))

    @app.get("/api/events", summary="Events, latest first (a story's in time order), filtered")
    def events(limit: Limit = 50, offset: Offset = 0, story: StoryId = None, since: Since = None,
               until: Until = None, source: Source = None, entity: Entity = None) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            rows = s.event_page(filters(s, since, until, source, entity, story), offset=offset, limit=limit)
        return _page(offset, limit, [event_row_view(e) for e in rows])

    @app.get("/api/events/{event_id}", summary="An event: members, copies and shared passages", response_model=Json)
    def event(event_id: str) -> Response:
        def build() -> dict[str, Any]:
            with store() as s:
                return event_view(s, event_id)

        return memo_json(("event", event_id), build)

    @app.get("/api/events/{event_id}/summary", summary="Title and cited extractive summary of an event",
             response_model=Json)
    def summary(event_id: str) -> Response:
        def build() -> dict[str, Any]:
            with store() as s:
                return event_views_json(s, event_id)[0]

        return memo_json(("summary", event_id), build)

    @app.get("/api/ledger/{scope_id}", summary="The source ledger of an event or story", response_model=Json)
    def ledger(scope_id: str) -> Response:
        def build() -> dict[str, Any]:
            with store() as s:
                stored = s.event_views(scope_id, VIEWS_VERSION)  # an event's, as a request kept it (store/views.py)
                return stored[1] if stored is not None else ledger_view(s, scope_id).to_json()

        return memo_json(("ledger", scope_id), build)

    @app.get("/api/claims", summary="Claims and their numeric facts (who said what, with offsets), filtered")
    def claims(limit: Limit = 50, offset: Offset = 0, article: ArticleId = None, event: EventId = None,
               story: StoryId = None, entity: Claimant = None,
               kind: Annotated[str | None, Query(description="Fact kind, e.g. killed, wounded, tank.")] = None,
               source: Source = None, since: Since = None, until: Until = None) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            f = filters(s, since, until, source, entity, story, event)
            rows = s.claim_page(f, kind=kind, article=article, offset=offset, limit=limit)
            names: dict[str, str | None] = {}
            for r in rows:
                if r.claimant is not None and r.claimant not in names:
                    names[r.claimant] = entity_name(s, r.claimant)
            items = [claim_record(r, names.get(r.claimant) if r.claimant else None) for r in rows]
        return _page(offset, limit, items)

    @app.get("/api/copies", summary="Copy links: one article repeating another's passages (spans into text)")
    def copies(limit: Limit = 50, offset: Offset = 0, article: ArticleId = None,
               kind: Annotated[str | None, Query(description="Link kind, e.g. copy, quote.")] = None,
               ) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            rows = s.link_page(article=article, kind=kind, offset=offset, limit=limit)
        items = [{"article": x.article, "other": x.other, "kind": x.kind, "score": x.score,
                  "spans": [{"start": a0, "end": a1, "other_start": b0, "other_end": b1} for a0, a1, b0, b1 in x.spans]}
                 for x in rows]  # fmt: skip
        return _page(offset, limit, items)

    @app.get("/api/stories", summary="Stories, latest first, with their events in time order, filtered")
    def stories(limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
                source: Source = None, entity: Entity = None) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            rows = s.story_page(filters(s, since, until, source, entity), offset=offset, limit=limit)
            return _page(offset, limit, [story_view(s, r) for r in rows])

    @app.get("/api/stories/{story_id}", summary="One story with its events in time order")
    def story(story_id: str) -> dict[str, Any]:
        with store() as s:
            rows = s.stories(limit=1, story_id=story_id)
            if not rows:
                raise NotFound(f"no story with id {story_id!r}")
            return story_view(s, rows[0])

    @app.get("/api/stories/{story_id}/timeline", summary="A story's dated timeline with background",
             response_model=Json)
    def timeline(story_id: str) -> Response:
        def build() -> dict[str, Any]:
            with store() as s:
                return story_timeline_of(s, story_id).to_json()

        return memo_json(("timeline", story_id), build)

    @app.get("/api/entities", summary="Entities, most mentioned first, spelling variants merged")
    def entities(limit: Limit = 50, offset: Offset = 0,
                 type: Annotated[str | None, Query(description="PER, ORG, LOC or GPE.")] = None,
                 ) -> dict[str, Any]:  # fmt: skip
        with store() as s:
            return _page(offset, limit, [entity_view(e) for e in s.entity_page(type, offset=offset, limit=limit)])

    @app.get("/api/entities/{entity_id}", summary="One entity (id or key) and the latest articles mentioning it")
    def entity(entity_id: str) -> dict[str, Any]:
        with store() as s:
            row = s.entity_row(entity_id)
            if row is None:
                raise NotFound(f"no entity with id or key {entity_id!r}")
            return {**entity_view(row), "articles": s.article_ids(entity=row.key, limit=20)}

    @app.get("/api/search", summary="Full-text Arabic search (spelling variants match)", response_model=Json)
    def search(q: Annotated[str, Query(min_length=1, max_length=1000)], limit: Limit = 20,
               offset: Annotated[int, Query(ge=0, le=1000, description="Hits to skip (pagination).")] = 0,
               group: Annotated[str | None, Query(pattern="^event$", description="event: gather hits by event")] = None,
               source: Source = None, language: Language = None, since: Since = None, until: Until = None,
               entity: Entity = None, story: StoryId = None, event: EventId = None,
               ) -> Response:  # fmt: skip
        def build() -> dict[str, Any]:
            with store() as s:
                f = filters(s, since, until, source, entity, story, event, language)
                parsed = s.parse_query(q)
                hits = search_articles(s, q, limit=offset + limit, filters=f, with_snippets=False, parsed=parsed)
                hits = hits[offset:]
                add_snippets(s, hits, q, parsed)  # the page's hits only
                page = {"query": q, "offset": offset, "limit": limit,
                        "next": offset + limit if len(hits) == limit else None}  # fmt: skip
                if group == "event":
                    return {**page, "groups": by_event(s, hits)}
                return {**page, "hits": hits}

        return memo_json(("search", q, limit, offset, group, source, language, since, until, entity, story, event),
                         build)

    @app.get("/api/health", summary="Liveness and the store's size")
    def health() -> dict[str, Any]:
        with store() as s:
            return {"ok": True, "articles": s.count(), "version": __version__}

    if ingest_token is not None:
        add_ingest(app, db, ingest_token)
    add_pages(app, store, memo)
    _document_errors(app)
    return app


ERROR_SCHEMA = {"type": "object", "required": ["error", "message"], "additionalProperties": False,
                "properties": {"error": {"type": "string", "description": "A stable code: not_found, bad_input, ..."},
                               "message": {"type": "string", "description": "What went wrong."}}}  # fmt: skip
_ERROR_STATUS = {"400": "Bad input (a parameter out of range or malformed)", "404": "No such item",
                 "503": "The store is busy or unreadable"}  # fmt: skip


def _document_errors(app: FastAPI) -> None:
    """The spec states the one error shape the API answers with (400, not FastAPI's 422)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
            ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for path in spec.get("paths", {}).values():
                for op in path.values():
                    responses = op.setdefault("responses", {})
                    responses.pop("422", None)
                    responses.update({code: {"description": text, **ref} for code, text in _ERROR_STATUS.items()})
                    if "security" in op or op.get("operationId", "").startswith("ingest"):
                        responses["401"] = {"description": "No valid bearer token", **ref}
            for unused in ("HTTPValidationError", "ValidationError"):
                spec["components"]["schemas"].pop(unused, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

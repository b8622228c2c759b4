"""The web UI: right-to-left pages rendered on the server (Jinja2, autoescaped), each the twin of an
API route. No script runs on any page; the Content-Security-Policy forbids scripts and every request
to another origin."""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from rasd.present.views import article_view, entity_view, event_view, story_view
from rasd.present.words import ENTITY_TYPES, LANGUAGES, count_ar
from rasd.store import Store
from rasd.store.browse import Filters
from rasd.store.search import add_snippets, by_event
from rasd.store.search import search as search_articles
from rasd.tell.load import event_views_json, story_timeline_of
from rasd.tell.render import DATED_AR, KIND_AR, PRECISION_AR, STATUS_AR, figure, kind_label, note_ar
from rasd.web.marks import Mark, Segment, segments
from rasd.web.memo import Memo

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none';"
       " frame-ancestors 'none'")  # fmt: skip
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@functools.cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("rasd.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.ChainableUndefined)  # fmt: skip
    env.filters.update(kind=kind_label, note=note_ar, count=count_ar, when=when,
                       language=lambda code: LANGUAGES.get(code or "", code or "غير معروفة"),
                       etype=lambda t: ENTITY_TYPES.get(t or "", t or "—"))  # fmt: skip
    env.globals.update(days=days, figure=figure, KIND_AR=KIND_AR, STATUS_AR=STATUS_AR, DATED_AR=DATED_AR,
                       PRECISION_AR=PRECISION_AR)  # fmt: skip
    return env


def days(first: str | None, last: str | None = None) -> Markup:
    """A day, or a range of days, each kept left-to-right but the range in the page's order: in
    Arabic the first day stands on the right (an LTR span around the whole range reversed it)."""
    one = Markup('<span class="ltr">{}</span>')
    if last is None or last == first:
        return one.format(first or "؟")
    return one.format(first or "؟") + Markup(" – ") + one.format(last or "؟")


def when(value: str | None) -> str:
    """A stored time as a reader wants it: 2020-09-28T05:53:00+00:00 -> 2020-09-28 05:53."""
    return (value or "").replace("T", " ")[:16]


_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")


def _shown(parts: list[Segment]) -> list[Segment]:
    """Segments as displayed: runs of blank lines (some pages keep lines of no-break spaces between
    paragraphs) shown as one paragraph break. Only the display changes; offsets were used already."""
    return [Segment(_BLANK_LINES.sub("\n\n", p.text), p.kinds, p.notes) if "\n" in p.text else p for p in parts]


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return html(render(template, **context), status)


def render(template: str, **context: Any) -> str:
    return _env().get_template(template).render(**context)


def html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def error_page(status: int, message: str) -> HTMLResponse:
    return page("error.html.j2", status=status, status_code=status, message=message)


def _marks(store: Store, article_id: str) -> list[Mark]:
    a = store.get(article_id)
    marks = [Mark(r.span.start, r.span.end, "removed", r.reason.value) for r in a.removed if r.reason.value != "blank"]
    marks += [Mark(t.span.start, t.span.end, "time", t.value or "؟") for t in a.time_refs]
    if a.published is not None and a.published.evidence is not None:
        marks.append(Mark(a.published.evidence.start, a.published.evidence.end, "published", "تاريخ النشر"))
    for c in store.claim_rows([article_id]):
        if c.verb_start is not None and c.verb_end is not None:
            marks.append(Mark(c.verb_start, c.verb_end, "verb", c.claimant_text or ""))
        if c.fact_start is not None and c.fact_end is not None:
            marks.append(Mark(c.fact_start, c.fact_end, "fact", f"{KIND_AR.get(c.kind or '', c.kind)}: {c.value}"))
    return marks


SNIPPET_RESULTS = 20  # search results shown with snippets; the others by title and date


def add_pages(app: FastAPI, store: Callable[[], AbstractContextManager[Store]], memo: Memo) -> None:
    """The HTML routes, beside the API's JSON routes. The pages that summarize (home, story, event)
    and search results are rendered once per store generation (web/memo.py)."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page() -> HTMLResponse:
        def build() -> str:
            with store() as s:
                return render("stories.html.j2", stories=[story_view(s, r) for r in s.stories(limit=100)],
                              total=s.count())  # fmt: skip

        return html(memo.get(("stories page",), build))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        def build() -> str:
            with store() as s:
                timeline = story_timeline_of(s, story_id).to_json()
                rows = s.stories(limit=1, story_id=story_id)
                story = story_view(s, rows[0]) if rows else {"id": story_id}
                return render("story.html.j2", story=story, timeline=timeline)

        return html(memo.get(("story page", story_id), build))

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        limit = 100
        with store() as s:
            rows = s.events(limit=offset + limit + 1)[offset:]
        return page("events.html.j2", events=rows[:limit], more=len(rows) > limit, offset=offset, limit=limit)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(event_id: str) -> HTMLResponse:
        def build() -> str:
            with store() as s:
                event = event_view(s, event_id)
                summary, ledger = event_views_json(s, event_id)  # kept by a request (store/views.py)
                return render("event.html.j2", event=event, summary=summary, ledger=ledger)

        return html(memo.get(("event page", event_id), build))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        with store() as s:
            a = s.get(article_id)
            return page("article.html.j2", a=article_view(a), segments=_shown(segments(a.raw, _marks(s, article_id))))

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page() -> HTMLResponse:
        with store() as s:
            return page("entities.html.j2", entities=[entity_view(e) for e in s.entity_rows(None, 200)])

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: Annotated[str, Query(max_length=1000)] = "",
                    source: Annotated[str, Query(max_length=200)] = "",
                    since: dt.date | None = None, until: dt.date | None = None) -> HTMLResponse:  # fmt: skip
        def build() -> str:
            f = Filters(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                        source=source.strip() or None)  # fmt: skip
            with store() as s:
                groups = []
                if q.strip():
                    parsed = s.parse_query(q)
                    groups = by_event(s, search_articles(s, q, limit=100, filters=f, with_snippets=False,
                                                         parsed=parsed))  # fmt: skip
                    # snippets of each of the first results' best hit, the rest listed by title
                    add_snippets(s, [g["hits"][0] for g in groups[:SNIPPET_RESULTS]], q, parsed)
            wanted = {"q": q, "group": "event", "source": f.source, "since": f.since, "until": f.until}
            api_url = "/api/search?" + urllib.parse.urlencode({k: v for k, v in wanted.items() if v})
            return render("search.html.j2", q=q, groups=groups, source=source, since=f.since or "",
                          until=f.until or "", api_url=api_url)  # fmt: skip

        return html(memo.get(("search page", q, source, since, until), build))

"""HTML pages: the main text and metadata via trafilatura."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rasd.errors import ReadError
from rasd.model import Dropped, RawDoc, SeenSource
from rasd.read.encoding import is_blank, read_file, unify_newlines
from rasd.read.ids import content_id
from rasd.read.pagetime import markup_time, url_date
from rasd.read.pagetitle import page_title

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page's markup says about itself (each None when it says nothing)."""

    title: str | None = None
    published: str | None = None  # from JSON-LD, <meta> or <time> markup (`markup_time`), local time
    sitename: str | None = None
    url: str | None = None
    url_date: str | None = None  # YYYY-MM-DD in the url's path


def read_html(path: Path, *, source: str | None, max_bytes: int) -> RawDoc | Dropped:
    """One HTML file as one article (see `extract_html`)."""
    try:
        page = read_file(path, max_bytes)
    except ReadError as err:
        return Dropped(str(path), err.reason, err.message)
    return extract_html(page, str(path), fmt="html", source=source)


def extract_html(
    page: str,
    origin: str,
    *,
    fmt: str,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
    published: str | None = None,
    doc_id: str | None = None,
    times: tuple[tuple[SeenSource, str], ...] = (),
) -> RawDoc | Dropped:
    """Extract the article of an HTML page: `raw` is trafilatura's plain-text main content.

    Each line trafilatura outputs is one block (heading, paragraph, list item); they are joined
    with a blank line between them, the way paragraphs are laid out in the text inputs.

    Values given by the caller win over the page's metadata; the source falls back to the
    site name, then the url's host. `times` (a feed's or crawl's, from the caller) are kept
    and the page's markup time and url date are added to them, for `Article.seen`.
    The id is the content hash unless `doc_id` is given.
    Returns Dropped("no_text") when no main text is found, Dropped("malformed_html") when the
    extractor fails.
    """
    import trafilatura  # here, not at the top: ~0.3 s of imports a run of text or JSONL never needs

    try:
        text = trafilatura.extract(
            page,
            url=url,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_precision=False,
            with_metadata=False,
        )
    except Exception as err:  # trafilatura is tolerant, but a crash here must not end a run
        return Dropped(origin, "malformed_html", f"{origin}: the HTML could not be parsed ({err})")
    if not isinstance(text, str) or is_blank(text):
        flat = _flatten(page)
        if flat is not page:  # wrapped in thousands of <div>s: lxml stops at depth 255, read it flattened
            return extract_html(flat, origin, fmt=fmt, url=url, source=source, title=title,
                                published=published, doc_id=doc_id)
        return Dropped(origin, "no_text", f"{origin}: no article text found in the HTML")
    raw = "\n\n".join(line.strip() for line in unify_newlines(text).split("\n") if line.strip())
    meta = page_meta(page, url)
    url = url or meta.url
    found = list(times)
    if meta.published:
        found.append((SeenSource.HTML_META, meta.published))
    if day := url_date(url) or meta.url_date:
        found.append((SeenSource.URL, day))
    return RawDoc(
        id=doc_id or content_id(raw),
        raw=raw,
        origin=origin,
        fmt=fmt,
        source=source or meta.sitename or url_host(url),
        url=url,
        title=title or meta.title,
        published=published or meta.published,
        times=tuple(found),
    )


_NESTED_OPEN = re.compile(r"(<(div|span|section|article|main|td|table|tr|tbody|ul|li|font|b|i)\b[^<>]*>\s*)"
                          r"(?:<\2\b[^<>]*>\s*){15,}", re.IGNORECASE)
_NESTED_CLOSE = re.compile(r"(</(div|span|section|article|main|td|table|tr|tbody|ul|li|font|b|i)\s*>\s*)"
                           r"(?:</\2\s*>\s*){15,}", re.IGNORECASE)


def _flatten(page: str) -> str:
    """`page` with each run of 16+ identical nested wrappers collapsed to one (the same object when
    there is none): what is inside them is unchanged."""
    flat = _NESTED_CLOSE.sub(r"\1", _NESTED_OPEN.sub(r"\1", page))
    return page if flat == page else flat


def page_meta(page: str, url: str | None = None) -> PageMeta:
    """Title, date, site name and url from the page's markup; empty on any failure.

    The title is the headline of og:title or <title> without the site's name (`page_title`).

    Dates come from markup only (`markup_time`: JSON-LD, <meta>, <time>, then htmldate without
    its extensive text search), so that a date merely mentioned in the body, or the masthead's
    date of the day the page was served, is not taken for the publication date.
    """
    import trafilatura
    from trafilatura.utils import load_html

    try:
        doc: Any = trafilatura.extract_metadata(page, default_url=url, extensive=False)
        tree = load_html(page)
        published = markup_time(tree, page) if tree is not None else None
        sitename = _clean(getattr(doc, "sitename", None))
        found_url = _clean(getattr(doc, "url", None))
        title = page_title(tree, sitename, url_host(url or found_url)) if tree is not None else None
    except Exception as err:
        log.debug("metadata extraction failed: %s", err)
        return PageMeta()
    marked = tree is not None and bool(tree.xpath("//title|//meta[@property='og:title']"))
    return PageMeta(
        title=title if marked else _clean(getattr(doc, "title", None)),
        published=published,
        sitename=sitename,
        url=found_url,
        url_date=url_date(url or found_url),
    )


def url_host(url: str | None) -> str | None:
    """The host of `url` without a leading "www.", or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None

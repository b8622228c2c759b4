"""JSON Lines: one article per line, each a JSON object.

Fields (all optional, but one of `text` or `html` must be a non-blank string): id (string or
integer), url, source, title, published, fetched, text, html. `published` is the feed's or
corpus's publication time (kept as the input's published date, and as `seen` from "feed");
`fetched` is a crawl time, never a publication date: it only goes to `seen` ("crawl").
`text` wins over `html` when both are given. A bad line becomes a Dropped with origin
"path:lineno" and the run goes on; blank lines are skipped silently. Lines are read as bytes
(so U+2028 inside a string never splits a line) and capped at `max_bytes` each. A lone
surrogate escape ("\\ud800") becomes U+FFFD.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from rasd.errors import ReadError
from rasd.model import Dropped, RawDoc, SeenSource
from rasd.read.encoding import decode_bytes, is_blank, open_binary, scrub, unify_newlines
from rasd.read.html import extract_html, url_host
from rasd.read.ids import content_id

_STR_FIELDS = ("url", "source", "title", "published", "fetched", "text", "html")


class _BadLine(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def read_jsonl(path: Path, *, source: str | None, max_bytes: int) -> Iterator[RawDoc | Dropped]:
    """Yield one RawDoc or Dropped per non-blank line of a JSONL file."""
    fh = open_binary(path)
    if isinstance(fh, Dropped):
        yield fh
        return
    with fh:
        any_line = False
        for lineno, line in _lines(fh, max_bytes):
            origin = f"{path}:{lineno}"
            if line is None:
                any_line = True
                yield Dropped(origin, "too_large", f"{origin}: the line is longer than {max_bytes:,} bytes")
            elif line.strip():
                any_line = True
                yield parse_line(line, origin, source=source)
        if not any_line:
            yield Dropped(str(path), "empty", f"{path}: the file has no lines")


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line longer than `max_bytes` (the rest of it is skipped)."""
    lineno = 0
    while line := fh.readline(max_bytes + 1):
        lineno += 1
        if len(line) <= max_bytes:
            yield lineno, line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
        yield lineno, None


def parse_line(line: bytes, origin: str, *, source: str | None = None) -> RawDoc | Dropped:
    """One JSONL line as a RawDoc, or a Dropped saying what is wrong with it."""
    try:
        obj = _load(line, origin)
        return _to_doc(obj, origin, source)
    except ReadError as err:
        return Dropped(origin, err.reason, err.message)
    except _BadLine as err:
        return Dropped(origin, err.reason, err.message)


def _load(line: bytes, origin: str) -> dict[str, Any]:
    text = decode_bytes(line, origin)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        hint = "" if line.endswith(b"\n") else " (a truncated last line?)"
        message = f"{origin}: not valid JSON: {err.msg} at column {err.colno}{hint}"
        raise _BadLine("malformed_json", message) from err
    except (ValueError, RecursionError) as err:
        raise _BadLine("malformed_json", f"{origin}: not valid JSON ({err})") from err
    if not isinstance(obj, dict):
        raise _BadLine("malformed_json", f"{origin}: the line is a JSON {type(obj).__name__}, not an object")
    return obj


def _to_doc(obj: dict[str, Any], origin: str, source: str | None) -> RawDoc | Dropped:
    for key in _STR_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            message = f"{origin}: field {key!r} must be a string, not {type(value).__name__}"
            raise _BadLine("malformed_json", message)
        if value is not None:
            obj[key] = scrub(value)  # a lone "\\ud800" escape cannot be stored as UTF-8
    given_id = obj.get("id")
    if given_id is not None and (isinstance(given_id, bool) or not isinstance(given_id, str | int)):
        raise _BadLine("malformed_json", f"{origin}: field 'id' must be a string or integer")
    doc_id = scrub(str(given_id)).strip() if given_id is not None else ""
    url = _opt(obj.get("url"))
    src = _opt(obj.get("source")) or source
    title = _opt(obj.get("title"))
    published = _opt(obj.get("published"))
    fetched = _opt(obj.get("fetched"))
    times = tuple(
        (src_kind, value) for src_kind, value in ((SeenSource.FEED, published), (SeenSource.CRAWL, fetched)) if value
    )
    text: str | None = obj.get("text")
    page: str | None = obj.get("html")
    if text is not None and not is_blank(text):
        raw = unify_newlines(text)
        return RawDoc(
            id=doc_id or content_id(raw),
            raw=raw,
            origin=origin,
            fmt="jsonl",
            source=src or url_host(url),
            url=url,
            title=title,
            published=published,
            times=times,
        )
    if page is not None and not is_blank(page):
        return extract_html(
            page,
            origin,
            fmt="jsonl",
            url=url,
            source=src,
            title=title,
            published=published,
            doc_id=doc_id or None,
            times=times,
        )
    raise _BadLine("no_text", f"{origin}: the line has no non-empty 'text' or 'html' field")


def _opt(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None

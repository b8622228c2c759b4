"""WARC archives: every HTML response record is one article.

Only "response" records whose HTTP Content-Type is text/html or application/xhtml+xml are
read; other records are skipped silently. The url is WARC-Target-URI. WARC-Date is when the
page was crawled, not published: it goes to `seen` ("warc"), never to the published date.
A truncated or corrupt archive yields the complete records before the damage, then one
Dropped("malformed_warc"); a record cut short is not extracted. Origins are "path#n", n counting every record from 1.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasd.errors import ReadError
from rasd.model import Dropped, RawDoc, SeenSource
from rasd.read.encoding import decode_bytes, open_binary
from rasd.read.html import extract_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
# warcio logs a warning per odd header ("Replacing spaces in invalid WARC-Target-URI"); a damaged
# archive is reported once, as a Dropped, instead.
logging.getLogger("warcio").setLevel(logging.ERROR)


def read_warc(path: Path, *, source: str | None, max_bytes: int) -> Iterator[RawDoc | Dropped]:
    """Yield one RawDoc or Dropped per HTML response record of a WARC (.warc or .warc.gz) file."""
    fh = open_binary(path)
    if isinstance(fh, Dropped):
        yield fh
        return
    with fh:
        size = os.fstat(fh.fileno()).st_size
        n = 0
        from warcio.archiveiterator import ArchiveIterator  # here: only a WARC input needs warcio

        records = ArchiveIterator(fh)
        records.INC_RECORD = ""  # warcio writes a multi-line warning to stderr per bad record; counted below
        try:
            for n, record in enumerate(records, start=1):
                origin = f"{path}#{n}"
                if record.format != "warc":  # warcio also parses ARC, and mistakes some text for it
                    yield _malformed(path, n, "not a WARC record")
                    return
                data = _html_payload(record, max_bytes)
                records.read_to_end()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    yield _malformed(path, n, "the record is cut short")
                    return
                if data is not None:
                    yield _to_doc(data, origin, record, source, max_bytes)
            if records.offset < size:
                yield _malformed(path, n + 1, "the archive ends inside a record")
            elif n == 0:
                yield Dropped(str(path), "empty", f"{path}: the WARC holds no records")
        except Exception as err:  # warcio raises many kinds of errors on damaged input
            yield _malformed(path, n + 1, f"{type(err).__name__}: {err}".strip())
        if records.err_count:
            yield Dropped(f"{path}#warnings", "malformed_warc",
                          f"{path}: {records.err_count} record(s) not followed by a blank line "
                          "(a wrong Content-Length?); the records themselves were read")


def _html_payload(record: Any, max_bytes: int) -> bytes | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype not in HTML_TYPES:
        return None
    data: bytes = record.content_stream().read(max_bytes + 1)
    return data


def _to_doc(data: bytes, origin: str, record: Any, source: str | None, max_bytes: int) -> RawDoc | Dropped:
    if len(data) > max_bytes:
        return Dropped(origin, "too_large", f"{origin}: the page is larger than {max_bytes:,} bytes")
    try:
        page = decode_bytes(data, origin)
    except ReadError as err:
        return Dropped(origin, err.reason, err.message)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    fetched = (record.rec_headers.get_header("WARC-Date") or "").strip()
    times = ((SeenSource.WARC, fetched),) if fetched else ()
    return extract_html(page, origin, fmt="warc", url=url, source=source, times=times)


def _malformed(path: Path, n: int, why: str) -> Dropped:
    origin = f"{path}#{n}"
    return Dropped(origin, "malformed_warc", f"{path}: the WARC is truncated or corrupt at record {n}: {why}")

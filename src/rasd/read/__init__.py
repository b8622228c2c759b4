"""Readers: files and folders of text, HTML, JSONL and WARC to `RawDoc`s (or `Dropped`s).

Bad input never raises: each unreadable file, line or record becomes a `Dropped` with a
stable reason ("empty", "binary", "encoding", "too_large", "io_error", "unsupported",
"malformed_json", "no_text", "malformed_html", "malformed_warc") so a run goes on and can
report what it skipped. Only a missing path raises (`rasd.errors.InputError`).
"""

from __future__ import annotations

from rasd.read.dispatch import read_file_any, read_path, reader_for, walk
from rasd.read.encoding import decode_bytes, looks_like_text, read_file, unify_newlines
from rasd.read.html import extract_html, page_meta, read_html
from rasd.read.ids import content_id
from rasd.read.jsonl import parse_line, read_jsonl
from rasd.read.text import read_text
from rasd.read.warc import read_warc

__all__ = [
    "content_id",
    "decode_bytes",
    "extract_html",
    "looks_like_text",
    "page_meta",
    "parse_line",
    "read_file",
    "read_file_any",
    "read_html",
    "read_jsonl",
    "read_path",
    "read_text",
    "read_warc",
    "reader_for",
    "unify_newlines",
    "walk",
]

"""Stable article ids from content, and how much of an article the stages read."""

from __future__ import annotations

import hashlib

from rasd.arabic.normalize import normalize

READ_LIMIT = 100_000  # characters the stages read of one article (real articles: 99.9% under 17k, longest 32k)


def read_cut(raw: str) -> int:
    """Where the stages stop reading `raw`: its end, or, past `READ_LIMIT` characters, the last
    line break (else space) in the second half of the first `READ_LIMIT` characters.

    Everything rasd reads in an article (cleaning, dates, extraction, copies, events, search)
    reads `raw[:read_cut(raw)]`: a 20 MB one-line article costs what a 100 KB one does. The
    rest stays in `raw` (as a removed span, reason `too_long`) and in the content hash.
    """
    if len(raw) <= READ_LIMIT:
        return len(raw)
    for sep in ("\n", " "):
        at = raw.rfind(sep, READ_LIMIT // 2, READ_LIMIT)
        if at > 0:
            return at
    return READ_LIMIT


def content_id(raw: str) -> str:
    """First 16 hex chars of sha256 over the normalized text (UTF-8).

    Normalizing first makes the id survive trivial variants of one article (harakat, tatweel,
    alef forms, digit scripts, runs of spaces); no url goes in, so one article mirrored at two
    addresses gets one id. Past `read_cut` the text is hashed as written (not normalized), so
    the hash of a huge text costs one pass of sha256.
    """
    cut = read_cut(raw)
    return id_of_norm(normalize(raw[:cut]), raw[cut:])


def id_of_norm(norm: str, tail: str = "") -> str:
    """`content_id` of a text whose `normalize()` form (of `raw[:read_cut(raw)]`) the caller
    already has; `tail` is `raw[read_cut(raw):]`."""
    digest = hashlib.sha256(norm.encode("utf-8"))
    if tail:
        digest.update(b"\x00")
        digest.update(tail.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]

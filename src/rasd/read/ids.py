"""Stable article ids from content."""

from __future__ import annotations

import hashlib

from rasd.arabic.normalize import normalize


def content_id(raw: str) -> str:
    """First 16 hex chars of sha256 over the normalized text (UTF-8).

    Normalizing first makes the id survive trivial variants of one article (harakat, tatweel,
    alef forms, digit scripts, runs of spaces); no url goes in, so one article mirrored at two
    addresses gets one id.
    """
    return id_of_norm(normalize(raw))


def id_of_norm(norm: str) -> str:
    """`content_id` of a text whose `normalize()` form the caller already has."""
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]

"""Find syndicated text: exact copies, edited (near) copies, and reused passages.

>>> index = CopyIndex()
>>> index.add(CopyDoc("a", None, "نص الخبر كما نشرته الوكالة صباح اليوم"))
()
>>> [(x.article, x.other, x.kind) for x in index.add(CopyDoc("b", None, "نصُّ الخبرِ كما نشرتهُ الوكالة صباح اليوم"))]
[('b', 'a', 'exact')]
"""

from rasd.copies.groups import canonical_of, copy_groups
from rasd.copies.index import CopyIndex
from rasd.copies.types import CopyConfig, CopyDoc, CopyLink, Kind, SpanPair

__all__ = ["CopyConfig", "CopyDoc", "CopyIndex", "CopyLink", "Kind", "SpanPair", "canonical_of", "copy_groups"]

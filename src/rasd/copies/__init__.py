"""Find syndicated text: exact copies, edited (near) copies, and reused passages.

`CopyIndex.add(doc)` (or `add_many(docs)`, the same links computed in bulk) returns the new
article's links to articles added before; `copy_groups(links)` joins exact and near links
into groups and `canonical_of` names a group's source: the earliest published.

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

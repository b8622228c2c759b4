"""Entities of a plain text, paragraph by paragraph (one paragraph a line), as `extract` reads an
article's kept paragraphs: the same finders and one context for the whole text, so a surname
after a full name and a bare institution after its country resolve as they do in an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.extract.entities import Context, find_mentions
from rasd.extract.people import People
from rasd.extract.types import Mention
from rasd.names.gazetteer import find_names

if TYPE_CHECKING:
    from rasd.extract.tagger import Tagger


def text_mentions(text: str, people: People | None = None, tagger: Tagger | None = None) -> tuple[Mention, ...]:
    """Mentions in `text`, with spans into it. `people` carries names learned from earlier texts; with a
    `tagger` (`rasd.extract.tagger`) the named mentions are the tagger's, the rules' being its features.

    >>> [(m.type, m.surface) for m in text_mentions("وصل الوفد إلى القاهرة.\\nوقال وزير الخارجية المصري سامح شكري")]
    [('GPE', 'القاهرة'), ('PER', 'سامح شكري')]
    """
    ctx = Context(people=people.for_article() if people is not None else People())
    out: list[Mention] = []
    memory = None
    if tagger is not None:
        from rasd.extract.tagger import Memory, tag_paragraph

        memory = Memory()
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            hits = find_names(line)
            found = find_mentions(line, pos, hits, ctx)
            if tagger is not None:
                found = tag_paragraph(tagger, line, hits, found, pos, memory)
            out.extend(found)
        pos += len(line) + 1
    return tuple(out)

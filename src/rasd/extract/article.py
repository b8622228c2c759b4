"""The extraction stage for one article: entities, claims and their facts, paragraph by paragraph.

Offsets index `Article.raw`. Only kept paragraphs are read, so boilerplate and repeated
paragraphs yield nothing. The time of a claim is the day a time expression inside it resolves
to ("اليوم الأحد"), else the article's publication day, else unknown.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from rasd.extract.claims import Speaker, attribute
from rasd.extract.entities import Context, find_mentions
from rasd.extract.people import People
from rasd.extract.tagger import Memory, Tagger, for_claims, tag_paragraph
from rasd.extract.tokens import tokenize
from rasd.extract.types import Claim, Fact, Mention
from rasd.model import Article, Precision, Span, TimeRef
from rasd.names.gazetteer import GazetteerHit, find_names

WINDOW = 20_000  # characters: longer paragraphs are read in pieces (see `windows`)
FactFinder = Callable[[str, int, list[GazetteerHit]], list[Fact]]


@dataclass(frozen=True, slots=True)
class Extraction:
    article: str
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for c in self.claims for f in c.facts)


def _shift_fact(f: Fact, base: int) -> Fact:
    return replace(f, start=f.start + base, end=f.end + base)


def _shift_claim(c: Claim, base: int) -> Claim:
    return replace(
        c, start=c.start + base, end=c.end + base,
        verb_start=None if c.verb_start is None else c.verb_start + base,
        verb_end=None if c.verb_end is None else c.verb_end + base,
        quotes=tuple((a + base, b + base) for a, b in c.quotes),
        facts=tuple(_shift_fact(f, base) for f in c.facts),
    )  # fmt: skip


def _claim_time(c: Claim, refs: tuple[TimeRef, ...], published: str | None) -> str | None:
    """When the claim was made; for a figure the outlet states itself, the time it is about
    ("أودت بحياة 30 ألف شخص" in a sentence on the 1990s is about 1990/1999, not the publication day)."""
    if c.verb is None and c.facts:
        before = [r for r in refs if c.start <= r.span.start < c.facts[0].start and r.value]
        if before:
            return before[-1].value
    for r in refs:
        if c.start <= r.span.start < c.end and r.value and r.precision in (Precision.DAY, Precision.MINUTE):
            return r.value[:10]
    return published


def _facts() -> FactFinder:
    from rasd.extract.facts import find_facts

    return find_facts


def extract(article: Article, fact_finder: FactFinder | None = None, people: People | None = None,
            tagger: Tagger | None = None) -> Extraction:
    """Entities and claims of an article, with spans into its raw text. `people` holds the names learned
    from earlier articles (and learns this one's); with a `tagger` (`rasd.extract.tagger`) the named
    mentions are the trained model's, the rules' mentions being among its features."""
    find_facts = fact_finder or _facts()
    ctx = Context(people=people.for_article() if people is not None else People())
    speaker = Speaker(None, None)
    memory = Memory()  # the tagger's surnames of this article
    mentions: list[Mention] = []
    claims: list[Claim] = []
    published = article.published.value.date().isoformat() if article.published else None
    refs = sorted(article.time_refs, key=lambda r: r.span.start)
    starts = [r.span.start for r in refs]
    pieces = [(p, find_names(article.raw[p.start : p.end]))
              for q in article.paragraphs for p in windows(article.raw, q)]
    ctx.article_country = article_country([find_names(article.title or ""), *(h for _, h in pieces)])
    for p, hits in pieces:
        para = article.raw[p.start : p.end]
        t = tokenize(para)  # once: entities and claims read the same tokens
        found = find_mentions(para, 0, hits, ctx, t)
        speakers = found
        if tagger is not None:
            tagged = tag_paragraph(tagger, para, hits, found, 0, memory, t)
            found, speakers = tagged, for_claims(tagged, found)
        para_claims, speaker = attribute(t, speakers, find_facts(para, 0, hits), speaker)
        mentions.extend(replace(m, start=m.start + p.start, end=m.end + p.start) for m in found)
        near = tuple(refs[bisect_left(starts, p.start) : bisect_left(starts, p.end)])  # the refs inside it
        for c in para_claims:
            shifted = _shift_claim(c, p.start)
            claims.append(replace(shifted, time=_claim_time(shifted, near, published)))
    return Extraction(article.id, tuple(mentions), tuple(claims))


def article_country(hits: Iterable[list[GazetteerHit]]) -> str | None:
    """The country an article is about: the one its title and text name most (a country, its nisba or
    one of its cities), if named at least twice and more than any other. A bare institution named
    before any country ("قالت الشرطة") is that country's."""
    seen: Counter[str] = Counter()
    for hs in hits:
        for h in hs:
            if h.type == "COUNTRY":
                seen[h.key] += 1
            elif h.type in ("CITY", "REGION") and h.country:
                seen[h.country] += 1
    top = seen.most_common(2)
    if not top or top[0][1] < 2 or (len(top) == 2 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


def windows(raw: str, p: Span, size: int = WINDOW) -> list[Span]:
    """`p` cut into pieces of at most about `size` characters, at a sentence end (else a space) near
    each cut: the claim and fact scanners compare things within a paragraph pairwise, so a
    paragraph of megabytes (a page with no line breaks) would take hours. Real paragraphs are far
    shorter than `size` and stay whole."""
    out: list[Span] = []
    start = p.start
    while p.end - start > size:
        limit = start + size
        cut = max(raw.rfind(".", start + size // 2, limit), raw.rfind("\n", start + size // 2, limit))
        cut = cut + 1 if cut >= 0 else raw.rfind(" ", start + size // 2, limit) + 1 or limit
        out.append(Span(start, cut))
        start = cut
    out.append(Span(start, p.end))
    return out

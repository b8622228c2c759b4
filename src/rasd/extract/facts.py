"""Numeric facts in one paragraph: a figure, the noun it counts, what happened to them and whose they are.

A figure (`rasd.arabic.numbers`) counts a noun written right after it ("16 جنديا", "2700 من عناصر",
"عشرات المواقع") or is a dual noun by itself ("مروحيتين"). People take their kind from the noun
(قتيل, جريح) or from the nearest event word (مقتل, إصابة, إجلاء...); equipment and places take an
action (تدمير, إسقاط, فقدان, السيطرة على). Whose they are comes from a nisba or country after the noun
phrase ("أذربيجانية", "تابعة لسلاح الجو الأرميني") or before a loss verb ("أذربيجان فقدت").

>>> [(f.kind, f.value, f.qualifier) for f in find_facts("أسفر القصف عن مقتل 16 جنديا وإصابة أكثر من مئة آخرين")]
[('killed', 16, 'exact'), ('wounded', 100, 'more_than')]
>>> [(f.kind, f.value, f.subject) for f in find_facts("أسقطت الدفاعات طائرتين مروحيتين وثلاث طائرات مسيرة أذربيجانية")]
[('helicopter', 2, 'AZ'), ('drone', 3, 'AZ')]
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rasd.arabic.duals import dual_singulars
from rasd.arabic.normalize import NormView, normalize_with_offsets
from rasd.arabic.numbers import NumberMatch, Token, numbers_in, raw_span, tokenize
from rasd.extract.fact_words import (
    ACTION,
    AFTER_BARE,
    AMBIGUOUS_DUAL,
    DENY,
    DUAL_ADJ,
    FILLERS,
    OWN,
    PHRASES,
    POST_KIND,
    SINGLES,
    STOP,
    TOLL,
    TOWARDS,
    TURNOUT,
    Noun,
    cores,
    heads,
    lookup,
)
from rasd.extract.types import Fact
from rasd.names.gazetteer import GazetteerHit, canonical_key, find_names

_nisba_key = functools.lru_cache(maxsize=4096)(canonical_key)


@functools.lru_cache(maxsize=4096)
def _people_nisba(word: str) -> str | None:
    """The key of a word that is a nisba and nothing else (فلسطيني: PS; البي, a town, is not one)."""
    hits = find_names(word)
    return (
        hits[0].key if len(hits) == 1 and hits[0].form == "nisba" and hits[0].end - hits[0].start == len(word) else None
    )


@dataclass(slots=True)
class _Cand:
    kind: str
    cat: str
    value: int
    qualifier: str
    first: int  # token range of the whole fact
    last: int
    nstart: int  # normalized span
    nend: int
    action: str = ""
    subject: str | None = None
    side: str = ""
    value_max: int | None = None
    tail: int = 0  # token index after the noun phrase (where a nisba may follow)


def _verb(word: str) -> bool:
    """A dual or plural verb after its subject ("شخصين قتلا وأصيب"): not one of a pair of event nouns."""
    return word in POST_KIND and word.endswith("ا")


class _Paragraph:
    """One paragraph: its tokens and the lookups facts need."""

    def __init__(self, text: str, names: list[GazetteerHit] | None = None) -> None:
        self.names = names
        self.view: NormView = normalize_with_offsets(text)
        self.toks: Sequence[Token] = tokenize(self.view.norm)
        self.starts = [t.start for t in self.toks]
        self._hits: dict[int, tuple[str, bool]] | None = None  # by token index

    def text(self, k: int) -> str:
        return self.toks[k].text if 0 <= k < len(self.toks) and self.toks[k].kind != "sym" else ""

    def stop(self, k: int) -> bool:
        return not 0 <= k < len(self.toks) or self.toks[k].text in STOP

    def hit(self, k: int) -> tuple[str, bool] | None:
        """The gazetteer name (key, is a nisba) starting in token k; the paragraph is looked up once."""
        if self._hits is None:
            raw_starts = [self.view.offsets[t.start] for t in self.toks]
            self._hits = {
                bisect.bisect_right(raw_starts, h.start) - 1: (h.key, h.form == "nisba")
                for h in (find_names(self.view.raw) if self.names is None else self.names)
                if h.form == "nisba" or h.type in ("COUNTRY", "ORG")
            }
        return self._hits.get(k)

    def noun(self, k: int, conj: bool = True) -> tuple[Noun, int, bool] | None:
        """The noun phrase at token k: (noun, token after it, own). No `conj`: "3 وإصابة" counts nothing."""
        for c, own in heads(self.text(k), conj) if self.text(k) else ():
            for words, noun in PHRASES[c]:
                if all(self.text(k + m) in (x, "ال" + x) for m, x in enumerate(words[1:], start=1)):
                    return noun, k + len(words), own
        return None

    def dual(self, k: int) -> tuple[Noun, int] | None:
        """A dual noun at token k (مروحيتين, طائرتين مروحيتين): (noun, token after it)."""
        w = self.text(k)
        for s in dual_singulars(w) if w.endswith(("ان", "ين")) else ():
            noun = SINGLES.get(s)
            if noun is None or (w.endswith("ين") and s in AMBIGUOUS_DUAL and not w.endswith(("تين", "تان"))):
                continue
            adj = next((DUAL_ADJ[a] for a in dual_singulars(self.text(k + 1)) if a in DUAL_ADJ), None)
            return (Noun("equipment", adj, False), k + 2) if adj and noun.cat == "equipment" else (noun, k + 1)
        return None

    def nisba(self, k: int, dual: bool = False) -> str | None:
        """The country of a nisba counting people at token k: "43 فلسطينيا", "فلسطينيين"; with `dual`
        only the nominative dual "فلسطينيان" (the oblique dual is spelled as the plural)."""
        w = self.text(k)
        endings = ("يان",) if dual else ("يا", "يين", "يون")
        for e in endings:
            if w.endswith(e) and len(w) > len(e) + 2 and (key := _people_nisba(w[: -len(e)] + "ي")):
                return key
        return None

    def back(self, k: int, table: str, span: int = 12) -> tuple[str, int] | None:
        """The nearest event or action word before token k in the same sentence."""
        for j in range(k - 1, max(-1, k - 1 - span), -1):
            if self.stop(j):
                return None
            if self.text(j) and (found := lookup(self.text(j), table)):
                return found, j
        return None

    def counted_as(self, k: int) -> str | None:
        """The kind a phrase after a figure gives: "قتلوا", "في عداد المفقودين"."""
        for j in range(k, min(k + 3, len(self.toks))):
            if self.text(j) in POST_KIND:
                return POST_KIND[self.text(j)]
            if self.text(j) == "عداد" and (found := self.noun(j + 1)) is not None and found[0].cat == "people":
                return found[0].kind or None
        return None

    def people_kind(self, c: _Cand, noun: Noun | None) -> str | None:
        """From the noun (قتيل), a verb after it (قتلوا), or the nearest event before it ("مقتل وجرح")."""
        if noun is not None and noun.kind not in ("", "others"):
            return noun.kind
        if (after := self.counted_as(c.tail)) is not None:
            return after
        got = self.back(c.first, "event")
        if got is None:
            return "" if noun is not None and noun.kind == "others" else None
        kind, j = got
        pair = {
            kind,
            lookup(self.text(j - 1), "pair") if self.text(j).startswith("و") and not _verb(self.text(j - 1)) else None,
        }
        pair.add(lookup(self.text(j + 1), "pair") if self.text(j + 1).startswith("و") else None)
        return "casualties" if {"killed", "wounded"} <= pair else kind

    def subject_after(self, k: int) -> str | None:
        """A nisba or country within a few words after token k ("أذربيجانية", "تابعة لسلاح الجو الأرميني")."""
        for j in range(k, min(k + 6, len(self.toks))):
            h, w = self.hit(j), self.text(j)
            if h is not None and (h[1] or j == k or w.startswith("ل") or self.text(j - 1) in ("من", "تابعه")):
                return h[0]
            if h is None and j == k and w.endswith("يا") and (key := _nisba_key(w[:-1])):
                return key  # an accusative nisba the gazetteer does not list: "جنديا أذربيجانيا"
            if not w or not any(c in FILLERS for c in cores(w)):
                return None
        return None

    def subject_before(self, act: int, first: int) -> str | None:
        """Whose loss: a name just before a loss verb or between it and the figure ("أذربيجان فقدت")."""
        hits = (self.hit(j) for j in (*range(act + 1, first), *range(act - 1, max(-1, act - 5), -1)))
        return next((h[0] for h in hits if h is not None), None)


def _fill(p: _Paragraph, c: _Cand, noun: Noun | None, own: bool) -> _Cand | None:
    """Kind, action, subject, side and a trailing qualifier of a candidate, or None when it is not a fact."""
    if c.cat == "people":
        kind = p.people_kind(c, noun)
        if kind is None:
            return None
        c.kind = kind
    else:
        got = p.back(c.first, "action")
        if got is None and p.text(c.tail) in ACTION:  # "3 دبابات دمرت"
            got = ACTION[p.text(c.tail)], c.tail
        action = got[0] if got else ""
        if c.cat == "place":
            action = {"captured": "taken", "launched": "", "downed": ""}.get(action, action)
        elif c.cat == "equipment" and action == "taken":
            action = "captured"
        if (noun is not None and noun.bare and not action) or (c.kind == "settlement" and action != "taken"):
            return None
        if c.kind == "building" and action not in ("destroyed", "damaged"):
            return None
        c.action = action if c.cat != "election" else ""
        c.subject = p.subject_before(got[1], c.first) if got and action == "lost" else None
    c.subject = p.subject_after(c.tail) or c.subject
    own = own or any(w in OWN for j in range(c.tail, c.tail + 4) for w in cores(p.text(j)) if w)
    c.side = "own" if own else ""
    for j in range(c.tail, c.tail + 4) if c.qualifier == "exact" else ():
        if not p.text(j) or p.toks[j].kind == "num" or lookup(p.text(j), "event"):
            break  # "قتلوا 7 أشخاص وأصابوا 4 على الأقل": the next figure's qualifier is its own
        if p.text(j) == "تقريبا" or (p.text(j), p.text(j + 1)) == ("علي", "الاقل"):  # "16 جنديا أرمينيا على الأقل"
            c.qualifier = "about" if p.text(j) == "تقريبا" else "at_least"
            break
    return c


def _from_number(p: _Paragraph, m: NumberMatch) -> _Cand | None:
    """The fact a figure gives, if any."""
    if m.year_like or m.date_part or m.value < 0:
        return None
    first, last = (bisect.bisect_right(p.starts, n) - 1 for n in (m.norm_start, m.norm_end - 1))
    vmax = int(m.value_max + 0.5) if m.value_max is not None else None
    c = _Cand("", "", int(m.value + 0.5), m.qualifier, first, last, m.norm_start, m.norm_end, value_max=vmax)
    c.tail = last + 1
    if m.percent:
        cues = (w for j in range(max(0, first - 8), first) if not p.stop(j) for w in cores(p.text(j)))
        return replace(c, kind="turnout", cat="election") if any(w in TURNOUT for w in cues) else None
    found = p.noun(last + 2 if p.text(last + 1) == "من" else last + 1, conj=False)
    if found is None and m.words and m.value in (1, 2) and (before := _before_number(p, c)) is not None:
        return before  # "طائرة واحدة", "مدنيين اثنين"
    if found is None and (key := p.nisba(last + 1)) is not None:  # "43 فلسطينيا"
        found = Noun("people", "", True), last + 2, False
        c.subject = key
    if found is None:
        return _bare(p, c)
    noun, end, own = found
    if noun.cat == "place" and p.text(first - 1) == "من":
        return None  # "من 16 قرية": where they came from
    c.kind, c.cat, c.last, c.tail, c.nend = noun.kind, noun.cat, end - 1, end, p.toks[end - 1].end
    return _fill(p, c, noun, own)


def _before_number(p: _Paragraph, c: _Cand) -> _Cand | None:
    """A noun written before واحد or اثنان, which follow what they count ("مدنيين اثنين")."""
    for k in range(max(0, c.first - 3), c.first):  # the longest phrase first: "طائرة مسيرة واحدة"
        found, d = p.noun(k), p.dual(k)
        if found is not None and found[1] == c.first and (not found[0].plural or c.value == 2):
            noun = found[0]
        elif d is not None and d[1] == c.first:
            noun = d[0]
        else:
            continue
        return _fill(p, replace(c, kind=noun.kind, cat=noun.cat, first=k, nstart=p.toks[k].start), noun, False)
    return None


def _bare(p: _Paragraph, c: _Cand) -> _Cand | None:
    """A figure with no noun after it: "مقتل 3 وإصابة 10", "عدد القتلى 30"."""
    for k in range(c.first - 1, max(-1, c.first - 4), -1):
        found = p.noun(k)
        if found and found[0].cat == "people" and found[0].kind and p.text(k - 1) in TOLL:
            return _fill(p, replace(c, cat="people", first=k, nstart=p.toks[k].start), found[0], False)
    if p.text(c.first - 1) == TOWARDS and (p.stop(c.last + 1) or not p.text(c.last + 1)):
        for k in range(c.first - 2, max(-1, c.first - 14), -1):
            if p.stop(k):
                break
            found = p.noun(k)
            if found and found[0].cat == "people":  # the nearest counted noun, after a toll word
                toll = any(p.text(j) in TOLL for j in range(max(0, k - 8), k))
                return _fill(p, replace(c, cat="people"), found[0], False) if found[0].kind and toll else None
    after, prev = c.last + 1, p.text(c.first - 1)
    ok = p.stop(after) or not p.text(after) or p.text(after).startswith("و") or p.text(after) in AFTER_BARE
    if (ok and prev and lookup(prev, "event")) or p.counted_as(after):
        return _fill(p, replace(c, cat="people"), None, False)
    return None


def _single(p: _Paragraph, k: int, covered: set[int]) -> _Cand | None:
    """A dual noun (مروحيتين: 2) or a singular thing governed by a destroy/down verb (طائرة: 1)."""
    d = p.dual(k)
    if d is None and p.dual(k - 1) is None and (key := p.nisba(k, dual=True)) is not None:  # "قتل فلسطينيان"
        c = _Cand("", "people", 2, "exact", k, k, p.toks[k].start, p.toks[k].end, subject=key, tail=k + 1)
        return _fill(p, c, Noun("people", "", False), False)
    found = p.noun(k) if d is None else (d[0], d[1], False)
    if found is None or (found[0].cat == "place" and p.text(k - 1) == "من"):
        return None
    noun, end, _ = found
    if d is not None and noun.cat == "people" and p.text(k).removeprefix("و").startswith(("ال", "لل")):
        return None  # "أحد الشابين": the two already counted, named again
    if d is None:  # a singular: only right after a verb acting on it, with no other figure between
        if noun.plural or noun.cat != "equipment":
            return None
        got = p.back(k, "action", span=4)
        if got is None or got[0] not in ("destroyed", "downed", "lost", "captured"):
            return None
        if p.text(k).startswith(("ال", "وال")) and not any(
            p.text(j).removeprefix("و") in DENY for j in range(max(0, got[1] - 6), got[1])
        ):
            return None  # "إسقاط المروحية" names one only in a denial of it ("ونفت ... إسقاط المروحية")
        if any(j in covered or p.toks[j].kind == "num" for j in range(got[1], k)):
            return None
    c = _Cand(noun.kind, noun.cat, 2 if d else 1, "exact", k, end - 1, p.toks[k].start, p.toks[end - 1].end, tail=end)
    return _fill(p, c, noun, False)


def _link(p: _Paragraph, facts: list[_Cand]) -> None:
    """A nisba after the last item of a coordinated list applies to every item."""
    for a, b in reversed(list(itertools.pairwise(facts))):
        gap = [p.toks[j].text for j in range(a.last + 1, b.first)]
        joined = gap in ([], ["و"], ["،"], ["،", "و"]) and (gap or p.toks[b.first].text.startswith("و"))
        if joined and a.subject is None and b.subject is not None and a.cat == b.cat:
            a.subject = b.subject


def find_facts(text: str, base: int = 0, names: list[GazetteerHit] | None = None) -> list[Fact]:
    """Numeric facts of one paragraph, sorted by start; offsets are into `text` plus `base`.
    `names`: `find_names(text)` when the caller has it already (the paragraph is then not scanned again)."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in text):
        return []
    p = _Paragraph(text, names)
    cands: list[_Cand] = []
    people = ""  # the kind of the last people fact, for "آخرين" with no event word of its own
    for m in numbers_in(p.view, p.toks):
        if (c := _from_number(p, m)) is not None:
            c.kind = c.kind or (people if c.cat == "people" else "")
            people = c.kind if c.cat == "people" else people
            cands.append(c)
    covered = {j for c in cands for j in range(c.first, c.last + 1)}
    for k, t in enumerate(p.toks):
        maybe = t.kind == "word" and (heads(t.text, True) or t.text.endswith(("ان", "ين")))
        if maybe and k not in covered and (k == 0 or p.toks[k - 1].kind != "num"):
            cands += [c] if (c := _single(p, k, covered)) is not None else []
    kept: list[_Cand] = []
    for c in sorted((c for c in cands if c.kind), key=lambda c: (c.nstart, -c.nend)):
        if not kept or c.nstart >= kept[-1].nend:
            kept.append(c)
    _link(p, kept)
    spans = [raw_span(p.view, c.nstart, c.nend) for c in kept]
    return [
        Fact(c.kind, c.value, c.qualifier, s + base, e + base, text[s:e], c.action, c.subject, c.side, c.value_max)
        for c, (s, e) in zip(kept, spans, strict=True)
    ]

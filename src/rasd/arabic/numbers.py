"""Figures as Arabic news writes them: digits and number words, qualifiers, ranges, with spans.

`find_numbers` takes raw text; it folds it itself (`normalize_with_offsets`: hamza forms,
harakat, tatweel, Eastern digits) and maps every span back to the raw text.

>>> [(m.value, m.qualifier, m.surface) for m in find_numbers("مقتل 16 جنديا وإصابة أكثر من مئة آخرين")]
[(16, 'exact', '16'), (100, 'more_than', 'أكثر من مئة')]
>>> [(m.value, m.surface) for m in find_numbers("إجلاء نحو سبعة آلاف شخص وخمسة وعشرين طفلاً")]
[(7000, 'نحو سبعة آلاف'), (25, 'خمسة وعشرين')]
>>> [(m.value, m.value_max, m.qualifier) for m in find_numbers("بين 10 و20 ألفا")]
[(10000, 20000, 'range')]
>>> find_numbers("يوم الثلاثاء، قال أحد الجنود")
[]
>>> "مروحيه" in dual_singulars("ومروحيتين"), dual_singulars("جنديين")
(True, ('جندي',))
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rasd.arabic.dates import MONTHS, find_dates
from rasd.arabic.normalize import NormView, normalize, normalize_with_offsets

Num = int | float


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A figure found in a text; `start`/`end` index that raw text and cover the qualifier words."""

    start: int
    end: int
    value: Num  # the figure; the lower bound of a range; 10 for عشرات, 1000 for آلاف ...
    qualifier: str  # exact, more_than, at_least, about, less_than, up_to, vague, range
    value_max: Num | None
    surface: str
    percent: bool = False  # "20%", "20 بالمئة"
    year_like: bool = False  # a year: "عام 1988", "في 2020", or the year of a date
    date_part: bool = False  # inside a date expression ("28 سبتمبر 2020")
    words: bool = False  # written at least partly in words
    norm_start: int = 0  # the same span in the normalized text scanned
    norm_end: int = 0


class Token(NamedTuple):
    """A word, a run of digits or a punctuation mark of normalized text."""

    kind: str  # "word", "num" or "sym"
    text: str
    start: int
    end: int


_TOKEN = re.compile(r"(?P<num>\d+(?:[.,٫٬]\d+)*)|(?P<word>[^\W\d_]+)|(?P<sym>[^\s\w])")
# Digits that are not counts: times, dates, phone numbers, links, codes glued to Latin letters.
_JUNK = re.compile(r"\d+(?:[/:]\d+)+|\d+(?:-\d+){2,}|\+\d+(?:[ -]?\d+)*|(?:https?://|www\.)\S+|[a-z]\d+|\d+[a-z]")
_SEP = re.compile(r"[.,٫٬]")


def tokenize(norm: str) -> list[Token]:
    """Tokens of normalized text, in order."""
    return [Token(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]


def _n(words: str) -> list[str]:
    return normalize(words).split()


# kind, value: unit 0-10, teen1 (first word of 11/12 only), tens, hund, scale, scale2 (a dual), vague.
_WORDS = """
unit 0:صفر|unit 1:واحد واحدة|unit 2:اثنان اثنين اثنتان اثنتين ثنتان ثنتين|unit 3:ثلاث ثلاثة|unit 4:أربع أربعة
unit 5:خمس خمسة|unit 6:ست ستة|unit 7:سبع سبعة|unit 8:ثمان ثماني ثمانية|unit 9:تسع تسعة|unit 10:عشر عشرة|teen1 1:أحد إحدى
teen1 2:اثنا اثني اثنتا اثنتي|hund 100:مئة مائة|hund 200:مئتان مئتين مئتي مئتا مائتان مائتين مائتي مائتا
scale 1000:ألف ألفا|scale 1000000:مليون مليونا|scale 1000000000:مليار مليارا بليون بليونا
scale2 2000:ألفان ألفين ألفي|scale2 2000000:مليونان مليونين مليوني|scale2 2000000000:ملياران مليارين ملياري
vague 3:بضع بضعة|vague 10:عشرات|vague 100:مئات|vague 1000:آلاف ألوف|vague 1000000:ملايين|vague 1000000000:مليارات
"""
_LEX: dict[str, tuple[str, Num]] = {
    w: (kv.split()[0], int(kv.split()[1]))
    for e in re.split(r"[|\n]", _WORDS.strip())
    for kv, ws in [e.split(":")]
    for w in _n(ws)
}
for _v, _stem in enumerate(_n("عشر ثلاث أربع خمس ست سبع ثمان تسع"), start=2):
    _LEX.update((_stem + end, ("tens", _v * 10)) for end in ("ون", "ين"))
    _LEX.update((_stem + h, ("hund", _v * 100)) for h in ("ميه", "مايه", "يميه", "يمايه") if _v > 2)

_QUAL_CLITICS = ("", "و", "ف", "ب", "وب")
_FIRST = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل")  # proclitics on a number's first word
_BARE = ("",)
_AND = ("و",)
_NOT_NUMBERS = frozenset(_n("لست"))
_ORDINALS = frozenset(w + e for w in _n("حادي ثاني ثالث رابع خامس سادس سابع ثامن تاسع") for e in ("", "ه"))
_TEN_WORDS = frozenset(_n("عشر عشرة"))
_HUNDRED_WORDS = frozenset(_n("مئة مائة"))
_YEAR_CUES = frozenset(_n("عام العام سنة السنة في منذ عامي العامين مطلع أواخر أوائل نهاية بداية"))
_PERCENT_WORDS = frozenset(_n("بالمئة بالمائة % ٪"))
_MONTH_WORDS = frozenset(m.split()[0] for m in MONTHS)
_RISE = tuple(_n("ارتفع يرتفع ارتفاع زاد يزيد زيادة تراجع انخفض انخفاض قفز صعد"))


_Quals = dict[str, list[tuple[tuple[str, ...], str]]]


def _quals(spec: str, last: bool) -> _Quals:
    """Qualifier patterns, longest first, by their last word (before a figure) or first word (after it)."""
    out: _Quals = {}
    for q, ps in (line.split(":") for line in spec.strip().splitlines()):
        for pat in (tuple(_n(p)) for p in ps.split("|")):
            keys = [c + pat[0] for c in _QUAL_CLITICS] if last and len(pat) == 1 else [pat[-1] if last else pat[0]]
            for key in keys:
                out.setdefault(key, []).append((pat, q))
    for v in out.values():
        v.sort(key=lambda pq: -len(pq[0]))
    return out


_BEFORE = _quals("""
at_least:ما لا يقل عن|لا يقل عن|ما لا يقل على|على الأقل
more_than:أكثر من|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|أزيد من|ما يربو على|يربو على|ما يفوق|يفوق|ما يتجاوز|يتجاوز
about:نحو|حوالي|حوالى|قرابة|زهاء|ما يقارب|يقارب|ما يقرب من|يقرب من|ما يناهز|يناهز|تقريبا|في حدود
less_than:أقل من|ما دون|دون|ما يقل عن|يقل عن
up_to:ما يصل إلى|يصل إلى|تصل إلى|حتى
""", last=True)  # fmt: skip
_AFTER = _quals("about:تقريبا\nat_least:على الأقل|فأكثر|أو أكثر\nmore_than:ونيف", last=False)
_AFTER_NOUN = _quals("about:تقريبا\nat_least:على الأقل", last=False)


@functools.lru_cache(maxsize=8192)
def _lex(word: str, prefixes: tuple[str, ...]) -> tuple[str, Num, int] | None:
    """(kind, value, proclitic length) of a number word written with one of `prefixes`."""
    if word in _NOT_NUMBERS:
        return None
    for p in prefixes:
        rest = word[len(p) :] if word.startswith(p) else ""
        hit = _LEX.get(rest) or (_LEX.get(rest[2:]) if rest.startswith("ال") else None)
        if hit is not None and (rest in _LEX or hit[0] == "vague"):  # an article only on عشرات، آلاف...
            return hit[0], hit[1], len(p)
    return None


def _tidy(v: Num) -> Num:
    r = round(v, 6) if isinstance(v, float) else v
    return int(r) if isinstance(r, float) and r.is_integer() else r


def _digits(text: str, before_scale: bool) -> Num | None:
    """The value of a digit token: "2,700" and "2.700" are thousands, "2.5" and "٢٫٥" decimals."""
    parts, seps = _SEP.split(text), _SEP.findall(text)
    if (len(parts[0]) > 1 and parts[0][0] == "0") or len(parts[0]) > 12:
        return None  # phone numbers, codes
    if not seps:
        return int(text)
    grouped = all(len(p) == 3 for p in parts[1:])
    if len(set(seps)) == 1 and grouped and seps[0] != "٫" and not (seps[0] == "." and before_scale):
        return int("".join(parts))
    if len(seps) == 1:
        return float(f"{parts[0]}.{parts[1]}")
    if all(s in ",٬" for s in seps[:-1]) and seps[-1] in ".٫" and all(len(p) == 3 for p in parts[1:-1]):
        return float("".join(parts[:-1]) + "." + parts[-1])
    return None


@dataclass(slots=True)
class _Parsed:
    value: Num
    end: int  # token index after the figure
    words: bool
    scale: Num  # the last multiplier applied (1 when none)
    vague: bool = False


class _Scanner:
    """Parses figures over the tokens of one normalized text."""

    def __init__(self, view: NormView, toks: Sequence[Token]) -> None:
        self.view, self.toks = view, toks
        digits = any(t.kind == "num" for t in toks)
        self.junk = [m.span() for m in _JUNK.finditer(view.norm)] if digits else []
        self.dates = self.find_dates() if digits else []

    def word(self, j: int, prefixes: tuple[str, ...]) -> tuple[str, Num, int] | None:
        return _lex(self.toks[j].text, prefixes) if j < len(self.toks) and self.toks[j].kind == "word" else None

    def find_dates(self) -> list[tuple[int, int]]:
        """Spans of dates, looked for only around figures near a month name, a / or a - (fast)."""
        marks = (i for i, t in enumerate(self.toks) if t.text in _MONTH_WORDS or t.text in ("/", "-"))
        near = {j for i in marks for j in range(i - 3, i + 4)}
        norm = self.view.norm
        windows: list[list[int]] = []  # cut at spaces, merged when they overlap
        for i, t in enumerate(self.toks):
            if t.kind == "num" and i in near:
                end = norm.find(" ", t.start + 60)
                end = len(norm) if end < 0 else end
                if windows and t.start - 60 <= windows[-1][1]:
                    windows[-1][1] = end
                else:
                    windows.append([norm.rfind(" ", 0, max(0, t.start - 60)) + 1, end])
        return [(d.start + a, d.end + a) for a, b in windows for d in find_dates(norm[a:b])]

    def text(self, j: int) -> str:
        return self.toks[j].text if 0 <= j < len(self.toks) else ""

    def after_and(self, j: int) -> tuple[int, tuple[str, ...]] | None:
        """Where the next part starts after a conjunction و at token j, and its allowed proclitics."""
        w = self.text(j) if j < len(self.toks) and self.toks[j].kind == "word" else ""
        if w == "و":
            return (j + 1, _BARE) if j + 1 < len(self.toks) and self.toks[j + 1].kind != "sym" else None
        return (j, _AND) if w.startswith("و") else None

    def below100(self, j: int, prefixes: tuple[str, ...]) -> tuple[Num, int] | None:
        """A part under a hundred after و: a word number, or digits."""
        if prefixes == _BARE and j < len(self.toks) and self.toks[j].kind == "num":
            v = _digits(self.toks[j].text, False)
            return (v, j + 1) if v is not None and v < 100 else None
        got = self.below1000(j, prefixes)
        return got if got is not None and got[0] < 100 else None

    def below1000(self, j: int, prefixes: tuple[str, ...]) -> tuple[Num, int] | None:
        e = self.word(j, prefixes)
        if e is None:
            return None
        kind, v, _ = e
        nxt = self.text(j + 1)
        if (kind == "teen1" or (kind == "unit" and 2 <= v <= 9)) and nxt in _TEN_WORDS:
            return v + 10, j + 2
        if kind == "unit" and 3 <= v <= 9 and nxt in _HUNDRED_WORDS:
            kind, v, j = "hund", v * 100, j + 1
        if kind == "hund":
            more = self.after_and(j + 1)
            rest = self.below100(*more) if more else None
            return (v + rest[0], rest[1]) if rest else (v, j + 1)
        if kind == "unit":
            more = self.after_and(j + 1) if v <= 9 else None
            e2 = self.word(*more) if more else None
            if more and e2 and e2[0] == "tens":
                return v + e2[1], more[0] + 1
            return v, j + 1
        return (v, j + 1) if kind == "tens" else None

    def part(self, j: int, prefixes: tuple[str, ...]) -> _Parsed | None:
        """A group under a thousand (or digits) with the multiplier after it: "سبعة آلاف", "2.5 مليون"."""
        t = self.toks[j]
        e = self.word(j, prefixes)
        if e is not None and e[0] in ("scale", "scale2"):  # ألف، مليونين، "مليونا شخص" (a dual in construct)
            base = e[1] // 2 if e[0] == "scale2" else e[1]
            return _Parsed(base * 2 if e[0] == "scale2" or t.text.endswith("ا") else base, j + 1, True, base)
        if t.kind == "num":
            nxt = self.word(j + 1, _BARE)
            v = _digits(t.text, nxt is not None and nxt[0] == "scale")
            got = None if v is None else (v, j + 1)
        else:
            got = self.below1000(j, prefixes)
        if got is None:
            return None
        v, k = got
        e = self.word(k, _BARE)
        if e is not None and (e[0] == "scale" or (e[0] == "vague" and e[1] >= 1000)):
            return _Parsed(_tidy(v * e[1]), k + 1, True, e[1])
        return _Parsed(v, k, t.kind == "word", 1)

    def number(self, i: int, prefixes: tuple[str, ...]) -> _Parsed | None:
        """The figure starting at token i: parts in descending order joined by و."""
        e = self.word(i, prefixes)
        if e is not None and e[0] == "vague":
            e2 = self.word(i + 1, _BARE)
            if e2 is not None and e2[0] == "vague" and e2[1] >= 100 and e2[1] > e[1]:
                return _Parsed(e[1] * e2[1], i + 2, True, e2[1], vague=True)
            return _Parsed(e[1], i + 1, True, 1, vague=True)
        total: Num = 0
        last: Num = float("inf")
        out: _Parsed | None = None
        j, pre = i, prefixes
        while j < len(self.toks):
            p = self.part(j, pre)
            if p is None or p.value >= last:
                break
            total = _tidy(total + p.value)
            out = _Parsed(total, p.end, p.words or (out is not None and out.words), p.scale)
            last = p.scale if p.scale > 1 else p.value
            more = self.after_and(p.end) if p.scale > 1 else None
            if more is None:
                break
            j, pre = more
        return out

    def before(self, i: int, patterns: _Quals) -> tuple[str, int] | None:
        """A qualifier written just before token i: (qualifier, its start in the normalized text)."""
        for pat, q in patterns.get(self.text(i - 1), ()):
            k = i - len(pat)
            words = tuple(self.text(j) if self.toks[j].kind == "word" else "" for j in range(max(k, 0), i))
            if k >= 0 and words[1:] == pat[1:]:
                c = next((c for c in _QUAL_CLITICS if words[0] == c + pat[0]), None)
                if c is not None:
                    return q, self.toks[k].start + len(c)
        return None

    def after(self, j: int, patterns: _Quals) -> tuple[str, int] | None:
        """A qualifier written from token j on: (qualifier, token index after it)."""
        for pat, q in patterns.get(self.text(j), ()):
            if all(self.text(j + m) == pat[m] for m in range(len(pat))):
                return q, j + len(pat)
        return None

    def rising(self, i: int) -> bool:
        """Whether a verb of change comes shortly before token i ("ارتفع العدد من 10 إلى 20")."""
        words = (self.text(k) for k in range(max(0, i - 6), i))
        return any(w.lstrip("وف").startswith(_RISE) for w in words)

    def range_end(self, i: int, x: _Parsed) -> tuple[Num, _Parsed] | None:
        """The bounds of "بين X و Y", "X إلى Y" or "X - Y" (X takes Y's multiplier: "بين 10 و20 ألفا")."""
        j = x.end
        y: _Parsed | None = None
        prev = self.text(i - 1).lstrip("و")
        if prev == "بين":
            more = self.after_and(j)
            y = self.number(*more) if more else None
        elif self.text(j) == "الي" and not self.rising(i):
            y = self.number(j + 1, _BARE)
        elif self.text(j) in ("-", "–") and not x.words:
            y = self.number(j + 1, _BARE) if self.text(j + 1).isdigit() else None
        if y is None or y.vague:
            return None
        low = _tidy(x.value * y.scale) if x.scale == 1 and x.value * y.scale < y.value else x.value
        return (low, y) if y.value > low else None

    def percent(self, j: int) -> int | None:
        """Token index after a percent sign or words right at token j, if any."""
        in_hundred = self.text(j) == "في" and self.text(j + 1) in ("الميه", "المايه")
        return j + 1 if self.text(j) in _PERCENT_WORDS else j + 2 if in_hundred else None

    def year_like(self, i: int, end: int, prev: NumberMatch | None) -> bool:
        """Whether tokens i..end follow a year word ("عام 1988", "عامي 2019 و2021") or read "2020م"."""
        w = self.text(i - 1)
        cue = w in _YEAR_CUES or (w[1:] in _YEAR_CUES and w[:1] in ("و", "ف", "ب", "ل"))
        after_year = prev is not None and prev.year_like and w == "و" and self.toks[i - 1].start <= prev.norm_end + 1
        return cue or after_year or self.text(end) in ("م", "ه")

    def match(self, i: int, prev: NumberMatch | None) -> tuple[NumberMatch, int] | None:
        """The figure starting at token i with its qualifier, and the token index after it."""
        t, toks = self.toks[i], self.toks
        if t.kind == "num" and any(a <= t.start < b for a, b in self.junk):
            return None
        e = _lex(t.text, _FIRST) if t.kind == "word" else None
        if e is not None and e[:2] == ("unit", 10) and self.text(i - 1).lstrip("و").removeprefix("ال") in _ORDINALS:
            return None  # الحادي عشر، الثاني عشر
        x = self.number(i, _FIRST)
        if x is None:
            return None
        nstart, value, qualifier, value_max, end = t.start + (e[2] if e else 0), x.value, "exact", None, x.end
        rng = None if x.vague else self.range_end(i, x)
        if x.vague:
            qualifier = "vague"
        elif rng is not None:
            value, value_max, end, qualifier = rng[0], rng[1].value, rng[1].end, "range"
            if self.text(i - 1).lstrip("و") == "بين":
                nstart = toks[i - 1].start + toks[i - 1].text.startswith("و")
        pct = self.percent(end)
        end = end if pct is None else pct
        if qualifier == "exact":
            if (got := self.before(i, _BEFORE)) is not None:
                qualifier, nstart = got
            elif (tail := self.after(end, _AFTER)) is not None:
                qualifier, end = tail
            elif (tail := self.after(end + 1, _AFTER_NOUN)) is not None:
                qualifier = tail[0]  # "16 جنديا على الأقل": the noun stays outside the span
        nend = toks[end - 1].end
        in_date = any(a < nend and nstart < b for a, b in self.dates)
        bounds = (value,) if rng is None else (value, rng[1].value)
        year = not x.words and all(isinstance(v, int) and 1900 <= v <= 2100 for v in bounds)
        year = year and (in_date or rng is not None or self.year_like(i, x.end, prev))  # "بين 2003 و2008"
        start, stop = raw_span(self.view, nstart, nend)
        raw = self.view.raw[start:stop]
        pc = pct is not None
        return NumberMatch(start, stop, value, qualifier, value_max, raw, pc, year, in_date, x.words, nstart, nend), end


def raw_span(view: NormView, start: int, end: int) -> tuple[int, int]:
    """The raw span of a normalized span, with the harakat and tatweel written after its last letter."""
    a, b = view.to_raw(start, end)
    while b < len(view.raw) and (unicodedata.combining(view.raw[b]) or view.raw[b] == "\u0640"):
        b += 1
    return a, b


def numbers_in(view: NormView, toks: Sequence[Token]) -> list[NumberMatch]:
    """Figures in a normalized view whose tokens (`tokenize(view.norm)`) are given; spans are raw."""
    sc = _Scanner(view, toks)
    out: list[NumberMatch] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        skip = t.kind == "sym" or (t.kind == "word" and _lex(t.text, _FIRST) is None)
        got = None if skip else sc.match(i, out[-1] if out else None)
        out += [got[0]] if got else []
        i = got[1] if got else i + 1
    return out


def find_numbers(text: str) -> list[NumberMatch]:
    """Figures in raw text, in order, with spans into `text`."""
    view = normalize_with_offsets(text)
    return numbers_in(view, tokenize(view.norm))

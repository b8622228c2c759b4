"""A gazetteer of places and lasting actors, with spelling variants merged to one key.

Stories link events by the places and actors that outlast one happening (قره باغ, علييف,
مجموعة مينسك), not by generic words, so every spelling of a name must reach the same key:
قره باغ, قرة باغ, كاراباخ and Nagorno-Karabakh are all ``karabakh``; أذربيجان, الأذربيجانية
and Azerbaijan are all ``AZ``.

Sources, merged lazily on first use:
- countries: babel's CLDR names in Arabic and English, keyed by ISO 3166 code;
- ``data/places*.tsv`` and ``data/actors*.tsv``, curated for rasd. Each line is
  ``key<TAB>type<TAB>country<TAB>variant|variant|...``. A variant may start with a marker:
  ``~`` weak: a common word too (مالي "financial", حمص "chickpeas"), kept only after a cue word
  (في، مدينة، الرئيس...) or when the same document names its key or country unambiguously;
  ``^`` cue-only: kept only after a cue word (فتح "opened" for Fatah: حركة فتح is listed whole).
  Lines of type NISBA hold adjective stems for an existing key: a stem ending in ي yields its
  masculine, feminine, dual and plural forms (أرمني → أرمنية، أرمنيون، أرمنيين...); ``=`` marks a
  form taken literally (broken plurals such as أرمن، أتراك; English adjectives).
  Lines of type BLOCK list phrases that must not be read as names (القوة القاهرة is not Cairo).

Matching runs on normalized text (`rasd.arabic.normalize`: alef, hamza, ya and ta marbuta
forms folded, harakat dropped), token by token, with the leftmost-longest name winning and no
overlaps. The first token of a name may carry proclitics: و ف, then ب ل ك, then the article ال
(وبأذربيجان، للأرمن، والروسية); an article the name itself lacks is accepted only for a nisba
(الأرمنية), so الحماس ("the enthusiasm") is not Hamas. Later tokens must match exactly, separated
only by a space or a hyphen, so nothing matches inside a longer word (تركيز is not Turkey).
Latin names keep their case: a variant written in capitals (NATO) needs capitals in the text, a
capitalized one (Chad) a capital first letter, so "us" is never the United States.

A span covers the name with its article and without the conjunction or preposition before it
(وبالأردن → الأردن); in للـ forms, where the article's alef is elided, it covers the word from
the ل (وللأرمن → للأرمن).

Ambiguous names (one spelling, several keys: عمان is Oman and Amman, طرابلس is in Libya and in
Lebanon) are resolved in this order: harakat written in the text that match one reading (عُمان,
عمّان); then the document: the reading whose key or country the document names more often,
unambiguously; then the first-listed reading (countries first, then files in load order), so a
bare عمان with nothing else to go on is Oman.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

from rasd.arabic.normalize import NormView, normalize, normalize_with_offsets

# Babel territories that are not countries a news story happens in.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "XA", "XB", "QO"})

# Data files in load order (earlier files give the default reading of an ambiguous name).
_FILE_ORDER = (
    "places_countries.tsv",
    "places_regions.tsv",
    "places_cities.tsv",
    "places_nisba.tsv",
    "actors_orgs.tsv",
    "actors_people.tsv",
    "places_blocks.tsv",
)

_TOKEN = re.compile(r"[^\W_]+")
_GAP_CHARS = frozenset(" -\u2010\u2011\u2012\u2013")
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
_WEAKNESS = ("", "~", "^")
_CASES = ("", "title", "upper")
_NISBA_SUFFIXES = ("", "ة", "ين", "ون", "ان", "ات", "تان", "تين")

# Words that, right before a weak name, say it is a name (normalized, without clitics).
_PLACE_CUES = """
في الي من نحو داخل قرب بالقرب ضواحي ريف مدينه المدينه محافظه ولايه اقليم الاقليم منطقه بلده بلدات
جمهوريه دوله سلطنه مملكه عاصمه العاصمه شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي حدود مطار ميناء
"""
_ACTOR_CUES = """
الرئيس رئيس الزعيم زعيم الملك العاهل الامير ولي المشير الفريق الجنرال اللواء العقيد القائد قائد الوزير
وزير الوزراء الخارجيه الدفاع الحكومه السيد الشيخ نظيره نظيرها نظيريه المستشار حركه جماعه تنظيم حزب
ميليشيا ميليشيات مقاتلي عناصر قوات
"""


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    """A name found in a text: its key, what it names, and where it is in the raw text."""

    key: str  # ISO code for countries ("AZ"), a slug otherwise ("karabakh", "ilham_aliyev")
    type: str  # "COUNTRY", "CITY", "REGION", "WATER", "SITE", "PER", "ORG"
    country: str | None  # the country a place lies in or an actor belongs to, when one
    start: int  # [start, end) into the text given to find_names
    end: int
    surface: str  # text[start:end]
    form: str = "name"  # "name", or "nisba" for an adjective or people name (الأرمنية، الأرمن)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place or actor and every spelling the gazetteer knows for it."""

    key: str
    type: str
    country: str | None
    name_ar: str  # first Arabic spelling, for display
    name_en: str  # first Latin spelling, or "" when none
    variants: tuple[str, ...]  # as written in the sources, markers removed


@dataclass(frozen=True, slots=True)
class _Variant:
    """One normalized spelling of one entry, as the matcher sees it."""

    key: str
    form: str  # "name", "nisba", "both" (a name spelled like a nisba: أرمينية) or "block"
    weak: str  # "" strong, "~" needs a cue or evidence, "^" needs a cue
    case: str  # "" any, "title" capital first letter, "upper" all capitals (Latin names)
    marks: frozenset[str]  # harakat in the spelling as written, to pick a reading of an ambiguous name


@dataclass(frozen=True, slots=True)
class _Name:
    """A token sequence and the variants (one per key) spelled that way."""

    tokens: tuple[str, ...]
    variants: tuple[_Variant, ...]


@dataclass(frozen=True, slots=True)
class _Index:
    entries: Mapping[str, GazetteerEntry]
    by_first: Mapping[str, tuple[_Name, ...]]  # first token -> names, longest first
    cues: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Found:
    """A name matched in the text before ambiguity and weak names are resolved."""

    name: _Name
    variants: tuple[_Variant, ...]  # those whose case fits the text
    start: int  # raw offsets
    end: int
    cue: bool  # a cue word stands right before it
    article: bool  # the text has an article the name lacks (الأرمنية for أرمنية)


@dataclass(slots=True)
class _Builder:
    """Collects entries and spellings while the data is read (mutable; lives only inside `_index`)."""

    types: dict[str, str]
    countries: dict[str, str | None]
    written: dict[str, list[str]]
    spellings: dict[tuple[tuple[str, ...], str], _Variant]  # (tokens, key) -> variant


# ---------------------------------------------------------------- reading the data


def _tokens(norm: str) -> tuple[str, ...]:
    """The word tokens of normalized text."""
    return tuple(m.group() for m in _TOKEN.finditer(norm))


def _case_rule(spelling: str) -> str:
    """How a Latin spelling constrains case in the text ("" for Arabic and lower-case spellings)."""
    letters = [c for c in spelling if c.isalpha() and c.isascii()]
    if not letters:
        return ""
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "upper"
    return "title" if letters[0].isupper() else ""


def _marks(spelling: str) -> frozenset[str]:
    """The combining marks (harakat, shadda) written in a spelling."""
    return frozenset(c for c in spelling if unicodedata.combining(c))


def _add(b: _Builder, key: str, spelling: str, form: str = "name", weak: str = "") -> None:
    """Register one spelling of `key`; a weak marking anywhere makes that spelling weak."""
    toks = _tokens(normalize(spelling))
    if not toks:
        return
    if form != "block" and spelling not in b.written.setdefault(key, []):
        b.written[key].append(spelling)
    slot = (toks, key)
    old = b.spellings.get(slot)
    marks, case = _marks(spelling), _case_rule(spelling)
    if old is not None:
        weak = max(weak, old.weak, key=_WEAKNESS.index)  # the strictest marking wins
        form = form if form == old.form else "both"  # أرمينية: the country, or "Armenian" (fem.)
        marks |= old.marks
        case = min(case, old.case, key=_CASES.index)  # the most lenient spelling wins
    b.spellings[slot] = _Variant(key=key, form=form, weak=weak, case=case, marks=marks)


def _nisba_forms(stem: str) -> Iterator[str]:
    """Masculine, feminine, dual and plural forms of a nisba stem ending in ي (one or more words).

    In a multi-word stem every word takes the suffix, and later words may take the article:
    كوري جنوبي → كورية جنوبية، كوريون جنوبيون، كوري الجنوبي ...
    """
    words = stem.split()
    if not words or not all(normalize(w).endswith("ي") for w in words):
        yield stem
        return
    for suffix in _NISBA_SUFFIXES:
        inflected = [w + suffix for w in words]
        yield " ".join(inflected)
        if len(inflected) > 1:
            yield " ".join(inflected[:1] + ["ال" + w for w in inflected[1:]])


def _split_marker(variant: str) -> tuple[str, str]:
    """("~", "حمص") from "~حمص"; the marker is "" when there is none."""
    if variant[:1] in ("~", "^"):
        return variant[0], variant[1:].strip()
    return "", variant.strip()


def _data_lines(name: str) -> Iterator[list[str]]:
    """The split lines of one data file, without comments and blank lines."""
    path = resources.files("rasd") / "data" / name
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 4:
            raise ValueError(f"{name}: expected 4 tab-separated columns, got {line!r}")
        yield cols


def _data_files() -> list[str]:
    """Data files in load order: the known ones first, then any other places*/actors* file."""
    folder = resources.files("rasd") / "data"
    present = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tsv")) if folder.is_dir() else []
    extra = [n for n in present if n.startswith(("places", "actors")) and n not in _FILE_ORDER]
    return [*_FILE_ORDER, *extra]


def _load_babel(b: _Builder) -> None:
    """Country names from CLDR, Arabic and English; parenthesized qualifiers dropped."""
    from babel import Locale

    english = Locale("en").territories
    for code, ar_name in Locale("ar").territories.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        b.types[code] = "COUNTRY"
        b.countries[code] = code
        for spelling in (ar_name, english.get(code, "")):
            spelling = re.sub(r"\s*\(.*?\)", "", spelling).strip()
            if spelling:
                _add(b, code, spelling)


def _load_file(b: _Builder, name: str) -> None:
    """Entries, nisbas and blocked phrases from one data file."""
    for key, typ, country, variants in _data_lines(name):
        spellings = [v for v in (v.strip() for v in variants.split("|")) if v]
        if typ == "BLOCK":
            for v in spellings:
                _add(b, "-", v, form="block")
            continue
        if typ == "NISBA":
            if key not in b.types:
                raise ValueError(f"{name}: nisba for unknown key {key!r}")
            for v in spellings:
                weak, v = _split_marker(v)
                forms = [v[1:]] if v.startswith("=") else list(_nisba_forms(v))
                for f in forms:
                    _add(b, key, f, form="nisba", weak=weak)
            continue
        if key in b.types and b.types[key] != typ:
            raise ValueError(f"{name}: {key!r} is {b.types[key]} elsewhere, {typ} here")
        b.types[key] = typ
        b.countries[key] = country if country not in ("", "-") else b.countries.get(key)
        for v in spellings:
            weak, v = _split_marker(v)
            _add(b, key, v, weak=weak)


def _entries(b: _Builder) -> dict[str, GazetteerEntry]:
    """One entry per key, with display names picked from its spellings."""
    out: dict[str, GazetteerEntry] = {}
    for key, typ in b.types.items():
        written = b.written.get(key, [])
        arabic = [w for w in written if any("\u0600" <= c <= "\u06ff" for c in w)]
        latin = [w for w in written if w not in arabic]
        out[key] = GazetteerEntry(
            key=key,
            type=typ,
            country=b.countries.get(key),
            name_ar=arabic[0] if arabic else key,
            name_en=latin[0] if latin else "",
            variants=tuple(written),
        )
    return out


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    """Build the lookup once: babel countries, then the data files."""
    b = _Builder(types={}, countries={}, written={}, spellings={})
    _load_babel(b)
    for name in _data_files():
        _load_file(b, name)
    grouped: dict[tuple[str, ...], list[_Variant]] = {}
    for (toks, _key), variant in b.spellings.items():
        grouped.setdefault(toks, []).append(variant)
    by_first: dict[str, list[_Name]] = {}
    for toks, variants in grouped.items():
        # A blocked phrase is never a name, whatever else lists it.
        if any(v.form == "block" for v in variants):
            variants = [v for v in variants if v.form == "block"][:1]
        by_first.setdefault(toks[0], []).append(_Name(tokens=toks, variants=tuple(variants)))
    return _Index(
        entries=_entries(b),
        by_first={k: tuple(sorted(v, key=lambda n: -len(n.tokens))) for k, v in by_first.items()},
        cues=frozenset(normalize(_PLACE_CUES + _ACTOR_CUES).split()),
    )


# ---------------------------------------------------------------- matching


@functools.lru_cache(maxsize=1 << 16)
def _cores(word: str) -> tuple[tuple[str, int, bool], ...]:
    """Readings of a word without its proclitics, most literal first (cached: words repeat).

    Each is (core, characters of the word left out of the span, whether an article was removed):
    وبالأردن → الأردن, أردن (span keeps ال); للأرمن → الأرمن, أرمن (span from the first ل).
    """
    out = [(word, 0, False)]
    if not "\u0600" <= word[0] <= "\u06ff":
        return tuple(out)
    if word.startswith("ال") and len(word) > 3:
        out.append((word[2:], 0, True))
    for conj in _CONJ:
        for prep in _PREP:
            prefix = conj + prep
            if not prefix or not word.startswith(prefix):
                continue
            rest = word[len(prefix) :]
            if len(rest) < 2:
                continue
            out.append((rest, len(prefix), False))
            if rest.startswith("ال") and len(rest) > 3:
                out.append((rest[2:], len(prefix), True))
            if prep == "ل" and rest.startswith("ل") and len(rest) > 2:
                out.append(("ا" + rest, len(conj), False))
                out.append((rest[1:], len(conj), True))
    return tuple(out)


def _gap_ok(gap: str, prev: str) -> bool:
    """Only a space or a hyphen may separate the words of one name (a dot after a Latin initial)."""
    if not gap or len(gap) > 3:
        return False
    if prev.isascii() and len(prev) == 1 and gap.strip() in (".", ""):
        return all(c in _GAP_CHARS or c == "." for c in gap)
    return all(c in _GAP_CHARS for c in gap)


def _case_ok(case: str, surface: str) -> bool:
    """Whether the raw surface keeps the case a Latin spelling requires."""
    if not case:
        return True
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return False
    if case == "upper":
        return all(c.isupper() for c in letters)
    return letters[0].isupper()


def _strip_conj(word: str) -> str:
    """A word without a leading و or ف, for cue lookup."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A text, its normalized view, and the spans and strings of its word tokens."""

    text: str
    view: NormView
    spans: list[tuple[int, int]]
    words: list[str]


def _tokenize(text: str) -> _Tokens:
    view = normalize_with_offsets(text)
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(view.norm)]
    return _Tokens(text, view, spans, [view.norm[s:e] for s, e in spans])


def _sequence_ok(t: _Tokens, name: _Name, i: int) -> bool:
    """Whether the later tokens of `name` follow token i exactly, joined by a space or hyphen."""
    n = len(name.tokens)
    if i + n > len(t.words):
        return False
    for j in range(1, n):
        gap = t.view.norm[t.spans[i + j - 1][1] : t.spans[i + j][0]]
        if t.words[i + j] != name.tokens[j] or not _gap_ok(gap, t.words[i + j - 1]):
            return False
    return True


def _match_at(idx: _Index, t: _Tokens, i: int) -> _Found | None:
    """The longest name starting at token i whose spelling fits the text, or None.

    A name spelled without the article matches a word with one only as a nisba (الأرمنية), never
    as a name: الحماس is "the enthusiasm", not Hamas. Latin names must keep their case.
    """
    best: _Found | None = None
    best_len = 0
    for core, skip, article in _cores(t.words[i]):
        for name in idx.by_first.get(core, ()):
            n = len(name.tokens)
            if n <= best_len:
                break
            if not _sequence_ok(t, name, i):
                continue
            start, end = t.view.to_raw(t.spans[i][0] + skip, t.spans[i + n - 1][1])
            surface = t.text[start:end]
            fits = tuple(
                v for v in name.variants if _case_ok(v.case, surface) and not (article and v.form == "name")
            )
            if fits:
                prev = _strip_conj(t.words[i - 1]) if i else ""
                best, best_len = _Found(name, fits, start, end, prev in idx.cues, article), n
                break
    return best


def _scan(text: str, idx: _Index) -> list[_Found]:
    """Leftmost-longest matches over the tokens of `text`, before resolution."""
    t = _tokenize(text)
    found: list[_Found] = []
    i = 0
    while i < len(t.words):
        f = _match_at(idx, t, i)
        if f is None:
            i += 1
            continue
        found.append(f)
        i += len(f.name.tokens)
    return found


def _evidence(found: list[_Found], idx: _Index) -> Counter[str]:
    """How often the document names each key and country unambiguously and strongly."""
    seen: Counter[str] = Counter()
    for f in found:
        if len(f.variants) != 1 or f.variants[0].weak or f.variants[0].form == "block":
            continue
        entry = idx.entries[f.variants[0].key]
        seen[entry.key] += 1
        if entry.country and entry.country != entry.key:
            seen[entry.country] += 1
    return seen


def _choose(f: _Found, text: str, seen: Counter[str], idx: _Index) -> _Variant:
    """The reading of a found name: written harakat, then document evidence, then list order."""
    if len(f.variants) == 1:
        return f.variants[0]
    written = frozenset(c for c in text[f.start : f.end] if unicodedata.combining(c))
    if written:
        marked = [v for v in f.variants if v.marks and v.marks <= written]
        if marked:
            return max(marked, key=lambda v: len(v.marks))

    def score(v: _Variant) -> int:
        country = idx.entries[v.key].country
        return seen[v.key] + (seen[country] if country and country != v.key else 0)

    return max(f.variants, key=score)  # max keeps the first of equals: the first-listed reading


def _kept(v: _Variant, f: _Found, seen: Counter[str], idx: _Index) -> bool:
    """Whether a chosen reading stands: blocks never do, weak names need a cue or evidence."""
    if v.form == "block":
        return False
    if not v.weak or f.cue:
        return True
    if v.weak == "^":
        return False
    country = idx.entries[v.key].country
    return seen[v.key] > 0 or bool(country and seen[country] > 0)


def find_names(text: str) -> list[GazetteerHit]:
    """Places and lasting actors named in `text`, in order, with spans into `text`.

    >>> [(h.key, h.surface) for h in find_names("اشتباكات في قرة باغ بين القوات الأذربيجانية والأرمن")]
    [('karabakh', 'قرة باغ'), ('AZ', 'الأذربيجانية'), ('AM', 'الأرمن')]
    """
    if not text:
        return []
    idx = _index()
    found = _scan(text, idx)
    seen = _evidence(found, idx)
    hits: list[GazetteerHit] = []
    for f in found:
        v = _choose(f, text, seen, idx)
        if not _kept(v, f, seen, idx):
            continue
        entry = idx.entries[v.key]
        form = v.form if v.form != "both" else ("nisba" if f.article else "name")
        hits.append(GazetteerHit(entry.key, entry.type, entry.country, f.start, f.end, text[f.start : f.end], form))
    return hits


def canonical_key(name: str) -> str | None:
    """The key of a name given on its own (any spelling, nisba or clitic form), else None.

    >>> canonical_key("ناغورنو كاراباخ"), canonical_key("للأرمن"), canonical_key("تركيز")
    ('karabakh', 'AM', None)
    """
    idx = _index()
    t = _tokenize(name.strip())
    if not t.words:
        return None
    f = _match_at(idx, t, 0)
    if f is None or len(f.name.tokens) != len(t.words):
        return None
    v = _choose(f, name, Counter(), idx)
    return None if v.form == "block" else v.key


def entry(key: str) -> GazetteerEntry | None:
    """The entry for a key, with its display names and spellings."""
    return _index().entries.get(key)


def entries() -> Mapping[str, GazetteerEntry]:
    """Every entry, by key."""
    return _index().entries


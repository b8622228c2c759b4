"""What clustering compares: an article reduced to its day, weighted terms and named anchors.

- terms: lemmas (simplemma, then normalized) of the title and text without function words;
  title words count three times, so the headline steers the event;
- grams: character 4-grams inside words of normalized text, robust to spelling variants the
  lemmatizer does not know (الأرمنية / الأرمينية, transliterated names);
- names: gazetteer keys of places and lasting actors (قره باغ, قرة باغ and كاراباخ are one key),
  the anchors that carry a story across years;
- day: the publication day, and the days the article itself says things happened on;
- seen_day, for an article with no publication date: the day it says it was written on
  ("اليوم الاثنين", placed by the fetch or feed time), else the day of that time (`seen`);
- hints, for an article with no publication date, for clustering only (no year is invented
  and the article's `published` stays None): `hint_day`, the day of an "updated" date line
  ("آخر تحديث: 06-02-2023"), and `month_day`, the day and month of a yearless dateline
  ("صنعاء - 27 أغسطس (أ ف ب) -"), matched against event days modulo the year.

Everything is counted, not weighted: weights (IDF) come from the index that sees the corpus.
Grams are counted as ids in `GRAMS`, one numbering per process that every index shares, so no
index looks up hundreds of gram strings per article. Per-word work (lemmas, grams) is cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain, filterfalse

import numpy as np
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import DefaultDictionaryFactory
from simplemma.utils import normalize_token

from rasd.arabic.normalize import normalize, strip_marks
from rasd.arabic.relative import DAY_WORDS, TODAY
from rasd.cache import cached
from rasd.cache import read as cache_read
from rasd.cache import write as cache_write
from rasd.events.actions import title_actions
from rasd.events.vectors import Bag, Vocab
from rasd.model import Anchor, Article, Precision
from rasd.names.gazetteer import name_keys
from rasd.text.pubdate import SCORES, scan_dates
from rasd.text.timeref import FROM_SEEN

TITLE_WEIGHT = 3
LEAD_WORDS = 40  # content words of the body that make its lead (the head compares title and lead)
GRAM = 4
_WORD = re.compile(r"[^\W\d_]{2,}")
_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")

# Function words and reporting filler, normalized (written for rasd).
_STOP_TEXT = """
في من على إلى الى عن مع أن إن ان كان كانت يكون تكون قد لقد لم لن ما ماذا لا هذا هذه ذلك تلك هؤلاء
الذي التي الذين اللذين اللتين اللواتي هو هي هم هن نحن أنا أنت أنتم كما أو أم ثم حتى إذا اذا إذ لكن
بين بعد قبل عند خلال حول ضد دون عبر منذ نحو لدى غير سوى كل بعض أي أيضا أيضاً فقط كذلك حيث بينما
وقال وقالت قال قالت أضاف وأضاف أضافت وأضافت أكد وأكد أكدت أعلن وأعلن أعلنت أشار وأشار أشارت ذكر وذكر
ذكرت أفاد وأفاد أفادت وفق وفقا وفقاً بحسب حسب اليوم أمس غدا غداً الآن يوم الأحد الاثنين الثلاثاء
الأربعاء الخميس الجمعة السبت صباح مساء الماضي الماضية المقبل المقبلة الحالي الحالية عام العام سنة
يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان
أيار حزيران تموز آب أيلول تشرين الأول الثاني الأولى الثانية وكان وكانت وهو وهي وفي ومن وعلى وإلى
به بها له لها لهم فيه فيها منه منها عليه عليها إليه إليها بأن وأن وإن فإن لأن كما مما عما إلا الا
عدد عدة أكثر أقل وقد وما ولا ولم تم يتم جرى وذلك هناك هنا أمام وسط تحت فوق إثر جراء بشأن بسبب
"""
STOPWORDS = frozenset(normalize(_STOP_TEXT).split())
GRAMS = Vocab()  # character n-grams numbered once per process, shared by every index (so never looked up per article)


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """One article as clustering sees it."""

    id: str
    day: dt.date | None
    ref_days: tuple[dt.date, ...] = ()
    title: str | None = None
    source: str | None = None
    terms: dict[str, int] = field(default_factory=dict)
    grams: Mapping[str, int] = field(default_factory=dict)  # a Bag over GRAMS from `features`
    names: dict[str, int] = field(default_factory=dict)  # gazetteer key -> mentions
    name_types: dict[str, str] = field(default_factory=dict)  # gazetteer key -> type
    month_day: tuple[int, int] | None = None  # (month, day) of a yearless dateline, when `day` is None
    hint_day: dt.date | None = None  # the day of an "updated" date line, when `day` is None
    weekday: int | None = None  # Monday=0: the day an undated article names as its own ("اليوم الخميس")
    head: dict[str, int] = field(default_factory=dict)  # lemmas of the title (x TITLE_WEIGHT) and the lead
    seen_day: dt.date | None = None  # no publication date: its own weekday placed by `seen`, else seen's day
    actions: tuple[str, ...] = ()  # the title's key-action marks (`rasd.events.actions`)

    @property
    def when(self) -> dt.date | None:
        """The day clustering places the article on: published, else last updated, else the
        weekday it names as its own placed by the fetch time, else the fetch day."""
        return self.day or self.hint_day or self.seen_day


class _KeptDictionaries(DefaultDictionaryFactory):
    """simplemma's own dictionaries (the ones `simplemma.lemmatize` reads), decoded once and kept on
    disk (`rasd.cache`): decoding Arabic's 300k entries cost ~0.3 s at the start of every run."""

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        return cached(f"simplemma-{lang}", lambda: DefaultDictionaryFactory._get_dictionary_uncached(self, lang),
                      sources=(), dists=("simplemma",))  # fmt: skip


_DICTIONARIES = _KeptDictionaries()
_LEMMATIZER = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_DICTIONARIES))
_KNOWN = DictionaryLookupStrategy(_DICTIONARIES)


class _KeptLemmas:
    """Lemmas computed by earlier runs, kept on disk (`rasd.cache`, keyed by the code of rasd.events and
    rasd.arabic and simplemma's version): a run adding 100 articles meets ~17k distinct words, whose
    lemmas cost ~1 s of simplemma; at most `MAX_KEPT` are kept."""

    MAX_KEPT = 200_000
    _NAME, _SOURCES, _DISTS = "lemmas", ("arabic", "events"), ("simplemma",)

    def __init__(self) -> None:
        self.known: dict[str, str] | None = None
        self.new: dict[str, str] = {}

    def get(self, token: str) -> str:
        if self.known is None:
            found = cache_read(self._NAME, self._SOURCES, self._DISTS)
            self.known = found if isinstance(found, dict) else {}
        lem = self.known.get(token)
        if lem is None:
            lem = self.new[token] = _lemma(token)
        return lem

    def keep(self) -> None:
        if self.known is None or not self.new or len(self.known) >= self.MAX_KEPT:
            return
        self.known.update(self.new)
        self.new.clear()
        cache_write(self._NAME, self.known, self._SOURCES, self._DISTS)


_KEPT = _KeptLemmas()


def load_lemmatizer() -> None:
    """Load simplemma's dictionary and the kept lemmas now (a server, before its first request)."""
    _lemma("كتب")
    _KEPT.get("كتب")


def keep_lemmas() -> None:
    """Keep the lemmas this process computed for the next run (the end of `rasd run` calls it)."""
    _KEPT.keep()


@functools.lru_cache(maxsize=262_144)
def lemma(token: str) -> str:
    """Normalized lemma of one word as written (clitics and inflection removed where known)."""
    return _KEPT.get(token)


def _lemma(token: str) -> str:
    """`lemma`, computed: as `simplemma.lemmatize(token, lang="ar")` and `simplemma.is_known`, with the
    dictionary kept."""
    lem = _LEMMATIZER.lemmatize(token, "ar")
    norm = normalize(lem)
    if lem == token and _KNOWN.get_lemma(normalize_token(token), "ar") is None:  # unknown: strip a leading clitic
        for p in _PREFIXES:
            if norm.startswith(p) and len(norm) - len(p) >= 3:
                return norm[len(p):]
    return norm


@functools.lru_cache(maxsize=262_144)
def _content(word: str) -> str | None:
    """The lemma `words` keeps for a word as written, None for a function word (cached: words repeat)."""
    if normalize(word) in STOPWORDS:
        return None
    lem = _KEPT.get(word)
    return lem if len(lem) >= 2 and lem not in STOPWORDS else None


def words(text: str) -> list[str]:
    """Content words of `text` as lemmas, function words dropped."""
    return list(filter(None, map(_content, _WORD.findall(strip_marks(text)))))


@functools.lru_cache(maxsize=262_144)
def _gram_ids(token: str) -> tuple[int, ...]:
    """Ids in GRAMS of the n-grams of `token` padded with spaces, in order (cached: tokens repeat)."""
    padded = f" {token} "
    if len(padded) <= GRAM:
        return tuple(GRAMS.id_list((padded,)))
    return tuple(GRAMS.id_list(padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1)))


def letter_words(tokens: Iterable[str]) -> list[str]:
    """`_WORD.findall(norm)` from the word tokens of norm (`gazetteer_data.TOKEN`), most of which are letters only."""
    out: list[str] = []
    for tok in tokens:
        if tok.isalpha():
            if len(tok) >= 2:
                out.append(tok)
        else:  # digits or other numerals split it, or it is one
            out.extend(_WORD.findall(tok))
    return out


def char_grams(tokens: Iterable[str]) -> Bag:
    """Character n-grams of the tokens, counted over every occurrence, in order of first occurrence."""
    every = np.fromiter(chain.from_iterable(map(_gram_ids, tokens)), np.int64)
    return Bag.of(GRAMS, *GRAMS.tally(every)) if every.size else Bag(GRAMS)


def ref_days(article: Article) -> tuple[dt.date, ...]:
    """Days the article anchors to its own publication (اليوم، أمس، الأحد الماضي...)."""
    days = set()
    for ref in article.time_refs:
        if ref.anchor is Anchor.RELATIVE and ref.precision is Precision.DAY and ref.value:
            try:
                days.add(dt.date.fromisoformat(ref.value[:10]))
            except ValueError:
                continue
    return tuple(sorted(days))


def undated_hints(article: Article) -> tuple[dt.date | None, tuple[int, int] | None]:
    """For an article with no publication date: the day of its first "updated" date line, and
    the (month, day) of its best yearless publication date (dateline, date line, "اليوم ...",
    ranked as `describe` ranks dated ones). (None, None) for a dated article.
    """
    if article.published is not None:
        return None, None
    found = scan_dates(article.raw, article.paragraphs).candidates
    updated = [dt.date(c.year, c.month, c.day) for c in found
               if c.kind == "updated" and c.year is not None and c.day is not None]
    yearless = [c for c in found if c.kind in SCORES and c.year is None and c.day is not None]
    best = max(yearless, key=lambda c: (SCORES[c.kind], -c.span.start)) if yearless else None
    return (updated[0] if updated else None), (best.month, best.day) if best and best.day else None


def own_weekday(article: Article) -> int | None:
    """For an article with no publication date: the weekday it was written on, when it says so
    ("اليوم الخميس": Thursday; "أمس الأربعاء": Thursday too), for clustering only. None otherwise."""
    if article.published is not None:
        return None
    for ref in article.time_refs:
        if ref.anchor is Anchor.RELATIVE and ref.weekday is not None and ref.value is None:
            offset = _day_offset(normalize(ref.text))
            if offset is not None:
                return (ref.weekday - offset) % 7
    return None


def seen_day(article: Article) -> dt.date | None:
    """For an article with no publication date: the day it was written on when it names it
    ("اليوم الاثنين", "أمس الأحد": resolved against the fetch time by `resolve_time`), else the
    day of its fetch or feed time. None for a dated article or one with no metadata time."""
    if article.published is not None or article.seen is None:
        return None
    for ref in article.time_refs:
        if ref.value and ref.weekday is not None and ref.note and ref.note.startswith(FROM_SEEN):
            offset = _day_offset(normalize(ref.text))
            if offset is not None:
                try:
                    return dt.date.fromisoformat(ref.value[:10]) - dt.timedelta(days=offset)
                except ValueError:
                    continue
    return article.seen.value.date()


def _day_offset(norm: str) -> int | None:
    """Days from publication of a reference that opens with اليوم, أمس, أول أمس, غدا... (None otherwise)."""
    text = norm[1:] if norm.startswith("و") else norm
    if text.split()[:1] == [TODAY]:
        return 0
    for words, offset in sorted(DAY_WORDS.items(), key=lambda kv: -len(kv[0])):
        if text == words or text.startswith(words + " "):
            return offset
    return None


def features(article: Article) -> DocFeatures:
    """Count what clustering compares, from the cleaned article (never its furniture)."""
    title = article.title or ""
    body = article.text
    body_words = words(body)
    terms: Counter[str] = Counter(body_words)
    head: Counter[str] = Counter(body_words[:LEAD_WORDS])
    for w in words(title):
        terms[w] += TITLE_WEIGHT
        head[w] += TITLE_WEIGHT
    scan = name_keys(title + "\n" + body)
    grams = char_grams(filterfalse(STOPWORDS.__contains__, letter_words(scan.tokens)))
    names: Counter[str] = Counter()
    types: dict[str, str] = {}
    for key, kind in scan.names:
        names[key] += 1
        types[key] = kind
    pub = article.published
    hint_day, month_day = undated_hints(article)
    return DocFeatures(
        id=article.id, day=pub.value.date() if pub else None, ref_days=ref_days(article),
        title=article.title, source=article.source, terms=dict(terms), grams=grams,
        names=dict(names), name_types=types, month_day=month_day,
        hint_day=hint_day, weekday=own_weekday(article), head=dict(head), seen_day=seen_day(article),
        actions=title_actions(article.title),
    )  # fmt: skip

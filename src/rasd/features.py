"""What clustering compares: an article reduced to its day, weighted terms and named anchors.

- terms: lemmas (simplemma, then normalized) of the title and text without function words;
  title words count three times, so the headline steers the event;
- grams: character 4-grams inside words of normalized text, robust to spelling variants the
  lemmatizer does not know (الأرمنية / الأرمينية, transliterated names);
- names: gazetteer keys of places and lasting actors (قره باغ, قرة باغ and كاراباخ are one key),
  the anchors that carry a story across years;
- day: the publication day, and the days the article itself says things happened on.

Everything is counted, not weighted: weights (IDF) come from the index that sees the corpus.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import simplemma

from rasd.arabic.normalize import normalize, strip_marks
from rasd.gazetteer import find_names
from rasd.model import Anchor, Article, Precision

TITLE_WEIGHT = 3
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


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """One article as clustering sees it."""

    id: str
    day: dt.date | None
    ref_days: tuple[dt.date, ...] = ()
    title: str | None = None
    source: str | None = None
    terms: dict[str, int] = field(default_factory=dict)
    grams: dict[str, int] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)  # gazetteer key -> mentions
    name_types: dict[str, str] = field(default_factory=dict)  # gazetteer key -> type


@functools.lru_cache(maxsize=262_144)
def lemma(token: str) -> str:
    """Normalized lemma of one word as written (clitics and inflection removed where known)."""
    lem = simplemma.lemmatize(token, lang="ar")
    norm = normalize(lem)
    if lem == token:  # unknown to simplemma: strip a leading clitic conservatively
        for p in _PREFIXES:
            if norm.startswith(p) and len(norm) - len(p) >= 3:
                return norm[len(p):]
    return norm


def words(text: str) -> list[str]:
    """Content words of `text` as lemmas, function words dropped."""
    out = []
    for w in _WORD.findall(strip_marks(text)):
        if normalize(w) in STOPWORDS:
            continue
        lem = lemma(w)
        if len(lem) >= 2 and lem not in STOPWORDS:
            out.append(lem)
    return out


def char_grams(norm_tokens: Counter[str], n: int = GRAM) -> dict[str, int]:
    grams: Counter[str] = Counter()
    for tok, c in norm_tokens.items():
        padded = f" {tok} "
        if len(padded) <= n:
            grams[padded] += c
            continue
        for i in range(len(padded) - n + 1):
            grams[padded[i : i + n]] += c
    return dict(grams)


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


def features(article: Article) -> DocFeatures:
    """Count what clustering compares, from the cleaned article (never its furniture)."""
    title = article.title or ""
    body = article.text
    terms: Counter[str] = Counter(words(body))
    for w in words(title):
        terms[w] += TITLE_WEIGHT
    norm_tokens = Counter(t for t in _WORD.findall(normalize(title + "\n" + body)) if t not in STOPWORDS)
    names: Counter[str] = Counter()
    types: dict[str, str] = {}
    for hit in find_names(title + "\n" + body):
        names[hit.key] += 1
        types[hit.key] = hit.type
    pub = article.published
    return DocFeatures(
        id=article.id, day=pub.value.date() if pub else None, ref_days=ref_days(article),
        title=article.title, source=article.source, terms=dict(terms), grams=char_grams(norm_tokens),
        names=dict(names), name_types=types,
    )  # fmt: skip

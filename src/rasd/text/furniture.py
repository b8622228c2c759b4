"""Site furniture: lines a scraper carries along with an article that are not the article.

Two kinds. Static furniture is recognised by curated, data-driven rules that hold on any
Arabic or English news site: share and follow prompts, "related" blocks, bare URLs, language
switchers, comment forms. Learned furniture is whatever short line keeps coming back across
many articles of one source (a site slogan, an app banner): `FurnitureIndex` counts it.

Every rule decides on the normalized line (`rasd.arabic.normalize`), and phrase rules on its
`canon` form (punctuation dropped), so "اقرأ أيضاً:" and "اقرا ايضا" are the same line. Rules
match whole short lines, never sentences that merely contain a furniture word.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rasd.arabic.normalize import normalize
from rasd.errors import InputError
from rasd.model import Reason

# --- Data ------------------------------------------------------------------------------------

# Whole-line furniture phrases (the line equals one of these, punctuation aside).
BOILERPLATE_EXACT: tuple[str, ...] = (
    "شارك", "شاركها", "شارك المقال", "شارك الخبر", "شارك هذا المقال", "شارك هذا الخبر",
    "مشاركة", "مشاركة الخبر", "انشر", "طباعة", "إرسال", "أرسل", "أرسل لصديق", "تعليقات",
    "إعلان", "إعلانات", "إعلان ممول", "محتوى مدعوم", "محتوى إعلاني", "نسخ الرابط",
    "تم نسخ الرابط", "الرابط المختصر", "رابط مختصر", "المزيد", "عرض المزيد", "الرئيسية",
    "ذات صلة", "أخبار ذات صلة", "مواضيع ذات صلة", "مقالات ذات صلة", "موضوعات ذات صلة",
    "أخبار متعلقة", "مواضيع متعلقة", "الأكثر قراءة", "الأكثر مشاهدة", "الأكثر تداولا",
    "الأكثر تعليقا", "الأكثر شعبية", "الأكثر قراءة اليوم", "اخترنا لك", "قد يهمك", "قد يعجبك",
    "اقرأ أيضا", "اقرأ كذلك", "اقرأ المزيد", "إقرأ المزيد", "شاهد أيضا", "شاهد كذلك",
    "اضغط هنا", "انقر هنا", "للمزيد", "التالي", "السابق", "اشترك", "اشترك الآن",
    "النشرة البريدية", "جار التحميل", "العودة للأعلى", "أعلى الصفحة", "تسجيل الدخول",
    "تخطى إلى المحتوى", "القائمة", "بحث", "إغلاق", "الوسوم", "وسوم", "الكلمات المفتاحية",
    "كلمات مفتاحية", "كلمات دالة", "Share", "Share this", "Tweet", "Email", "Print", "Copy link",
    "Advertisement", "Advertising", "Sponsored", "Sponsored content", "Related", "Related articles",
    "Related posts", "Related news", "Read more", "Read also", "More", "Home", "Tags", "Most read",
    "Most popular", "Trending", "You may also like", "You might also like", "Recommended",
    "Subscribe", "Newsletter", "Sign up", "Log in", "Loading", "Back to top", "Skip to content",
    "Menu", "Search", "Close", "Next", "Previous", "Comments", "No comments",
)  # fmt: skip

# Furniture that starts a short line: (phrase, the most words the whole line may have).
BOILERPLATE_PREFIXES: tuple[tuple[str, int], ...] = (
    ("شارك عبر", 12), ("شارك على", 12), ("شارك المقال", 12), ("شارك الخبر", 12), ("شارك هذا", 12),
    ("تابعونا على", 12), ("تابعنا على", 12), ("تابعوا", 12), ("لمتابعتنا على", 12),
    ("انضم إلى قناتنا", 12), ("انضموا إلى قناتنا", 12), ("اشترك في النشرة", 14),
    ("اشترك في نشرتنا", 14), ("اشترك في قناتنا", 12), ("حمل تطبيق", 12), ("حمل التطبيق", 12),
    ("اقرأ أيضا", 30), ("اقرأ كذلك", 30), ("اقرأ المزيد", 12), ("شاهد أيضا", 30),
    ("شاهد كذلك", 30), ("قد يهمك", 30), ("قد يعجبك", 30), ("ننصحك بقراءة", 30),
    ("مواضيع ذات صلة", 30), ("أخبار ذات صلة", 30), ("مقالات ذات صلة", 30),
    ("الكلمات المفتاحية", 30), ("كلمات مفتاحية", 30), ("كلمات دالة", 30), ("الوسوم", 30),
    ("اضغط هنا", 14), ("انقر هنا", 14), ("جميع الحقوق محفوظة", 16), ("حقوق النشر", 16),
    ("حقوق الطبع", 16), ("Share this", 12), ("Share on", 12), ("Share via", 12),
    ("Follow us", 12), ("Like us", 12), ("Join our", 12), ("Subscribe to", 12), ("Sign up for", 14),
    ("Read more", 30), ("Read also", 30), ("رمز الخبر", 6), ("رقم الخبر", 6),
    ("كود الخبر", 6), ("See also", 30), ("Related articles", 30),
    ("Related posts", 30), ("Related stories", 30), ("Click here", 14), ("Download our app", 12),
    ("Download the app", 12), ("All rights reserved", 16), ("Copyright", 16), ("Tags", 30),
)  # fmt: skip

# Regexes over the normalized line (before punctuation is dropped).
BOILERPLATE_REGEXES: tuple[tuple[str, str], ...] = (
    ("copyright", r"^(?:©|\(c\)|®)"),
    ("counter", r"^\d+\s*(?:تعليق|تعليقات|مشاهده|مشاهدات|comments?|views?|shares?)$"),
    ("reading_time", r"^(?:\d+\s*)?(?:دقيقه|دقائق|min|mins|minutes?)\s*(?:للقراءه|قراءه|read)$"),
)

# A short line that opens with a follow/subscribe verb and names a channel.
FOLLOW_VERBS: tuple[str, ...] = (
    "تابعونا", "تابعنا", "تابعوا", "لمتابعتنا", "لمتابعة", "للمتابعة", "انضم", "انضموا", "اشترك",
    "اشتركوا", "للاشتراك", "حمل", "حملوا", "نزل", "follow", "join", "subscribe", "download",
)  # fmt: skip
CHANNELS: tuple[str, ...] = (
    "تيليجرام", "تليجرام", "تلغرام", "تليغرام", "تيليغرام", "واتساب", "واتس", "فيسبوك", "فيس",
    "تويتر", "إكس", "انستغرام", "انستجرام", "انستقرام", "إنستغرام", "يوتيوب", "تيك", "لينكد",
    "نبض", "جوجل", "غوغل", "قناتنا", "صفحتنا", "حسابنا", "مجموعتنا", "موقعنا", "تطبيقنا",
    "نشرتنا", "telegram", "whatsapp", "facebook", "twitter", "instagram", "youtube", "tiktok",
    "linkedin", "google", "channel", "newsletter", "app",
)  # fmt: skip

# A line made only of these is a row of share buttons ("فيسبوك تويتر واتساب").
SOCIAL_PLATFORMS: tuple[str, ...] = (
    "فيسبوك", "فيس بوك", "فايسبوك", "تويتر", "إكس", "واتساب", "واتس اب", "واتس آب", "تلغرام",
    "تليجرام", "تيليجرام", "تليغرام", "لينكد إن", "لينكدإن", "انستغرام", "إنستغرام", "انستجرام",
    "يوتيوب", "ماسنجر", "تيك توك", "سناب شات", "بينترست", "facebook", "twitter", "x", "whatsapp",
    "telegram", "linkedin", "instagram", "youtube", "pinterest", "reddit", "messenger", "tiktok",
    "snapchat", "email", "e-mail", "print", "copy", "link", "sms",
)  # fmt: skip
SOCIAL_FILLERS: tuple[str, ...] = (
    "شارك", "مشاركة", "عبر", "على", "طباعة", "البريد", "الإلكتروني", "بريد", "نسخ", "الرابط",
    "share", "on", "via", "tweet",
)  # fmt: skip

# Comment forms. Strong lines anchor a comment block anywhere; weak ones only after an anchor.
COMMENT_EXACT: tuple[str, ...] = (
    "اترك تعليقا", "اترك تعليق", "اترك ردا", "اترك رد", "أضف تعليق", "أضف تعليقا", "أضف تعليقك",
    "اكتب تعليقك", "شارك برأيك", "أضف رأيك", "إرسال التعليق", "أرسل التعليق", "نشر التعليق",
    "إلغاء الرد", "التعليقات مغلقة", "تعليقات الفيسبوك", "لا توجد تعليقات", "Leave a Reply",
    "Leave a comment", "Cancel reply", "Post Comment", "Submit Comment", "Comments are closed",
)  # fmt: skip
COMMENT_PREFIXES: tuple[tuple[str, int], ...] = (
    ("اترك تعليقا", 8), ("اترك ردا", 8), ("لن يتم نشر عنوان بريدك الإلكتروني", 30),
    ("لن يتم نشر بريدك الإلكتروني", 30), ("لن يتم نشر البريد الإلكتروني", 30),
    ("الحقول الإلزامية مشار إليها", 20), ("الحقول المطلوبة", 20), ("احفظ اسمي", 30),
    ("يجب عليك تسجيل الدخول", 20), ("التعليقات المنشورة", 30), ("التعليقات لا تعبر", 30),
    ("تعليقات القراء لا تعبر", 30), ("هذا الموقع يستخدم أكيسميت", 30), ("Leave a Reply", 8),
    ("Your email address will not be published", 30), ("Required fields are marked", 20),
    ("Save my name", 30), ("You must be logged in", 20), ("This site uses Akismet", 30),
    ("الآراء الواردة أدناه", 30), ("الآراء الواردة في التعليقات", 30), ("الآراء المنشورة أدناه", 30),
)  # fmt: skip
# Comment-policy phrases that mark a line anywhere in it (the policy opens with the site's name).
COMMENT_CONTAINS: tuple[str, ...] = ("مراجعة التعليقات قبل نشرها", "بالنقاش الحيوي والمفيد")
COMMENT_WEAK: tuple[str, ...] = (
    "الاسم", "الاسم الكامل", "البريد الإلكتروني", "الموقع", "الموقع الإلكتروني", "التعليق",
    "تعليقك", "رد", "الرد", "Name", "Email", "Website", "Comment", "Reply",
)  # fmt: skip

# Language switchers: codes and names of languages.
LANGUAGE_NAMES: tuple[str, ...] = (
    "عربي", "العربية", "عربى", "English", "Français", "Francais", "Español", "Espanol", "Deutsch",
    "Русский", "Türkçe", "Turkce", "فارسی", "اردو", "کوردی", "كوردي", "Kurdî", "Italiano",
    "Português", "中文", "עברית", "Bahasa", "हिन्दी", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Tamazight", "Amazigh", "الأمازيغية",
    "Azərbaycan", "Українська", "Հայերեն", "Kurmancî", "Soranî",
)  # fmt: skip
# Words that may stand beside language names in a switcher ("النسخة العربية | فارسی").
LANGUAGE_FILLERS: tuple[str, ...] = ("النسخة", "نسخة", "اللغة", "version", "edition", "site")
LANGUAGE_CODES: tuple[str, ...] = (
    "ar", "en", "fr", "ru", "es", "de", "tr", "fa", "ur", "he", "zh", "it", "pt", "ku", "id",
    "ms", "hi", "ja", "ko", "nl", "sw", "ع",
)  # fmt: skip
_LANGUAGE_SEPARATORS = re.compile(r"[\s|/·•,\-–—]+")

# Lines that are only links. Bare domains need a known top-level domain.
_TLDS = (
    "com|net|org|info|io|me|co|tv|news|ly|gl|be|ru|uk|fr|de|ae|sa|eg|qa|kw|bh|om|jo|lb|sy|iq|ye|"
    "ma|dz|tn|sd|ps|tr|ir|pk|in|us|site|online|press|media|app|link"
)
_URL = (
    r"(?:https?://|www\.|t\.me/|pic\.twitter\.com/)\S*"
    rf"|(?:[a-z0-9-]+\.)+(?:{_TLDS})(?:/\S*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_LINK_LINE = re.compile(rf"^(?:[^\s:]+(?:\s+[^\s:]+){{0,3}}\s*:\s*)?(?:{_URL})(?:\s+(?:{_URL}))*$")

# --- Keys ------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACE_RUN = re.compile(r"\s+")


def canon(text: str) -> str:
    """The matching key of a line: normalized, punctuation and symbols dropped, spaces collapsed."""
    return key_of(normalize(text))


def key_of(norm: str) -> str:
    """`canon` of text that is already normalized (skips the second normalization)."""
    return _SPACE_RUN.sub(" ", _NON_WORD.sub(" ", norm)).strip()


def line_hash(line: str) -> str:
    """First 16 hex digits of the SHA-256 of a line's `canon` key."""
    return hashlib.sha256(canon(line).encode("utf-8")).hexdigest()[:16]


def _keys(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(canon(p) for p in phrases)


def _prefix_keys(items: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    return tuple((canon(p), n) for p, n in items)


_BOILER_EXACT = _keys(BOILERPLATE_EXACT)
_BOILER_PREFIX = _prefix_keys(BOILERPLATE_PREFIXES)
_BOILER_RE = tuple((name, re.compile(rx)) for name, rx in BOILERPLATE_REGEXES)
_FOLLOW = _keys(FOLLOW_VERBS)
_CHANNELS = _keys(CHANNELS)
_SOCIAL = frozenset(w for p in SOCIAL_PLATFORMS for w in canon(p).split())
_SOCIAL_ANY = _SOCIAL | frozenset(w for p in SOCIAL_FILLERS for w in canon(p).split())
_COMMENT_EXACT = _keys(COMMENT_EXACT)
_COMMENT_PREFIX = _prefix_keys(COMMENT_PREFIXES)
_COMMENT_CONTAINS = tuple(sorted(_keys(COMMENT_CONTAINS)))
COMMENT_POLICY_MAX_CHARS = 600
_COMMENT_WEAK = _keys(COMMENT_WEAK)
_LANG_NAMES = _keys(LANGUAGE_NAMES)
_LANG_CODES = _keys(LANGUAGE_CODES)
_LANG_FILLERS = _keys(LANGUAGE_FILLERS)

# --- Static rules ----------------------------------------------------------------------------


def _starts_with(key: str, prefixes: tuple[tuple[str, int], ...]) -> str | None:
    """The phrase `key` opens (as whole words), if the line is short enough for that phrase."""
    words = key.count(" ") + 1
    for phrase, max_words in prefixes:
        if words <= max_words and (key == phrase or key.startswith(phrase + " ")):
            return phrase
    return None


def is_link(norm: str) -> bool:
    """True when the line is only a URL (optionally after a short "label:")."""
    return bool(_LINK_LINE.match(norm))


def is_language_switcher(norm: str, raw: str) -> bool:
    """True for a short line made only of language codes or names ("Ru En", "EN | FR | عربي")."""
    tokens = [t for t in _LANGUAGE_SEPARATORS.split(norm) if t]
    if not 1 <= len(tokens) <= 8:
        return False
    langs = sum(1 for t in tokens if t in _LANG_NAMES or t in _LANG_CODES)
    if langs + sum(1 for t in tokens if t in _LANG_FILLERS) != len(tokens) or langs < max(1, len(tokens) // 2):
        return False
    # One lone two-letter code must look like a switcher label ("EN"), not a word ("it").
    return not (len(tokens) == 1 and tokens[0] in _LANG_CODES and raw.strip().islower())


def comment_rule(key: str) -> str | None:
    """The rule name when the line is comment-form text that can anchor a comment block."""
    if key in _COMMENT_EXACT:
        return "comment_form"
    phrase = _starts_with(key, _COMMENT_PREFIX)
    if phrase is None and len(key) < COMMENT_POLICY_MAX_CHARS:
        phrase = next((p for p in _COMMENT_CONTAINS if p in key), None)
    return f"comment_form:{phrase}" if phrase else None


def is_weak_comment(key: str) -> bool:
    """True for generic form labels ("الاسم", "Email") that are furniture after a comment form."""
    return key in _COMMENT_WEAK


def boilerplate_rule(norm: str, key: str) -> str | None:
    """The rule name when the line is share/follow/related/ads furniture, else None."""
    if not key:
        return "separator"  # no letter or digit at all: "***", "—", "•"
    if key in _BOILER_EXACT:
        return f"phrase:{key}"
    phrase = _starts_with(key, _BOILER_PREFIX)
    if phrase:
        return f"prefix:{phrase}"
    for name, rx in _BOILER_RE:
        if rx.match(norm):
            return name
    words = key.split()
    if len(words) <= 12 and words[0] in _FOLLOW and any(w in _CHANNELS for w in words):
        return "follow_channel"
    if len(words) <= 12 and _social_only(words):
        return "social_buttons"
    return None


def _social_only(words: list[str]) -> bool:
    bare = [w[1:] if w.startswith("و") and w[1:] in _SOCIAL_ANY else w for w in words]
    return all(w in _SOCIAL_ANY for w in bare) and any(w in _SOCIAL for w in bare)


def classify_static(norm: str, raw: str) -> tuple[Reason, str] | None:
    """Reason and rule for a non-blank line that static furniture rules remove, else None.

    `norm` is the normalized, stripped line; `raw` the line as written.
    """
    if is_link(norm):
        return Reason.LINK, "url"
    if is_language_switcher(norm, raw):
        return Reason.LANGUAGE_SWITCHER, "language_switcher"
    key = key_of(norm)
    rule = comment_rule(key)
    if rule:
        return Reason.COMMENT_FORM, rule
    rule = boilerplate_rule(norm, key)
    if rule:
        return Reason.BOILERPLATE, rule
    return None


# --- Learned furniture -----------------------------------------------------------------------

_YEAR_LIKE = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class FurnitureConfig:
    """When a line repeated across one source's articles counts as furniture."""

    min_articles: int = 3  # seen in at least this many distinct articles of the source
    min_share: float = 0.3  # and in at least this share of the source's observed articles
    max_words: int = 12  # only lines this short are counted

    def __post_init__(self) -> None:
        if isinstance(self.min_articles, bool) or not isinstance(self.min_articles, int):
            raise InputError(f"min_articles must be a whole number, got {self.min_articles!r}")
        if self.min_articles < 2:
            raise InputError(
                f"min_articles must be at least 2 (a line in one article is not repeated), "
                f"got {self.min_articles}; use 3 or more"
            )
        if not 0.0 < self.min_share <= 1.0:
            raise InputError(
                f"min_share must be a fraction in (0, 1], got {self.min_share!r}; e.g. 0.3 for 30%"
            )
        if isinstance(self.max_words, bool) or not isinstance(self.max_words, int) or self.max_words < 1:
            raise InputError(f"max_words must be a whole number of at least 1, got {self.max_words!r}")


# A row of the persisted index: (source, line_hash, article_id). A row with an empty line_hash
# records that the article was observed, so shares survive a round trip.
Row = tuple[str, str, str]


class Furniture(Protocol):
    """What `clean` asks of learned furniture: `FurnitureIndex`, or verdicts decided by one elsewhere."""

    def is_furniture(self, source: str | None, line_norm: str) -> bool: ...


class FurnitureIndex:
    """Counts short lines per source across articles, to flag the ones that are site furniture.

    Call `observe` for every article of a corpus, then `is_furniture` (or `clean(article,
    index)`). A source of None is counted under "".
    """

    def __init__(self, config: FurnitureConfig | None = None) -> None:
        self.config = config or FurnitureConfig()
        self._lines: dict[str, dict[str, set[str]]] = {}
        self._articles: dict[str, set[str]] = {}

    def eligible(self, line_norm: str) -> bool:
        """True when a line is short enough and free of a year-like 4-digit run to be counted."""
        key = key_of(line_norm)
        return bool(key) and len(key.split()) <= self.config.max_words and not _YEAR_LIKE.search(key)

    def observe(self, source: str | None, article_id: str, lines_norm: Iterable[str]) -> list[Row]:
        """Record the distinct eligible lines of one article; returns the rows to persist
        (see `to_rows`). Observing an article again is harmless."""
        src = source or ""
        self._articles.setdefault(src, set()).add(article_id)
        table = self._lines.setdefault(src, {})
        rows: list[Row] = [(src, "", article_id)]
        for line in set(lines_norm):
            if self.eligible(line):
                h = line_hash(line)
                table.setdefault(h, set()).add(article_id)
                rows.append((src, h, article_id))
        return rows

    def articles(self, source: str | None) -> int:
        """How many distinct articles of `source` were observed."""
        return len(self._articles.get(source or "", ()))

    def count(self, source: str | None, line_norm: str) -> int:
        """In how many distinct articles of `source` the line was seen."""
        return len(self._lines.get(source or "", {}).get(line_hash(line_norm), ()))

    def is_furniture(self, source: str | None, line_norm: str) -> bool:
        """True when the line repeats in enough of the source's articles to be furniture."""
        if not self.eligible(line_norm):
            return False
        seen = self.count(source, line_norm)
        total = self.articles(source)
        return seen >= self.config.min_articles and total > 0 and seen / total >= self.config.min_share

    def to_rows(self) -> list[Row]:
        """The counts as (source, line_hash, article_id) rows, sorted; "" hashes mark articles."""
        rows: list[Row] = [(src, "", art) for src, arts in self._articles.items() for art in arts]
        rows += [
            (src, h, art) for src, table in self._lines.items() for h, arts in table.items() for art in arts
        ]
        return sorted(rows)

    @classmethod
    def from_rows(cls, rows: Iterable[Row], config: FurnitureConfig | None = None) -> FurnitureIndex:
        """Rebuild an index from `to_rows` output."""
        index = cls(config)
        for src, h, art in rows:
            index._articles.setdefault(src, set()).add(art)
            if h:
                index._lines.setdefault(src, {}).setdefault(h, set()).add(art)
        return index

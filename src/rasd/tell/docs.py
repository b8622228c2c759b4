"""What the tell stage reads of an event: its articles, their outlets and when each was written,
and the sentences an extractive summary may quote (furniture, captions and "read also" lines left out)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.events.features import words
from rasd.extract.ledger import Ledger
from rasd.model import Article, CreditKind, Span
from rasd.tell.sentences import split

MIN_WORDS = 6  # shorter sentences are headings, bylines or captions
MAX_WORDS = 70  # longer: a run-on block nobody wants quoted as one sentence

# Lines that are not the story: captions, "read also", follow-us, credits, video/photo pointers
# (normalized, written for rasd).
_LEADS = ("اقرأ أيضا|اقرأ المزيد|اقرأ|إقرأ|طالع أيضا|شاهد أيضا|شاهد|شاهدوا|اضغط هنا|انقر هنا|للمزيد|تابعونا|"
          "لمتابعة|مواضيع ذات صلة|أخبار ذات صلة|ذات صلة|بالفيديو|بالصور|مساحة إعلانية|كلمات مفتاحية|"
          "الكلمات الدالة|وسوم|أخبار متعلقة")
_CREDITS = "المصدر|الصورة|صورة|تصوير|فيديو|الفيديو|حقوق النشر|جميع الحقوق"
_ANYWHERE = "صورة أرشيفية|(أرشيفية)|getty|afp photo"
_FURNITURE = re.compile(
    r"^\W*(?:" + normalize(_LEADS) + r")(?!\w)"
    r"|^\W*(?:" + normalize(_CREDITS) + r")\s*[:：]"
    r"|" + "|".join(re.escape(normalize(x)) for x in _ANYWHERE.split("|")) + r"|https?://|www\.|@[a-z_]",
    re.IGNORECASE)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_NOT_ARABIC = re.compile(r"[^\u0600-\u06ff]+")


@dataclass(frozen=True, slots=True)
class Doc:
    """One article of an event as the tell stage sees it."""

    article: Article
    outlet: str | None
    when: str | None  # its own stated date (ISO), else None
    fetched: str | None  # its fetch or feed time (ISO), else None

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def order(self) -> tuple[str, str]:
        return (self.when or self.fetched or "9999", self.article.id)


@dataclass(slots=True)
class Sent:
    """A sentence of one article, with what scoring needs."""

    doc: Doc
    span: Span
    position: int  # its rank among the article's quotable sentences
    lemmas: Counter[str]
    tokens: frozenset[str]  # normalized words, for finding the same wire sentence elsewhere
    text: str = ""
    figures: list[str] = field(default_factory=list)


def outlet_of(a: Article) -> str | None:
    """Who published an article: the input's source, else the outlet or agency it credits."""
    if a.source:
        return a.source
    for kind in (CreditKind.OUTLET, CreditKind.AGENCY, CreditKind.SOURCE):
        name = next((c.name for c in a.credits if c.kind is kind), None)
        if name:
            return name
    return None


def make_doc(a: Article, outlet: str | None = None) -> Doc:
    return Doc(a, outlet if outlet is not None else outlet_of(a), a.published.iso() if a.published else None,
               a.seen.iso() if a.seen else None)


def quotable(text: str) -> bool:
    """A sentence worth quoting in a summary: long enough, mostly letters, not furniture."""
    n = len(text.split())
    if not MIN_WORDS <= n <= MAX_WORDS:
        return False
    if text.rstrip().endswith((":", "：")):
        return False
    letters = len(_NOT_LETTER.sub("", text))
    arabic = len(_NOT_ARABIC.sub("", text))
    if letters < 0.6 * (len(text) - text.count(" ")) or arabic < 0.5 * max(1, letters):
        return False
    return not _FURNITURE.search(normalize(text))


def sentences(doc: Doc) -> list[Sent]:
    """The article's quotable sentences: not its headline, not its date line, not furniture."""
    a = doc.article
    skip: list[Span] = [s for s in (a.title_span, a.published.evidence if a.published else None) if s is not None]
    out: list[Sent] = []
    for sp in split(a.raw, a.paragraphs):
        text = sp.of(a.raw)
        if any(s.start < sp.end and sp.start < s.end and (s.end - s.start) > 0.5 * (sp.end - sp.start) for s in skip):
            continue
        if not quotable(text):
            continue
        if a.title and normalize(text) == normalize(a.title):
            continue
        out.append(Sent(doc, sp, len(out), Counter(words(text)), frozenset(normalize(text).split()), text))
    return out


def tfidf(bags: list[Counter[str]]) -> tuple[list[dict[str, float]], dict[str, float]]:
    """Log-tf x idf weights of each bag (idf over these bags) and the idf table."""
    df: Counter[str] = Counter()
    for b in bags:
        df.update(b.keys())
    n = len(bags)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    return [{t: (1 + math.log(c)) * idf[t] for t, c in b.items()} for b in bags], idf


def norm(a: Mapping[str, float]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def cos(a: Mapping[str, float], b: Mapping[str, float], na: float | None = None, nb: float | None = None) -> float:
    """Cosine of two sparse vectors (their norms when already known)."""
    if len(a) > len(b):
        a, b, na, nb = b, a, nb, na
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    if dot == 0.0:
        return 0.0
    return dot / ((na if na is not None else norm(a)) * (nb if nb is not None else norm(b)))


def ledger_marks(ledger: Ledger | None) -> tuple[dict[str, list[tuple[int, int, str, bool]]], int]:
    """article -> (start, end, figure as written, fresh) of each ledger figure; and how many figures.
    A figure is stale when its line was updated and it is not the latest report."""
    marks: dict[str, list[tuple[int, int, str, bool]]] = {}
    total = 0
    if ledger is None:
        return marks, 0
    for line in ledger.lines:
        reports = [r for r in line.reports if r.polarity == "asserts"]
        for k, r in enumerate(reports):
            total += 1
            fresh = line.status != "updated" or k == len(reports) - 1
            label = r.surfaces[0] if r.surfaces else str(r.value)
            for art, s, e in r.spans:
                marks.setdefault(art, []).append((s, e, label, fresh))
    return marks, total

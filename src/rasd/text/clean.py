"""The cleaning stage: which lines of `Article.raw` are the article, and which are furniture.

`clean` never edits the text. It splits `raw` on "\\n" and gives every non-empty line exactly
one verdict: kept as a paragraph (a trimmed `Span`) or removed with a `Reason` and the rule
that fired. Credits ("المصدر: نوفوستي", "(رويترز)" in a dateline) are read along the way.

Order of the rules, first match wins:
  1. per line: blank, credit line, static furniture (`rasd.text.furniture`), learned furniture;
  2. a comment form near the end takes the short lines after it;
  3. a paragraph repeating an earlier one (>= 6 words) is removed;
  4. short taglines in the closing block that sit next to removed furniture;
  5. the site header of scraped text before the first body paragraph (`rasd.text.masthead`:
     masthead date, menus, ad slots, widgets, breadcrumb, the headline written twice);
  6. datelines at the start of kept paragraphs yield agency/outlet credits (text is kept).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from rasd.arabic.normalize import normalize, normalize_with_offsets
from rasd.model import Article, Credit, CreditKind, Reason, Removed, Span
from rasd.read.ids import READ_LIMIT, read_cut
from rasd.text.furniture import (
    Furniture,
    FurnitureIndex,
    canon,
    classify_static,
    is_weak_comment,
    key_of,
)
from rasd.text.masthead import header_rules

__all__ = ["FurnitureIndex", "clean", "lines_for_learning"]

# --- Data ------------------------------------------------------------------------------------

# Wire agencies: (name, variants as written). Single letters are abbreviations ("أ ف ب").
AGENCIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("رويترز", ("رويترز", "Reuters")),
    ("فرانس برس", ("فرانس برس", "فرانس پرس", "أ ف ب", "ا ف ب", "وكالة الصحافة الفرنسية", "AFP")),
    ("أسوشيتد برس", ("أسوشيتد برس", "أسوشيتدبرس", "أسوشيتيد برس", "أسوشييتد برس", "أ ب", "AP",
                      "Associated Press")),
    ("الأناضول", ("الأناضول", "الاناضول", "Anadolu")),
    ("سبوتنيك", ("سبوتنيك", "سبوتنك", "Sputnik")),
    ("نوفوستي", ("ريا نوفوستي", "نوفوستي", "RIA Novosti", "Novosti")),
    ("تاس", ("إيتار تاس", "تاس", "TASS")),
    ("شينخوا", ("شينخوا", "شينهوا", "Xinhua")),
    ("الأنباء الألمانية", ("الأنباء الألمانية", "د ب أ", "dpa")),
    ("كونا", ("كونا", "KUNA")), ("واس", ("واس", "SPA")), ("وام", ("وام", "WAM")),
    ("قنا", ("قنا", "QNA")), ("سانا", ("سانا", "SANA")), ("بترا", ("بترا", "Petra")),
    ("إرنا", ("إرنا", "ارنا", "IRNA")), ("مهر", ("مهر", "Mehr")), ("فارس", ("فارس", "Fars")),
    ("تسنيم", ("تسنيم", "Tasnim")), ("إينا", ("إينا", "واع", "INA")), ("بنا", ("بنا", "BNA")),
    ("العمانية", ("العمانية", "ONA")), ("وفا", ("وفا", "WAFA")), ("واج", ("واج", "APS")),
    ("وات", ("وات", "TAP")), ("لاماب", ("لاماب", "و م ع", "MAP")), ("سبأ", ("سبأ", "Saba")),
    ("سونا", ("سونا", "SUNA")), ("أ ش أ", ("أ ش أ", "MENA")), ("يونهاب", ("يونهاب", "Yonhap")),
    ("كيودو", ("كيودو", "Kyodo")), ("إفي", ("إفي", "EFE")), ("أنسا", ("أنسا", "ANSA")),
    ("يو بي آي", ("يو بي آي", "UPI")), ("بلومبرغ", ("بلومبرغ", "بلومبيرغ", "Bloomberg")),
    ("وكالات", ("وكالات",)),
)  # fmt: skip

# Credit lines: label -> kind. "المصدر: نوفوستي", "الصورة: وزارة الخارجية الروسية".
CREDIT_LABELS: tuple[tuple[str, CreditKind], ...] = (
    ("مصدر الخبر", CreditKind.SOURCE), ("المصدر", CreditKind.SOURCE), ("المصادر", CreditKind.SOURCE),
    ("Source", CreditKind.SOURCE), ("Sources", CreditKind.SOURCE),
    ("مصدر الصورة", CreditKind.PHOTO), ("الصورة من", CreditKind.PHOTO), ("الصورة", CreditKind.PHOTO),
    ("صورة", CreditKind.PHOTO), ("الصور", CreditKind.PHOTO), ("تصوير", CreditKind.PHOTO),
    ("بعدسة", CreditKind.PHOTO), ("حقوق الصورة", CreditKind.PHOTO), ("Photo", CreditKind.PHOTO),
    ("Photos", CreditKind.PHOTO), ("Photo credit", CreditKind.PHOTO), ("Image", CreditKind.PHOTO),
    ("Image credit", CreditKind.PHOTO), ("Picture", CreditKind.PHOTO),
)  # fmt: skip

# Dateline parts that are neither an agency nor an outlet.
NOT_OUTLET: tuple[str, ...] = ("خاص", "حصري", "تحديث", "عاجل", "مباشر", "فيديو", "صور", "وكالات")

MAX_CREDIT_WORDS = 12  # a credit line is short
MAX_CREDIT_NAME_WORDS = 8
REPEAT_MIN_WORDS = 6  # a repeated paragraph must be at least this long to be dropped
BODY_MIN_WORDS = 10  # a kept line this long is article body
TAGLINE_MAX_WORDS = 8
COMMENT_TAIL_MAX_WORDS = 12
DATELINE_HEAD_CHARS = 240  # datelines are looked for in this much of a paragraph's start
_DATELINE_HINT = re.compile(r"[(\-–—]")  # every dateline shape has one in its first 100 characters
FURNITURE_REASONS = frozenset(Reason) - {Reason.BLANK, Reason.REPEATED, Reason.TOO_LONG}

# --- Compiled patterns -----------------------------------------------------------------------


def _variant_pattern(variant: str) -> str:
    tokens = normalize(variant).casefold().split()
    if all(len(t) == 1 for t in tokens):  # abbreviation: "أ ف ب", "أ.ف.ب", "أفب"
        return r"[\s.]*".join(re.escape(t) for t in tokens) + r"\.?"
    return r"\s+".join(re.escape(t) for t in tokens)


_AGENCY_ALT = "|".join(sorted((_variant_pattern(v) for _, vs in AGENCIES for v in vs), key=len, reverse=True))
_AGENCY = rf"(?<!\w)(?:{_AGENCY_ALT})(?!\w)"
_AGENCY_RE = re.compile(_AGENCY)
_AGENCY_PART = re.compile(rf"\s*(?:وكاله\s+(?:انباء\s+)?)?(?P<ag>{_AGENCY})\s*")
_AGENCY_LINE = re.compile(rf"(?:(?:وكاله\s+(?:انباء\s+)?)?(?:{_AGENCY})\s*)+")
# "(سبوتنيك - 28 سبتمبر)", "القاهرة (رويترز) -", "باريس - (أ ف ب):"
_DATELINE_PAREN = re.compile(r"^\s*(?P<pre>[^()\n]{0,60}?)\((?P<inner>[^()\n]{1,160})\)")
_PRE_OK = re.compile(r"^[^.!?؟:\"“”«»]*$")
# "موسكو - سبوتنيك."
_DATELINE_DASH = re.compile(
    rf"^\s*[^\s().:؟!،,\"]+(?:\s+[^\s().:؟!،,\"]+){{0,2}}\s*[-–—]\s*(?:وكاله\s+)?(?P<ag>{_AGENCY})"
    r"(?=\s*(?:[.:\-–—/]|$))"
)
_PART = re.compile(r"[^/\-–—|،,]+")
_NAME_PART = re.compile(r"(?:[^/|،,\s]|\s(?![-–—]\s))+")  # split on / | ، , and spaced dashes, not "فرانس-برس"
_CREDIT_LINE = re.compile(
    r"^\s*(?P<label>"
    + "|".join(sorted((re.escape(canon(lbl)) for lbl, _ in CREDIT_LABELS), key=len, reverse=True))
    + r")\s*(?:[:：]|\s[-–—])\s*(?P<name>\S.*)$"
)
_CREDIT_KIND = {canon(lbl): kind for lbl, kind in CREDIT_LABELS}
_NOT_OUTLET = frozenset(canon(w) for w in NOT_OUTLET)
_TRIM_NAME = " \t\u00a0.،,;؛:-–—\"'«»“”"
_SENTENCE_END = (".", "!", "?", "؟", "…", "۔")
_DATE_LIKE = re.compile(r"\d{4}|\d{1,2}[:/.\-]\d{1,2}")

# --- Lines -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    span: Span  # trimmed content; the whole content for blank lines
    norm: str  # normalized and stripped; "" for blank lines
    key: str  # `canon` of the line

    @property
    def words(self) -> int:
        return len(self.key.split())


def _split_lines(raw: str, norm: str | None = None) -> list[_Line]:
    """Every line with some content, as a trimmed span (a trailing "\\r" is line ending).

    `norm`, when given, must be `normalize(raw)`: its lines are reused instead of normalizing
    each line again (valid when raw has no other line-break characters than "\\n").
    """
    raw_lines = raw.split("\n")
    norm_lines: list[str] | None = None
    if norm is not None and "\r" not in raw and "\x85" not in raw:
        norm_lines = norm.split("\n")
        if len(norm_lines) != len(raw_lines):
            norm_lines = None
    lines: list[_Line] = []
    pos = 0
    for n, text in enumerate(raw_lines):
        start, end = pos, pos + len(text)
        pos = end + 1
        if text.endswith("\r"):
            end -= 1
        content = raw[start:end]
        if not content:
            continue
        line_norm = (norm_lines[n] if norm_lines is not None else normalize(content)).strip()
        if line_norm:
            lead = len(content) - len(content.lstrip())
            trail = len(content) - len(content.rstrip())
            span = Span(start + lead, end - trail)
        else:
            span = Span(start, end)
        lines.append(_Line(span=span, norm=line_norm, key=key_of(line_norm) if line_norm else ""))
    return lines


def lines_for_learning(raw: str) -> list[str]:
    """The normalized non-blank lines of `raw` (up to `read_cut`), for `FurnitureIndex.observe` before `clean`."""
    return [line.norm for line in _split_lines(raw[: read_cut(raw)]) if line.norm]


# --- Credits ---------------------------------------------------------------------------------


def _trimmed(raw: str, start: int, end: int, chars: str = _TRIM_NAME) -> Span | None:
    """[start, end) of raw with `chars` trimmed from both ends, or None when nothing is left."""
    while start < end and raw[start] in chars:
        start += 1
    while end > start and raw[end - 1] in chars:
        end -= 1
    return Span(start, end) if start < end else None


def _credit(kind: CreditKind, raw: str, start: int, end: int) -> Credit | None:
    span = _trimmed(raw, start, end)
    return Credit(kind=kind, name=span.of(raw), span=span) if span else None


def _credit_line(raw: str, line: _Line) -> list[Credit] | None:
    """Credits of a line that is only a credit ("المصدر: X", "(رويترز)"), else None."""
    if line.words > MAX_CREDIT_WORDS:
        return None
    view = normalize_with_offsets(line.span.of(raw), base=line.span.start)
    m = _CREDIT_LINE.match(view.norm)
    if m:
        kind = _CREDIT_KIND[m.group("label")]
        name = m.group("name")
        if not re.search(r"\w", name) or len(name.split()) > MAX_CREDIT_NAME_WORDS:
            return None
        parts: list[Credit | None] = []  # "«البيان» - وكالات": one credit a part, generic parts dropped
        for part in _NAME_PART.finditer(m.group("name")):
            if canon(part.group()) not in _NOT_OUTLET:
                lo = m.start("name") + part.start()
                parts.append(_credit(kind, raw, *view.to_raw(lo, lo + len(part.group()))))
        named = [c for c in parts if c]
        return named or None
    if _AGENCY_LINE.fullmatch(line.key):
        found = (_credit(CreditKind.AGENCY, raw, *view.to_raw(*a.span())) for a in _AGENCY_RE.finditer(view.norm))
        credits = [c for c in found if c]
        return credits or None
    return None


def _dateline_credits(raw: str, span: Span) -> list[Credit]:
    """Agency and outlet credits named in a dateline at the start of a paragraph."""
    head_end = min(span.end, span.start + DATELINE_HEAD_CHARS)
    if not _DATELINE_HINT.search(raw, span.start, min(head_end, span.start + 100)):
        return []
    view = normalize_with_offsets(raw[span.start : head_end], base=span.start)
    m = _DATELINE_PAREN.match(view.norm)
    if m and len(m.group("pre").split()) <= 6 and _PRE_OK.match(m.group("pre")):
        agencies: list[Credit] = []
        outlets: list[Credit] = []
        for part in _PART.finditer(m.group("inner")):
            lo, hi = m.start("inner") + part.start(), m.start("inner") + part.end()
            a = _AGENCY_PART.fullmatch(view.norm, lo, hi)
            if a:
                c = _credit(CreditKind.AGENCY, raw, *view.to_raw(*a.span("ag")))
                agencies += [c] if c else []
            elif _is_outlet(part.group()):
                c = _credit(CreditKind.OUTLET, raw, *view.to_raw(lo, hi))
                outlets += [c] if c else []
        if agencies:
            return agencies + outlets
    d = _DATELINE_DASH.match(view.norm)
    if d:
        c = _credit(CreditKind.AGENCY, raw, *view.to_raw(*d.span("ag")))
        return [c] if c else []
    return []


def _is_outlet(part: str) -> bool:
    key = canon(part)
    return bool(key) and not any(ch.isdigit() for ch in key) and len(key.split()) <= 5 and key not in _NOT_OUTLET


def _dedup(credits: list[Credit]) -> tuple[Credit, ...]:
    seen: set[tuple[CreditKind, str]] = set()
    out: list[Credit] = []
    for c in sorted(credits, key=lambda c: c.span.start if c.span else -1):
        k = (c.kind, canon(c.name))
        if k not in seen:
            seen.add(k)
            out.append(c)
    return tuple(out)


# --- Whole-article rules ---------------------------------------------------------------------


def _comment_tail(lines: list[_Line], verdict: dict[int, Removed]) -> None:
    """After a comment form, generic form labels go; near the end, every short line goes."""
    content = [i for i, ln in enumerate(lines) if ln.norm]
    anchors = [n for n, i in enumerate(content) if i in verdict and verdict[i].reason is Reason.COMMENT_FORM]
    if not anchors:
        return
    near_end = anchors[0] * 2 >= len(content)
    for i in content[anchors[0] + 1 :]:
        ln = lines[i]
        if i in verdict and not (verdict[i].reason is Reason.BOILERPLATE and is_weak_comment(ln.key)):
            continue
        if is_weak_comment(ln.key):  # "Email" is a share button elsewhere, a form label here
            verdict[i] = Removed(ln.span, Reason.COMMENT_FORM, "comment_label")
        elif near_end and ln.words <= COMMENT_TAIL_MAX_WORDS:
            verdict[i] = Removed(ln.span, Reason.COMMENT_FORM, "comment_tail")


def _repeated(lines: list[_Line], verdict: dict[int, Removed]) -> None:
    """Later copies of a kept paragraph of >= REPEAT_MIN_WORDS words."""
    seen: set[str] = set()
    for i, ln in enumerate(lines):
        if i in verdict or not ln.norm:
            continue
        if ln.key in seen:
            verdict[i] = Removed(ln.span, Reason.REPEATED, "repeated_paragraph")
        elif ln.words >= REPEAT_MIN_WORDS:
            seen.add(ln.key)


def _is_body(ln: _Line) -> bool:
    return ln.words >= BODY_MIN_WORDS or (ln.words >= 3 and ln.norm.endswith(_SENTENCE_END))


def _taglines(lines: list[_Line], verdict: dict[int, Removed]) -> None:
    """Short lines after the last body paragraph that sit next to removed furniture."""
    content = [i for i, ln in enumerate(lines) if ln.norm]
    kept = [i for i in content if i not in verdict]
    body = [i for i in kept if _is_body(lines[i])]
    if not kept or not body:
        return
    first, last_body = kept[0], body[-1]

    def furniture(n: int) -> bool:
        return 0 <= n < len(content) and content[n] in verdict and verdict[content[n]].reason in FURNITURE_REASONS

    changed = True
    while changed:
        changed = False
        for n, i in enumerate(content):
            ln = lines[i]
            if i <= last_body or i == first or i in verdict:
                continue
            if ln.words > TAGLINE_MAX_WORDS or ln.norm.endswith(_SENTENCE_END) or _DATE_LIKE.search(ln.norm):
                continue
            if furniture(n - 1) or furniture(n + 1):
                verdict[i] = Removed(ln.span, Reason.TAGLINE, "closing_tagline")
                changed = True


_NOT_ARABIC = re.compile("[^\u0600-\u06ff]+")
_NOT_LATIN = re.compile("[^A-Za-z]+")


def _header(lines: list[_Line], verdict: dict[int, Removed]) -> None:
    """The site header at the top of scraped text (see `rasd.text.masthead`)."""
    content = [i for i, ln in enumerate(lines) if ln.norm]
    head = "\n".join(lines[i].norm for i in content[:60])
    arabic = len(_NOT_ARABIC.sub("", head))  # the Arabic letters left
    latin = len(_NOT_LATIN.sub("", head))
    for n, rule in header_rules([lines[i].norm for i in content], arabic=arabic > latin).items():
        i = content[n]
        if i not in verdict:
            verdict[i] = Removed(lines[i].span, Reason.BOILERPLATE, f"header:{rule}")


# --- The stage -------------------------------------------------------------------------------


def clean(article: Article, furniture: Furniture | None = None, *, norm: str | None = None) -> Article:
    """The article with its kept paragraphs, removed spans (each with a reason) and credits.

    Every non-blank line of `article.raw` ends up in exactly one kept paragraph or removed
    span; `raw` itself is never changed. `furniture`, when given, removes lines learned to
    repeat across the source's articles. `norm`, when the caller has it, is
    `normalize(raw[:read_cut(raw)])` (all of `raw` but for a text over `READ_LIMIT` characters,
    whose rest is one removed span, reason `too_long`, never read).
    """
    raw = article.raw
    cut = read_cut(raw)
    lines = _split_lines(raw[:cut], norm)
    verdict: dict[int, Removed] = {}
    credits: list[Credit] = []
    first = next((i for i, ln in enumerate(lines) if ln.norm), -1)
    for i, ln in enumerate(lines):
        if not ln.norm:
            verdict[i] = Removed(ln.span, Reason.BLANK, "blank")
            continue
        found = _credit_line(raw, ln) if i != first else None  # a title may read "المصدر: ..."
        if found is not None:
            credits += found
            verdict[i] = Removed(ln.span, Reason.CREDIT, f"credit:{found[0].kind.value}")
            continue
        static = classify_static(ln.norm, ln.span.of(raw))
        if static:
            verdict[i] = Removed(ln.span, static[0], static[1])
        elif furniture is not None and furniture.is_furniture(article.source, ln.norm):
            verdict[i] = Removed(ln.span, Reason.LEARNED, "learned")
    _comment_tail(lines, verdict)
    _repeated(lines, verdict)
    _taglines(lines, verdict)
    _header(lines, verdict)
    paragraphs = tuple(ln.span for i, ln in enumerate(lines) if i not in verdict)
    for p in paragraphs:
        credits += _dateline_credits(raw, p)
    removed = sorted(verdict.values(), key=lambda r: r.span.start)
    if cut < len(raw):
        removed.append(Removed(Span(cut, len(raw)), Reason.TOO_LONG, f"read_limit:{READ_LIMIT}"))
    return dataclasses.replace(article, paragraphs=paragraphs, removed=tuple(removed), credits=_dedup(credits))

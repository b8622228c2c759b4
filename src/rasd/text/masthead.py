"""The site header of text scraped from a page: masthead date, menus, ad slots, widgets, breadcrumb.

Text copied from a page as served often opens with the site's header before the headline:
today's date (the day the page was served, often with the Hijri date beside it), section
names one per line, an ad slot ("مساحة إعلانية"), English widget text, and a breadcrumb
ending with the headline, which is then written again as the heading. None of it is the
article, and the header's date is not the article's date.

Only the head of the text is read: the content lines before the first body paragraph (a
line of `BODY_MIN_WORDS` words or a sentence). There:

- "menu": a run of at least `MENU_RUN` short lines (at most `MENU_MAX_WORDS` words, no digits,
  no sentence end), or one line of at least three short items split by "|" or "•";
- "section": a section name on its own line ("سياسة", "عربي ودولي", `SECTION_NAMES`);
- "ad_slot": an ad placeholder line;
- "widget": a line of Latin-script words (`LATIN_SHARE` of its letters) in the head of an
  Arabic text (weather, markets, "Next Previous");
- "breadcrumb": a line opening with "الرئيسية"/"Home" and split by "/", ">", "»" or "›";
- "masthead_date": a line that is only a date, above the headline, and either above a menu,
  ad slot, widget or breadcrumb, or giving a Hijri date beside the Gregorian one;
- "repeated_title": a line of the head equal to an earlier kept one (the headline written
  twice, as the page's title and as its heading).

`header_rules(lines)` takes the normalized content lines in order and gives each header line's
index and rule; the cleaning stage removes them as boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasd.arabic.dates import WEEKDAYS, find_dates
from rasd.arabic.normalize import normalize
from rasd.read.sections import is_section_name

BODY_MIN_WORDS = 10
MENU_RUN = 3
MENU_MAX_WORDS = 3
HEAD_MAX_LINES = 40
LATIN_SHARE = 0.85

_SENTENCE_END = (".", "!", "?", "؟", "…", ":")
_DIGIT = re.compile(r"\d")
_MENU_SPLIT = re.compile(r"\s*[|•·]\s*")
_CRUMB_SPLIT = re.compile(r"\s*(?:/|>|»|›|«|<)\s*")
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
_HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
    "رمضان", "شوال", "ذو القعدة", "ذي القعدة", "ذو الحجة", "ذي الحجة",
)  # fmt: skip
_HIJRI = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(normalize(w)).replace(r"\ ", r"\s+") for w in _HIJRI_MONTHS) + r")(?!\w)"
    r"|\d{4}\s*ه(?!\w)"
)
_AD_SLOTS = frozenset(
    normalize(w)
    for w in ("مساحة إعلانية", "مساحه اعلانيه", "إعلان", "اعلان", "إعلانات", "advertisement", "ads", "sponsored")
)
_HOME = frozenset(normalize(w) for w in ("الرئيسية", "الصفحة الرئيسية", "home", "الرئيسيه"))
_DATE_WORDS = frozenset(
    normalize(w)
    for w in ("الموافق", "م", "هـ", "ه", "الساعة", "اليوم", "|", "-", "،", ",", "/")
)


def _words(norm: str) -> list[str]:
    return [w for w in norm.split() if _LETTER.search(w) or _DIGIT.search(w)]


def _is_body(norm: str) -> bool:
    n = len(_words(norm))
    return n >= BODY_MIN_WORDS or (n >= 3 and norm.endswith((".", "!", "?", "؟", "…")))


def _short_item(norm: str) -> bool:
    return 0 < len(_words(norm)) <= MENU_MAX_WORDS and not _DIGIT.search(norm) and not norm.endswith(_SENTENCE_END)


def _menu_line(norm: str) -> bool:
    items = [p for p in _MENU_SPLIT.split(norm) if p]
    return len(items) >= MENU_RUN and all(_short_item(p) for p in items)


def _ad_slot(norm: str) -> bool:
    return norm.strip(" :-|").lower() in _AD_SLOTS


def _widget(norm: str) -> bool:
    letters = _LETTER.findall(norm)
    return len(letters) >= 3 and sum(1 for c in letters if _LATIN.match(c)) >= LATIN_SHARE * len(letters)


def _breadcrumb(norm: str) -> bool:
    parts = [p for p in _CRUMB_SPLIT.split(norm) if p]
    return len(parts) >= 2 and parts[0].lower() in _HOME


def _date_only(norm: str) -> bool:
    """Only dates (Gregorian or Hijri), weekdays and date words."""
    found = find_dates(norm)
    if not found and not _HIJRI.search(norm):
        return False
    rest, pos = [], 0
    for m in found:
        rest.append(norm[pos : m.start])
        pos = m.end
    rest.append(norm[pos:])
    left = _HIJRI.sub(" ", " ".join(rest))
    left = re.sub(r"\d+", " ", left)
    return all(w in _DATE_WORDS or w in WEEKDAYS for w in left.split())


def header_rules(lines: Sequence[str], arabic: bool = True) -> dict[int, str]:
    """Index -> rule for each header line among `lines` (normalized, stripped, non-empty)."""
    head = len(lines)
    for i, norm in enumerate(lines[:HEAD_MAX_LINES]):
        if _is_body(norm) and not _widget(norm):
            head = i
            break
    else:
        head = min(head, HEAD_MAX_LINES)
    out: dict[int, str] = {}
    for i in range(head):
        norm = lines[i]
        if _ad_slot(norm):
            out[i] = "ad_slot"
        elif _breadcrumb(norm):
            out[i] = "breadcrumb"
        elif _menu_line(norm):
            out[i] = "menu"
        elif is_section_name(norm):
            out[i] = "section"
        elif arabic and _widget(norm):
            out[i] = "widget"
    i = 0
    while i < head:  # runs of short lines, with the menus and ad slots among them
        j = i
        while j < head and (out.get(j) in ("menu", "ad_slot", "section") or (j not in out and _short_item(lines[j]))):
            j += 1
        if sum(1 for k in range(i, j) if k not in out) >= MENU_RUN:
            for k in range(i, j):
                out.setdefault(k, "menu")
        i = max(j, i + 1)
    dates = {i for i in range(head) if i not in out and _date_only(lines[i])}
    headline = next((i for i in range(head) if i not in out and i not in dates), head)
    furniture = [k for k in range(head) if out.get(k) in ("menu", "ad_slot", "widget", "breadcrumb", "section")]
    for i in sorted(dates):
        if i > headline:
            break  # a date under the headline is the article's own
        if any(k > i for k in furniture) or (_HIJRI.search(lines[i]) and find_dates(lines[i])):
            out[i] = "masthead_date"
    seen: set[str] = set()
    for i in range(head):
        if i in out:
            continue
        key = " ".join(re.sub(r"[^\w\s]", " ", lines[i]).split())
        if key and key in seen:
            out[i] = "repeated_title"
        seen.add(key)
    return out

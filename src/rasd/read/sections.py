"""Section and menu names: words that label a page or a part of a site, never an article.

Used by the page-title reader (a title tag that is only "سياسة - الموقع" gives no title) and by
the header rules of scraped text.
"""

from __future__ import annotations

from rasd.arabic.normalize import normalize

# Section and menu names that label a page, never an article (normalized when used).
SECTION_NAMES: tuple[str, ...] = (
    "الرئيسية", "الصفحة الرئيسية", "أخبار", "الأخبار", "آخر الأخبار", "أخبار عاجلة", "عاجل", "سياسة", "السياسة",
    "اقتصاد", "الاقتصاد", "رياضة", "الرياضة", "منوعات", "ثقافة", "الثقافة", "فن", "فنون", "صحة", "تكنولوجيا",
    "علوم", "محليات", "محلي", "عربي", "دولي", "عربي ودولي", "العالم", "العالم العربي", "الشرق الأوسط",
    "مقالات", "رأي", "الرأي", "آراء", "تقارير", "تحقيقات", "حوارات", "فيديو", "صور", "مال وأعمال", "أسواق",
    "المزيد", "اتصل بنا", "من نحن", "وطني", "جهات", "مجتمع", "حوادث", "خليجي", "الخليج",
)  # fmt: skip
_SECTIONS = frozenset(normalize(w) for w in SECTION_NAMES)


def is_section_name(norm: str) -> bool:
    """A page's section or menu name ("سياسة", "عربي ودولي"), normalized input."""
    return norm.strip(" :-|/»›").lower() in _SECTIONS

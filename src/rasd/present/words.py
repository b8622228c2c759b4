"""Arabic words for counts and labels, so pages read as Arabic rather than as "1 أحداث".

Arabic counted nouns agree with the number: one and two take the singular and the dual (حدث واحد،
حدثان), 3-10 the plural (٥ أحداث), 11-99 the singular in the accusative (١٥ حدثاً), and a round
hundred or thousand the singular (١٠٠ حدث); above 100 the last two digits decide.
"""

from __future__ import annotations

# noun: (one, two, plural for 3-10, accusative singular for 11-99, singular after 100, 1000...)
NOUNS: dict[str, tuple[str, str, str, str, str]] = {
    "article": ("مقال واحد", "مقالان", "مقالات", "مقالاً", "مقال"),
    "event": ("حدث واحد", "حدثان", "أحداث", "حدثاً", "حدث"),
    "story": ("قصة واحدة", "قصتان", "قصص", "قصة", "قصة"),
    "claimant": ("جهة واحدة", "جهتان", "جهات", "جهة", "جهة"),
    "result": ("نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة", "نتيجة"),
}
LANGUAGES = {"ar": "العربية", "en": "الإنجليزية", "fr": "الفرنسية", "fa": "الفارسية", "ur": "الأردية",
             "tr": "التركية", "he": "العبرية", "ru": "الروسية", "und": "غير محددة"}  # fmt: skip
ENTITY_TYPES = {"PER": "شخص", "ORG": "منظمة", "LOC": "مكان", "GPE": "دولة/مدينة", "MISC": "أخرى"}


def count_ar(n: int, noun: str) -> str:
    """`n` and `noun` (a key of NOUNS) in the agreeing Arabic form: count_ar(3, "event") == "3 أحداث"."""
    one, two, few, many, hundred = NOUNS[noun]
    if n == 1:
        return one
    if n == 2:
        return two
    tail = n % 100
    if 3 <= tail <= 10:
        return f"{n} {few}"
    if 11 <= tail <= 99:
        return f"{n} {many}"
    return f"{n} {hundred}" if n else f"0 {few}"

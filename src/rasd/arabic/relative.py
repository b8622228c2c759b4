"""Word lists for relative and historical time expressions, as `normalize` writes them.

Data only: `rasd.text.timeref` builds its matchers from these tables. Entries are written as a
reader types them (hamza, ta marbuta, tanween) and passed through `normalize`, so they meet
the text in the same form. Adding a synonym here is the way to teach the matcher a new word.
"""

from __future__ import annotations

from rasd.arabic.normalize import normalize


def _s(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


# "مساء اليوم", "فجر أمس", "ليلة الأحد": the part of the day, in English for the model.
PARTS_OF_DAY: dict[str, str] = {
    normalize(w): p
    for w, p in {
        "صباح": "morning",
        "فجر": "dawn",
        "ظهر": "noon",
        "ظهيرة": "noon",
        "عصر": "afternoon",
        "مساء": "evening",
        "ليلة": "night",
        "ليل": "night",
        "منتصف ليل": "night",
        "منتصف ليلة": "night",
    }.items()
}

# Today: "اليوم" (with a weekday or a part of the day) and forms that stand alone.
TODAY = normalize("اليوم")
THIS_PART_OF_DAY: dict[str, str] = {
    normalize(w): p
    for w, p in {"هذا الصباح": "morning", "هذا المساء": "evening", "هذه الليلة": "night", "الليلة": "night"}.items()
}
LAST_NIGHT = _s(("الماضية", "البارحة"))  # "الليلة الماضية": the night before publication

# Yesterday, the day before, tomorrow, the day after: offset in days from publication.
DAY_WORDS: dict[str, int] = {
    normalize(w): d
    for w, d in {
        "أمس": -1,
        "الأمس": -1,
        "البارحة": -1,
        "أول أمس": -2,
        "أول من أمس": -2,
        "أمس الأول": -2,
        "غدا": 1,
        "غد": 1,
        "الغد": 1,
        "بعد غد": 2,
    }.items()
}
# Forms that need "يوم", a part of the day or a weekday beside them to mean a date
# ("حلفاء الأمس" and "جيل الغد" are figures of speech, "غد" alone is rare).
YAWM = normalize("يوم")  # "يوم الأحد", "يوم أمس"
# After a weekday: "الأحد اليوم", "الثلاثاء أمس" (the usual order puts them first).
AFTER_WEEKDAY: dict[str, int] = {normalize("اليوم"): 0, normalize("أمس"): -1}
DAY_WORDS_BOUND = _s(("الأمس", "غد", "الغد"))

# After a weekday or a period: which way from publication.
PAST = _s(("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "المنقضي", "المنقضية"))
FUTURE = _s(("المقبل", "المقبلة", "القادم", "القادمة"))
CURRENT = _s(("الجاري", "الجارية", "الحالي", "الحالية"))

# "الأسبوع الماضي", "هذا الشهر", "للعام الجاري": the calendar unit named.
PERIOD_UNITS: dict[str, str] = {
    normalize(w): u
    for w, u in {
        "الأسبوع": "week",
        "الشهر": "month",
        "العام": "year",
        "السنة": "year",
        "للأسبوع": "week",
        "للشهر": "month",
        "للعام": "year",
        "للسنة": "year",
    }.items()
}
THIS = _s(("هذا", "هذه"))
# "العام" is also "general": "الأمين العام الحالي", "المؤتمر العام المقبل" name no year.
GENERAL_BEFORE = _s(
    (
        "الأمين", "النائب", "المدعي", "المدير", "الرأي", "المؤتمر", "الإضراب", "القطاع", "الأمن",
        "النظام", "الصالح", "المال", "الشأن", "الادعاء", "المفتش", "المراقب", "القائد", "المنسق",
        "الاتحاد", "المرشد", "العفو", "التعليم", "الإطار", "الطابع", "المزاج", "المشهد", "الوضع",
        "الاتجاه", "الهيكل", "الحشد", "التعداد", "الاستفتاء", "التصويت", "العام", "الشعور",
    )
)  # fmt: skip

# "قبل ثلاثة أيام", "منذ 3 أسابيع", "قبل عامين": counted units.
NUMBER_WORDS: dict[str, int] = {
    normalize(w): n
    for w, n in {
        "واحد": 1, "واحدة": 1, "اثنين": 2, "اثنتين": 2, "اثنان": 2, "اثنتان": 2,
        "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6,
        "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "ثمان": 8, "تسعة": 9, "تسع": 9,
        "عشرة": 10, "عشر": 10,
    }.items()
}  # fmt: skip
UNITS: dict[str, str] = {
    normalize(w): u
    for w, u in {
        "يوم": "day", "أيام": "day", "يوما": "day",
        "أسبوع": "week", "أسابيع": "week", "أسبوعا": "week",
        "شهر": "month", "أشهر": "month", "شهور": "month", "شهرا": "month",
        "عام": "year", "أعوام": "year", "عاما": "year", "سنة": "year", "سنوات": "year",
        "سنين": "year",
    }.items()
}  # fmt: skip
SINGLE_UNITS = _s(("يوم", "أسبوع", "شهر", "عام", "سنة"))  # "قبل عام": one year ago
DUAL_UNITS: dict[str, str] = {
    normalize(w): u
    for w, u in {
        "يومين": "day", "أسبوعين": "week", "شهرين": "month", "عامين": "year", "سنتين": "year",
    }.items()
}  # fmt: skip
AGO = _s(("قبل", "منذ"))
ONE = _s(("واحد", "واحدة"))
AGO_NOT_BEFORE = _s(("من", "على"))  # "قبل يومين من الانتخابات": relative to another event

# Years need a cue before them. Strong cues are part of the expression ("عام 1988");
# weak ones are prepositions that also precede counts ("في 2000 منزل"), so a year after
# them gets more checks.
YEAR_CUES_STRONG = _s(("عام", "العام", "سنة", "السنة", "للعام", "للسنة", "عامي", "العامين", "سنتي", "السنتين"))
YEAR_CUES_WEAK = _s(
    (
        "في", "منذ", "حتى", "خلال", "قبل", "بعد", "مطلع", "أوائل", "أواخر", "منتصف", "أواسط",
        "نهاية", "بداية", "ربيع", "صيف", "خريف", "شتاء",
    )
)  # fmt: skip
# A number followed by one of these counts something: not a year.
COUNTED_AFTER = _s(
    (
        "من", "ألف", "آلاف", "مليون", "ملايين", "مليار", "دولار", "يورو", "جنيه", "ريال", "درهم",
        "دينار", "ليرة", "كيلومتر", "كم", "متر", "طن", "برميل", "شخص", "قتيل", "جريح", "جندي",
        "عنصر", "مقاتل", "مدني", "طفل", "امرأة", "حالة", "إصابة", "منزل", "عائلة", "أسرة", "لاجئ",
        "نازح", "معتقل", "أسير", "صاروخ", "غارة", "موقع", "قرية", "مرة", "ساعة", "دقيقة", "سيارة",
        "وحدة", "فرد", "عامل", "موظف", "طالب", "مريض", "مهاجر", "ضحية", "قذيفة", "هكتار", "دونم",
        "صوت", "مقعد", "شخصا", "قتيلا", "جنديا", "عنصرا", "طفلا", "منزلا", "عام", "عاما", "سنة",
        "يوم", "يوما",
    )
)  # fmt: skip
# A year in the Hijri calendar ("1441 هـ") is not a Gregorian year.
HIJRI_AFTER = _s(("ه", "هـ", "هجري", "هجرية", "للهجرة"))
# Spelled-out era after a year, kept in the span: "1992م", "2020ء" (Urdu).
ERA_AFTER = _s(("م", "ء", "ميلادي", "ميلادية"))
# "بين عامي 1992 و1994", "في الفترة بين 1992 و1994": nouns between "بين" and the first year.
RANGE_NOUNS = _s(("عامي", "العامين", "الأعوام", "السنوات", "سنتي", "السنتين", "عام", "العام", "سنة"))
RANGE_TO = _s(("إلى", "حتى"))  # "من 1992 إلى 1994"
BETWEEN = normalize("بين")
FROM = normalize("من")
YEAR_WORDS = _s(("عام", "العام", "سنة"))
PLURAL_YEAR_WORDS = _s(("الأعوام", "السنوات"))

# "التسعينيات", "ثمانينات القرن الماضي": the decade digit.
DECADES: dict[str, int] = {
    normalize(w): d
    for w, d in {
        "عشرين": 2, "ثلاثين": 3, "أربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7, "ثمانين": 8,
        "تسعين": 9,
    }.items()
}  # fmt: skip
# Which century: a start year, "previous" or "current" (relative to publication).
_CENTURY_NAMES: dict[str, int | str] = {
    "القرن الماضي": "previous",
    "القرن المنصرم": "previous",
    "القرن الفائت": "previous",
    "القرن العشرين": 1900,
    "القرن الـ20": 1900,
    "القرن 20": 1900,
    "القرن الحالي": "current",
    "القرن الجاري": "current",
    "القرن الحادي والعشرين": 2000,
    "القرن الـ21": 2000,
    "القرن 21": 2000,
    "القرن التاسع عشر": 1800,
    "القرن الـ19": 1800,
    "القرن 19": 1800,
}
CENTURIES: dict[str, int | str] = {normalize(w): c for w, c in _CENTURY_NAMES.items()}

# "اليوم" that is not today: "اليوم الوطني", "اليوم الثالث", "في ذلك اليوم", "روسيا اليوم".
TODAY_NOT_BEFORE = _s(
    (
        "الوطني", "العالمي", "الدولي", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس",
        "السابع", "الثامن", "التاسع", "العاشر", "الحادي", "الأخير", "الآخر", "التالي", "السابق",
        "الذي", "المحدد", "المفتوح", "الدراسي", "الختامي", "الافتتاحي", "المشهود", "الموعود",
        "الواحد", "نفسه", "ذاته", "التالية",
    )
)  # fmt: skip
TODAY_NOT_AFTER = _s(("ذلك", "نفس", "ذات", "هذا", "روسيا", "المصري", "أخبار"))
# "في أمس الحاجة": "most in need", not yesterday.
YESTERDAY_NOT_BEFORE = _s(("الحاجة", "حاجة"))

# Weekday names that are also ordinary words.
MONDAY_ALSO_TWO = normalize("الاثنين")  # "the two": needs a clear day context
FRIDAY = normalize("الجمعة")
FRIDAY_NOT_AFTER = _s(("صلاة", "لصلاة", "صلاتي", "صلوات", "خطبة", "خطبتي", "خطيب", "مسجد", "جامع", "إمام"))
SUNDAY = normalize("الأحد")
SUNDAY_NOT_BEFORE = _s(("عشر",))  # "الأحد عشر": the eleven
SUNDAY_NOT_AFTER = _s(("الواحد",))  # "الواحد الأحد"
MONDAY_NOT_AFTER = _s(("كلا", "بين"))
MONDAY_AFTER_OK = _s(("منذ", "حتى"))
MONDAY_BEFORE_OK = _s(("إن", "أن", "إنه", "أنه", "إنها", "أنها", "إنهم", "أنهم"))  # "قال الاثنين إن"
# Words just before a date that belong to it: "اليوم الأحد 27 أيلول", "مساء أمس 5 مايو".
DATE_PREFIX = _s(("اليوم", "يوم", "أمس", "غدا"))

# Words before a bare weekday that put it in the future ("من المقرر أن يجتمعوا الخميس").
FUTURE_CUES = _s(("سوف", "المقرر", "المرتقب", "المرتقبة", "المزمع", "المزمعة", "يعتزم", "تعتزم"))

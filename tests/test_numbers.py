"""Figures in Arabic news text: digits, number words, qualifiers, ranges, years and duals.

Every sentence here was written for rasd's tests.
"""

from __future__ import annotations

import pytest

from rasd.arabic.duals import dual_singulars
from rasd.arabic.normalize import normalize
from rasd.arabic.numbers import NumberMatch, find_numbers


def one(text: str) -> NumberMatch:
    """The only figure of a sentence."""
    found = find_numbers(text)
    assert len(found) == 1, [(m.value, m.surface) for m in found]
    return found[0]


def values(text: str) -> list[int | float]:
    return [m.value for m in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("قال المتحدث إن 16 جنديا قتلوا في الهجوم", 16, "16"),
        ("أحصت البلدية 2700 منزل متضرر", 2700, "2700"),
        ("بلغ عدد النازحين 2,700 شخص", 2700, "2,700"),
        ("سجلت اللجنة 2.700 صوت باطل", 2700, "2.700"),
        ("ارتفع المؤشر بمقدار 2.5 نقطة", 2.5, "2.5"),
        ("أصيب ٢٧ شخصا في الانفجار", 27, "٢٧"),
        ("سقط ۲۷ جريحا في الحادث", 27, "۲۷"),
        ("نما الاقتصاد بنسبة ٢٫٥ خلال الربع الأول", 2.5, "٢٫٥"),
        ("وصل عدد المهاجرين إلى 1,250,000 في نهاية الموسم", 1250000, "1,250,000"),
    ],
)
def test_digits(text: str, value: int | float, surface: str) -> None:
    m = one(text)
    assert (m.value, m.surface, m.qualifier) == (value, surface, "exact")
    assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    "text",
    ["ارتفعت البطالة إلى 20% هذا العام", "تراجعت الأسعار 20 بالمئة", "فاز بنحو 20 في المائة", "بلغت الزيادة ٢٠٪"],
)
def test_percent(text: str) -> None:
    m = find_numbers(text)[-1]
    assert m.value == 20 and m.percent
    assert m.surface.endswith(("%", "بالمئة", "المائة", "٪"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("سجلت المحافظة صفر إصابات جديدة", 0),
        ("عاد واحد من الصيادين سالما", 1),
        ("نجت طفلة واحدة من الحريق", 1),
        ("وصل اثنان من المسعفين", 2),
        ("اعتقلت الشرطة اثنين من المشتبه بهم", 2),
        ("أنقذت الفرق اثنتين من الفتيات", 2),
        ("أصيب ثلاث نساء بجروح", 3),
        ("قتل ثلاثة رجال في الكمين", 3),
        ("دمرت أربع آليات", 4),
        ("فقد خمسة صيادين في البحر", 5),
        ("أغلقت ست مدارس أبوابها", 6),
        ("أفرج عن سبعة معتقلين", 7),
        ("اعتقل ثماني ناشطات", 8),
        ("أصيب ثمانية عمال", 8),
        ("عثر على تسع جثث", 9),
        ("احترقت عشر سيارات", 10),
        ("نقل عشرة جرحى إلى المستشفى", 10),
        ("أسقطت أحد عشر صاروخا", 11),
        ("تضررت إحدى عشرة مدرسة", 11),
        ("أسر اثنا عشر جنديا", 12),
        ("قتل اثني عشر مدنيا", 12),
        ("أصيب ثلاثة عشر شخصا", 13),
        ("غرق تسعة عشر قاربا", 19),
        ("قتل عشرون مسلحا", 20),
        ("أصيب عشرين شرطيا", 20),
        ("نزح تسعون ألفا", 90000),
        ("قتل خمسة وعشرون مدنيا", 25),
        ("أصيب سبع وعشرين امرأة", 27),
        ("اعتقل تسعة وتسعين متظاهرا", 99),
    ],
)
def test_small_words(text: str, value: int) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("نزح مئة شخص", 100),
        ("نزح مائة شخص", 100),
        ("أصيب مئتان من العمال", 200),
        ("أجلي مئتين من السياح", 200),
        ("أطلقت مئتي قذيفة", 200),
        ("أطلقت مائتي قذيفة", 200),
        ("لجأ مائتين إلى المدارس", 200),
        ("شارك ثلاثمئة متطوع", 300),
        ("شارك ثلاثمائة متطوع", 300),
        ("شارك ثلاث مئة متطوع", 300),
        ("وزعت تسعمئة سلة غذائية", 900),
        ("هدم مئة وخمسون منزلا", 150),
        ("حضر ألف شخص", 1000),
        ("فر ألفان من السكان", 2000),
        ("أغاث ألفين من المنكوبين", 2000),
        ("استقبل ألفي لاجئ", 2000),
        ("نزح ثلاثة آلاف شخص", 3000),
        ("نزح عشرة آلاف شخص", 10000),
        ("قتل أحد عشر ألفا", 11000),
        ("تظاهر عشرون ألفاً", 20000),
        ("شرد مئة ألف شخص", 100000),
        ("صوت مليون ناخب", 1000000),
        ("شاهده مليونان", 2000000),
        ("نزح مليونا شخص", 2000000),
        ("يعيش مليونين في المخيمات", 2000000),
        ("هجر ثلاثة ملايين شخص", 3000000),
        ("خصص مليار دولار", 1000000000),
        ("نزح 7 آلاف شخص", 7000),
        ("يسكن المدينة 2.5 مليون نسمة", 2500000),
        ("تجمع 30 ألف متظاهر", 30000),
        ("تضرر ألف و500 منزل", 1500),
        ("بلغ العدد ألفين وخمسمئة", 2500),
        ("رصد مليون و200 ألف دولار", 1200000),
        ("سجل ألف وخمسمئة وخمسة وعشرون ناخبا", 1525),
    ],
)
def test_large_words(text: str, value: int) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "value", "surface"),
    [
        ("ولثلاثة أيام متتالية", 3, "ثلاثة"),
        ("تبرع بمئتي ألف دولار", 200000, "مئتي ألف"),
        ("وثلاث منها دمرت بالكامل", 3, "ثلاث"),
        ("قُتِلَ ثَلاثَةُ جُنودٍ", 3, "ثَلاثَةُ"),
        ("نزح مـــئـــة شخص", 100, "مـــئـــة"),
        ("أجلي الاف الأشخاص والف طفل", 1000, "الاف"),
    ],
)
def test_clitics_and_spelling(text: str, value: int, surface: str) -> None:
    m = find_numbers(text)[0]
    assert (m.value, m.surface) == (value, surface)
    assert text[m.start : m.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "عقد المجلس جلسته يوم الثلاثاء",
        "وصل الوفد صباح الأحد إلى المطار",
        "قال أحد الجنود إن الوضع هادئ",
        "أصيبت إحدى الطائرات بأضرار",
        "انتهت المرحلة الثالثة من الخطة وتبدأ الثانية غدا",
        "احتفلت البلاد بالذكرى الحادي عشر للاستقلال",
        "شارك في المؤتمر للمرة الثاني عشر",
        "لست أدري ما الذي حدث",
        "تحدث شيخ العشيرة إلى معشر الشباب",
        "ألفت الكاتبة رواية جديدة ووقعها المؤلف",
        "تابعوا القناة على https://example.org/channel/0029Va8",
        "وقع الحادث في القرن العشرين",
        "للتواصل اتصلوا على 0123456789 أو على +961 1 555 123",
        "بدأ الاجتماع في الساعة 10:30 صباحا",
        "نُشر التقرير بتاريخ 28/09/2020",
        "",
    ],
)
def test_not_numbers(text: str) -> None:
    assert [m.surface for m in find_numbers(text) if not m.date_part] == []


def test_english_digits_are_still_figures() -> None:
    assert values("The army said 16 soldiers were killed.") == [16]


@pytest.mark.parametrize(
    ("text", "qualifier", "value", "surface"),
    [
        ("أصيب أكثر من مئة شخص", "more_than", 100, "أكثر من مئة"),
        ("وأكثر من مئتي جريح", "more_than", 200, "أكثر من مئتي"),
        ("قتل ما يزيد على 50 مسلحا", "more_than", 50, "ما يزيد على 50"),
        ("نزح ما يزيد عن ألف شخص", "more_than", 1000, "ما يزيد عن ألف"),
        ("تظاهر أزيد من 300 شخص", "more_than", 300, "أزيد من 300"),
        ("اعتقل ما لا يقل عن 30 ناشطا", "at_least", 30, "ما لا يقل عن 30"),
        ("قتل 12 مدنيا على الأقل", "at_least", 12, "12"),
        ("أجلي نحو سبعة آلاف شخص", "about", 7000, "نحو سبعة آلاف"),
        ("تضرر حوالي 40 منزلا", "about", 40, "حوالي 40"),
        ("تضرر حوالى 40 منزلا", "about", 40, "حوالى 40"),
        ("فر قرابة 500 شخص", "about", 500, "قرابة 500"),
        ("نزح زهاء ألفي شخص", "about", 2000, "زهاء ألفي"),
        ("وصل ما يقارب 60 مهاجرا", "about", 60, "ما يقارب 60"),
        ("أصيب ما يقرب من 20 طفلا", "about", 20, "ما يقرب من 20"),
        ("قتل 300 شخص تقريبا", "about", 300, "300"),
        ("أصيب أقل من 10 أشخاص", "less_than", 10, "أقل من 10"),
        ("يشمل القرار الأطفال دون 15 عاما", "less_than", 15, "دون 15"),
        ("تنقل الشاحنات ما يصل إلى 20 مركبة", "up_to", 20, "ما يصل إلى 20"),
        ("تستوعب القاعة حتى 500 شخص", "up_to", 500, "حتى 500"),
        ("أصيب عشرات المدنيين", "vague", 10, "عشرات"),
        ("نزح مئات الأشخاص", "vague", 100, "مئات"),
        ("فر آلاف السكان", "vague", 1000, "آلاف"),
        ("تظاهر عشرات الآلاف", "vague", 10000, "عشرات الآلاف"),
        ("شرد مئات الآلاف", "vague", 100000, "مئات الآلاف"),
        ("يعاني ملايين الأطفال", "vague", 1000000, "ملايين"),
        ("قتل بضعة جنود", "vague", 3, "بضعة"),
        ("وإصابة العشرات", "vague", 10, "العشرات"),
    ],
)
def test_qualifiers(text: str, qualifier: str, value: int, surface: str) -> None:
    m = one(text)
    assert (m.qualifier, m.value, m.surface) == (qualifier, value, surface)


def test_no_number_in_vague_phrase() -> None:
    assert find_numbers("أصيب عدد من المدنيين") == []


@pytest.mark.parametrize(
    ("text", "low", "high", "surface"),
    [
        ("قتل بين 10 و20 شخصا", 10, 20, "بين 10 و20"),
        ("نزح بين عشرة وعشرين ألفا", 10000, 20000, "بين عشرة وعشرين ألفا"),
        ("نزح بين 10 و20 ألفا", 10000, 20000, "بين 10 و20 ألفا"),
        ("يقدر عدد المقاتلين بـ 5 إلى 7 آلاف", 5000, 7000, "5 إلى 7 آلاف"),
        ("ينتظر 15-20 مريضا دورهم", 15, 20, "15-20"),
    ],
)
def test_ranges(text: str, low: int, high: int, surface: str) -> None:
    m = one(text)
    assert (m.qualifier, m.value, m.value_max, m.surface) == ("range", low, high, surface)


def test_rise_is_not_a_range() -> None:
    assert values("ارتفع عدد القتلى من 10 إلى 20 شخصا") == [10, 20]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("ولد في عام 1988 في بلدة صغيرة", 1988),
        ("تأسس الحزب في 2020", 2020),
        ("منذ سنة 1994 والأزمة مستمرة", 1994),
        ("عاد إلى بلاده في العام 2015", 2015),
    ],
)
def test_years(text: str, year: int) -> None:
    m = one(text)
    assert m.value == year and m.year_like and not m.date_part


def test_dates_and_years() -> None:
    found = find_numbers("اندلعت المعارك يوم الأحد 27 سبتمبر 2020 وقتل 16 جنديا")
    assert [(m.value, m.date_part, m.year_like) for m in found] == [
        (27, True, False),
        (2020, True, True),
        (16, False, False),
    ]
    assert all(m.year_like for m in find_numbers("بين عامي 2019 و2021"))
    assert one("دارت الحرب بين 1980 و1988 على الحدود").year_like
    assert not one("قتل 1990 شخصا في المجاعة").year_like


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("مروحيتين", "مروحية"),
        ("ومروحيتين", "مروحية"),
        ("طائرتين", "طائرة"),
        ("جنديين", "جندي"),
        ("قتيلين", "قتيل"),
        ("مدنيان", "مدني"),
        ("دبابتين", "دبابة"),
        ("والدبابتين", "دبابة"),
        ("بطائرتين", "طائرة"),
        ("مروحيتا", "مروحية"),
    ],
)
def test_dual_singulars(word: str, singular: str) -> None:
    assert normalize(singular) in dual_singulars(word)


def test_dual_singulars_first_candidate_and_none() -> None:
    assert dual_singulars("مروحيتين")[0] == "مروحيه"
    assert dual_singulars("جنديين") == ("جندي",)
    assert dual_singulars("قتل") == ()

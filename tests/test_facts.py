"""Numeric facts in news paragraphs: a war, an earthquake and floods, an election, and things that are not facts.

Every paragraph here was written for rasd's tests.
"""

from __future__ import annotations

import itertools

import pytest

from rasd.extract.facts import find_facts
from rasd.extract.types import KINDS, QUALIFIERS, Fact

Row = tuple[str, int | None, str]


def rows(text: str) -> list[Row]:
    """(kind, value, qualifier) of each fact, after checking the invariants every fact keeps."""
    facts = find_facts(text)
    check(text, facts)
    return [(f.kind, f.value, f.qualifier) for f in facts]


def check(text: str, facts: list[Fact], base: int = 0) -> None:
    for f in facts:
        assert f.kind in KINDS and f.qualifier in QUALIFIERS
        assert text[f.start - base : f.end - base] == f.surface
    spans = [(f.start, f.end) for f in facts]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def by_kind(text: str) -> dict[str, Fact]:
    facts = find_facts(text)
    check(text, facts)
    return {f.kind: f for f in facts}


# ---------------------------------------------------------------- a war


def test_killed_and_wounded_others() -> None:
    text = "وأعلنت وزارة الدفاع في بيان مقتل 16 جنديا وإصابة أكثر من مئة آخرين في القصف الذي استهدف مواقعها."
    assert rows(text) == [("killed", 16, "exact"), ("wounded", 100, "more_than")]
    wounded = find_facts(text)[1]
    assert wounded.surface == "أكثر من مئة آخرين"


def test_post_verb_and_civilian_dual() -> None:
    text = "وقالت السلطات المحلية إن 25 شخصا قتلوا، بينهم مدنيان، وأصيب 138 آخرون في الغارات."
    got = rows(text)
    assert got[0] == ("killed", 25, "exact")
    assert got[-1] == ("wounded", 138, "exact")
    assert set(got[1:-1]) <= {("killed", 2, "exact")}


def test_toll_nouns_carry_their_kind() -> None:
    text = "وأدى القصف العنيف إلى سقوط 27 قتيلاً في الأحياء الشرقية وأكثر من مئتي جريح نقلوا إلى المستشفيات."
    assert rows(text) == [("killed", 27, "exact"), ("wounded", 200, "more_than")]
    assert find_facts(text)[1].surface == "أكثر من مئتي جريح"


def test_casualties() -> None:
    text = "وأكد المتحدث أن المعارك أسفرت عن مقتل وجرح 2700 من عناصر هذه القوات منذ بدء الهجوم."
    [fact] = find_facts(text)
    assert (fact.kind, fact.value, fact.subject, fact.surface) == ("casualties", 2700, None, "2700 من عناصر")
    assert rows("وسقط 40 بين قتيل وجريح في الاشتباكات") == [("casualties", 40, "exact")]


def test_air_defence_with_owner_after_it() -> None:
    text = "وأفادت الوزارة بأن قواتها دمرت 12 منظومة مضادة للطائرات تابعة لسلاح الجو الأرميني خلال يومين."
    [fact] = find_facts(text)
    assert (fact.kind, fact.value, fact.action, fact.subject) == ("air_defence", 12, "destroyed", "AM")
    assert fact.surface == "12 منظومة مضادة للطائرات"


def test_coordinated_list_with_duals_and_nisba() -> None:
    text = "وقال المتحدث إن الدفاعات الجوية أسقطت طائرتين مروحيتين وثلاث طائرات مسيرة أذربيجانية فوق الإقليم."
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.action, f.subject) for f in facts] == [
        ("helicopter", 2, "downed", "AZ"),
        ("drone", 3, "downed", "AZ"),
    ]
    assert facts[0].surface == "طائرتين مروحيتين"


def test_equipment_list_with_digits_duals_and_words() -> None:
    text = "ودمرت الوحدات الأرمينية 3 دبابات ومروحيتين وثلاث طائرات مسيرة أذربيجانية قرب خط التماس."
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.subject) for f in facts] == [
        ("tank", 3, "AZ"),
        ("helicopter", 2, "AZ"),
        ("drone", 3, "AZ"),
    ]
    assert all(f.action == "destroyed" for f in facts)


def test_loser_named_before_the_loss_verb() -> None:
    tanks = by_kind("وأكدت يريفان أن أذربيجان فقدت ثلاث دبابات ومدرعتين في معارك الليلة الماضية.")
    assert (tanks["tank"].value, tanks["tank"].action, tanks["tank"].subject) == (3, "lost", "AZ")
    assert (tanks["armoured_vehicle"].value, tanks["armoured_vehicle"].subject) == (2, "AZ")
    text = "وتكبد العدو خسائر كبيرة في صفوف القوات الأذرية بفقدانها 3 دبابات وعربة مدرعة."
    assert (by_kind(text)["tank"].subject, by_kind(text)["tank"].action) == ("AZ", "lost")


def test_positions_and_settlements_taken() -> None:
    text = "وذكر البيان أن القوات سيطرت على عشرات المواقع، وتمكنت من السيطرة على 5 قرى و3 مواقع عسكرية."
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.qualifier, f.action) for f in facts] == [
        ("position", 10, "vague", "taken"),
        ("settlement", 5, "exact", "taken"),
        ("position", 3, "exact", "taken"),
    ]


def test_vehicles_up_to_and_singular_helicopter() -> None:
    [vehicles] = find_facts("وغنمت الفصائل ما يصل إلى 20 مركبة عسكرية خلال انسحاب القوات الحكومية.")
    assert (vehicles.kind, vehicles.value, vehicles.qualifier, vehicles.action) == ("vehicle", 20, "up_to", "captured")
    assert vehicles.surface == "ما يصل إلى 20 مركبة"
    [heli] = find_facts("وأعلنت الوزارة أن دفاعاتها أسقطت طائرة هليكوبتر أذربيجانية صباح اليوم.")
    assert (heli.kind, heli.value, heli.action, heli.subject) == ("helicopter", 1, "downed", "AZ")


def test_people_with_their_side() -> None:
    assert by_kind("وقتل 16 جنديا أذربيجانيا على الأقل في الهجوم")["killed"].subject == "AZ"
    fact = by_kind("وأفادت مصادر ميدانية بمقتل 16 جنديا أرمينيا على الأقل")["killed"]
    assert (fact.subject, fact.qualifier) == ("AM", "at_least")
    [dual] = find_facts("وقتل جنديان أرمينيان في قصف مدفعي استهدف نقطة حدودية")
    assert (dual.kind, dual.value, dual.subject, dual.surface) == ("killed", 2, "AM", "جنديان")


def test_own_side() -> None:
    text = "واعترفت الوزارة بمقتل 12 من جنودها وإصابة 30 في صفوفها خلال المواجهات."
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.side, f.subject) for f in facts] == [
        ("killed", 12, "own", None),
        ("wounded", 30, "own", None),
    ]


def test_missiles_launched_and_downed() -> None:
    [salvo] = find_facts("وأطلقت الفصائل المسلحة عشرات الصواريخ على المدن الحدودية")
    assert (salvo.kind, salvo.value, salvo.qualifier, salvo.action) == ("missile", 10, "vague", "launched")
    [pair] = find_facts("وأسقطت الدفاعات الجوية صاروخين إسرائيليين فوق العاصمة")
    assert (pair.kind, pair.value, pair.action, pair.subject) == ("missile", 2, "downed", "IL")


# ---------------------------------------------------------------- an earthquake, floods


def test_earthquake_toll() -> None:
    text = (
        "ضرب زلزال بقوة 6.3 درجات المنطقة فجر الأحد، وأعلنت السلطات ارتفاع حصيلة القتلى إلى 120 قتيلا، "
        "فيما بلغ عدد الجرحى 450، ولا يزال 35 شخصا في عداد المفقودين."
    )
    assert rows(text) == [("killed", 120, "exact"), ("wounded", 450, "exact"), ("missing", 35, "exact")]


def test_earthquake_damage_and_displacement() -> None:
    text = "وأدى الزلزال إلى انهيار 200 مبنى وتضرر أكثر من ألف منزل، ونزوح نحو 15 ألف شخص إلى المخيمات."
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.qualifier, f.action) for f in facts] == [
        ("building", 200, "exact", "destroyed"),
        ("building", 1000, "more_than", "damaged"),
        ("displaced", 15000, "about", ""),
    ]


def test_rescue_and_vague_missing() -> None:
    text = "وتمكنت فرق الدفاع المدني من إنقاذ 60 شخصا من تحت الأنقاض، فيما لا يزال العشرات في عداد المفقودين."
    assert rows(text) == [("rescued", 60, "exact"), ("missing", 10, "vague")]


def test_floods() -> None:
    text = "وأسفرت الفيضانات التي اجتاحت المدينة عن مقتل 12 شخصاً وإصابة العشرات."
    assert rows(text) == [("killed", 12, "exact"), ("wounded", 10, "vague")]
    text = "وجرى إجلاء نحو سبعة آلاف شخص من 16 قرية غمرتها المياه."
    assert rows(text) == [("evacuated", 7000, "about")]
    assert find_facts(text)[0].surface == "نحو سبعة آلاف شخص"


def test_bare_figures_after_event_words() -> None:
    assert rows("أسفر الانفجار عن مقتل 3 وإصابة 10 في حصيلة أولية") == [
        ("killed", 3, "exact"),
        ("wounded", 10, "exact"),
    ]
    assert rows("قتل ثلاثة وجرح خمسة في حادث سير") == [("killed", 3, "exact"), ("wounded", 5, "exact")]
    assert rows("وقالت الصحة إن الكارثة أودت بحياة 30 ألف شخص") == [("killed", 30000, "exact")]
    assert rows("وأكد مصدر طبي انتشال 14 جثة من تحت الأنقاض") == [("killed", 14, "exact")]


def test_counts_written_after_the_noun_and_possessives() -> None:
    assert rows("وأدى القصف إلى مقتل مدنيَّين اثنين ونزوح عشرات العائلات") == [("killed", 2, "exact")]
    assert rows("قُتل ثلاثة جنود وأُصيب اثنان آخران في الهجوم") == [("killed", 3, "exact"), ("wounded", 2, "exact")]
    [drone] = find_facts("وأقر الجيش بأنه فقد طائرة مسيرة واحدة فوق البحر")
    assert (drone.kind, drone.value, drone.action, drone.surface) == ("drone", 1, "lost", "طائرة مسيرة واحدة")
    [four] = find_facts("وقال الجيش إن 4 من جنوده قتلوا في الكمين")
    assert (four.kind, four.value, four.side, four.surface) == ("killed", 4, "", "4 من جنوده")


def test_other_verbs_and_tolls() -> None:
    assert rows('وقال الجيش إنه "حيّد" 17 مسلحاً في الغارات') == [("killed", 17, "exact")]
    assert rows("نزح مليونا شخص، بينهم نحو ٩٠٠ ألف لجأوا إلى الدول المجاورة")[-1] == ("displaced", 900000, "about")
    [homes] = find_facts("وألحقت السيول أضراراً بمئات المنازل في القرى الجبلية")
    assert (homes.kind, homes.value, homes.qualifier, homes.action) == ("building", 100, "vague", "damaged")
    text = "وتجاوزت حصيلة القتلى في المدينة، بحسب مصادر طبية، 300 شخص"
    assert rows(text) == [("killed", 300, "exact")]


def test_harakat_and_eastern_digits() -> None:
    text = "قُتِلَ ثَلاثَةُ جُنودٍ وَأُصيبَ ١٥ آخَرونَ"
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.surface) for f in facts] == [
        ("killed", 3, "ثَلاثَةُ جُنودٍ"),
        ("wounded", 15, "١٥ آخَرونَ"),
    ]


# ---------------------------------------------------------------- an election


def test_election() -> None:
    text = (
        "وحصل الحزب الحاكم على 45 مقعدا من أصل 120 في البرلمان، بينما نال منافسه 1.2 مليون صوت، "
        "وبلغت نسبة المشاركة 61% بحسب اللجنة العليا للانتخابات."
    )
    facts = find_facts(text)
    check(text, facts)
    assert [(f.kind, f.value, f.surface) for f in facts] == [
        ("seats", 45, "45 مقعدا"),
        ("votes", 1200000, "1.2 مليون صوت"),
        ("turnout", 61, "61%"),
    ]


def test_turnout_is_rounded_and_other_percentages_are_not_facts() -> None:
    assert rows("وبلغت نسبة المشاركة في الاقتراع 47.5 في المئة") == [("turnout", 48, "exact")]
    assert rows("وفاز الحزب بنسبة 52% من الأصوات في الدائرة الأولى") == []
    assert rows("وارتفعت أسعار الوقود بنسبة 20 بالمئة") == []


# ---------------------------------------------------------------- not facts


@pytest.mark.parametrize(
    "text",
    [
        "ولد الرئيس عام 1958 في قرية جبلية وتولى الحكم في 2003.",
        "وكان الجندي يبلغ من العمر 45 عاما، ويشمل القرار الأطفال دون 15 عاما.",
        "استمرت المعارك 48 ساعة على بعد 30 كيلومترا من الحدود.",
        "للاستفسار يرجى الاتصال على الرقم 0123456789 أو على +961 1 555 123.",
        "عقد المجلس جلسة يوم الأحد وأخرى يوم الثلاثاء في الدورة الثالثة.",
        "قال أحد الجنود إن الفرقة الثانية وصلت إلى الخطوط الأمامية.",
        "جرت الانتخابات في 28 سبتمبر 2020 الساعة 10:30 صباحا.",
        "يعيش في القرية 5 آلاف شخص ويعمل معظمهم في الزراعة.",
        "وخرجت 3 مسيرات في المدينة تندد بالغلاء.",
        "وتضم البلدة 12 مدرسة و4 مستشفيات و200 منزل جديد.",
        "وقطعت القوات مسافة 40 كيلومترا خلال 3 أيام.",
        "وأصيب عدد من المدنيين بجروح طفيفة.",
        "The ministry said 16 soldiers were killed and 3 tanks destroyed.",
        "",
    ],
)
def test_not_facts(text: str) -> None:
    assert find_facts(text) == []


def test_base_offsets() -> None:
    para = "وأعلنت الوزارة مقتل 16 جنديا."
    article = "عنوان الخبر\n\n" + para
    base = article.index(para)
    facts = find_facts(para, base)
    check(article, facts, 0)
    assert [article[f.start : f.end] for f in facts] == ["16 جنديا"]


# Shapes met in real wire copy (sentences written for these tests).
def test_nisba_counts_people_and_names_their_side() -> None:
    assert rows("وقتلت القوات 38 فلسطينيا خلال المواجهات على السياج") == [("killed", 38, "exact")]
    assert by_kind("وقتلت القوات 38 فلسطينيا خلال المواجهات")["killed"].subject == "PS"
    [dual] = find_facts("قتل عراقيان بانفجار عبوة ناسفة قرب السوق")
    assert (dual.kind, dual.value, dual.subject) == ("killed", 2, "IQ")
    assert find_facts("وقال إن أحد الشابين قتل برصاصة في الرأس") == []  # the two named again
    assert rows("اعتقلت الشرطة أكثر من 150 معلما خلال الاحتجاج") == [("arrested", 150, "more_than")]


def test_dual_verb_after_its_subject() -> None:
    assert rows("وأفادت وسائل إعلام بأن عاملين قتلا في الانهيار") == [("killed", 2, "exact")]
    got = rows("وذكر الحاكم أن شخصين قتلا وأصيب خمسة آخرون، بينهم طفلان")
    assert got == [("killed", 2, "exact"), ("wounded", 5, "exact"), ("wounded", 2, "exact")]


def test_active_wound_verbs_and_qualifier_of_its_own_figure() -> None:
    assert rows("هاجم مسلحون الحاجز وقتلوا 9 أشخاص وأصابوا 5 على الأقل") == [
        ("killed", 9, "exact"),
        ("wounded", 5, "at_least"),
    ]
    got = rows("وقال البيان إن التفجير قتل 12 شخصا وجرحت 30 آخرين")
    assert got == [("killed", 12, "exact"), ("wounded", 30, "exact")]
    assert rows("وأصيب اثنان بجراح خطيرة") == [("wounded", 2, "exact")]


def test_toll_reached_far_from_its_noun() -> None:
    assert rows("وبذلك يصل عدد القتلى في السيول هذا الأسبوع إلى 64.") == [("killed", 64, "exact")]
    got = rows("وأعلن المركز ارتفاع عدد القتلى إلى 31 والجرحى إلى 88، بينهم أطفال")
    assert got == [("killed", 31, "exact"), ("wounded", 88, "exact")]
    assert rows("ووصل عدد السكان في المدينة إلى 900.") == []

"""Time references: the five seeds with their gold publication dates, and hand-written sentences.

The sentences below were written for these tests (not taken from any outlet). Publication dates
used often: 2020-09-28 is a Monday, 2023-09-20 a Wednesday, 2022-01-03 a Monday.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.model import Anchor, Article, Precision, Published, Span, TimeRef
from rasd.text.timeref import NO_DATE, YEAR_FROM_P, find_time_refs, resolve_time

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
MON = dt.date(2020, 9, 28)  # Monday
WED = dt.date(2023, 9, 20)  # Wednesday
JAN3 = dt.date(2022, 1, 3)  # Monday, just after New Year
THU = dt.date(2021, 6, 10)  # Thursday


def lines(raw: str) -> list[Span]:
    """Non-blank lines as paragraph spans."""
    out, pos = [], 0
    for line in raw.split("\n"):
        if line.strip():
            out.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return out


def article(raw: str, published: str | None) -> Article:
    pub = None
    if published:
        precision = Precision.MINUTE if "T" in published else Precision.DAY
        pub = Published(dt.datetime.fromisoformat(published), precision, None, "test")
    return Article(
        id="t", raw=raw, origin="test", fmt="text", content_hash="h", paragraphs=tuple(lines(raw)), published=pub
    )


def refs(text: str, p: dt.date | None) -> list[TimeRef]:
    return find_time_refs(text, lines(text), p)


def one(text: str, p: dt.date | None, surface: str) -> TimeRef:
    """The single reference whose text is `surface`."""
    found = [r for r in refs(text, p) if r.text == surface]
    assert len(found) == 1, (surface, [r.text for r in refs(text, p)])
    return found[0]


def values(text: str, p: dt.date | None) -> list[str | None]:
    return [r.value for r in refs(text, p)]


# ---------------------------------------------------------------- seeds


def seed(name: str) -> tuple[str, dict[str, Any]]:
    if not SEEDS.is_dir():
        pytest.skip("seeds folder not available")
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"]
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8"), gold[name]


SEED_NAMES = [
    "000_275c5130d3afdad5",
    "001_5d190e1fc6d5d137",
    "002_0a8a8afc27c77643",
    "003_fa4c1d13aaf5ba4d",
    "004_e93f75d20582ed49",
]


def seed_refs(name: str) -> tuple[Article, dict[str, Any]]:
    raw, gold = seed(name)
    published = gold["published"]
    assert published is None or isinstance(published, str)
    return resolve_time(article(raw, published)), gold


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_gold_dates_found(name: str) -> None:
    art, gold = seed_refs(name)
    by_text = {r.text: r for r in art.time_refs}
    for rel in gold.get("relative_dates", []):
        assert by_text[rel["text"]].value == rel["date"]
        assert by_text[rel["text"]].anchor is Anchor.RELATIVE
    vals = {r.value for r in art.time_refs}
    assert set(gold.get("background_dates", [])) <= vals
    assert all(r.span.of(art.raw) == r.text for r in art.time_refs)


def test_seed_000() -> None:
    art, _ = seed_refs("000_275c5130d3afdad5")
    got = [(r.text, r.value, r.part_of_day) for r in art.time_refs]
    assert ("28 سبتمبر 2020ء", "2020-09-28", None) in got  # the dateline is listed too
    assert ("اليوم الأحد", "2020-09-27", None) in got
    assert ("صباح اليوم الأحد", "2020-09-27", "morning") in got
    assert ("اليوم", "2020-09-28", None) in got  # "في وقت سابق اليوم"
    assert got.count(("بين 1992 و1994", "1992/1994", None)) == 2  # repeated paragraph kept here
    assert ("عام 1992", "1992", None) in got
    assert ("شباط/فبراير عام 1988", "1988-02", None) in got


def test_seed_001() -> None:
    art, _ = seed_refs("001_5d190e1fc6d5d137")
    r = next(r for r in art.time_refs if r.text == "مساء اليوم الأحد")
    assert (r.value, r.part_of_day, r.weekday, r.anchor) == ("2020-09-27", "evening", 6, Anchor.RELATIVE)
    dateline = art.time_refs[0]
    assert (dateline.value, dateline.precision) == ("2020-09-28", Precision.DAY)  # time of day dropped
    assert {r.value for r in art.time_refs if r.text == "اليوم الأحد"} == {"2020-09-27"}


def test_seed_002() -> None:
    art, _ = seed_refs("002_0a8a8afc27c77643")
    r = next(r for r in art.time_refs if "أيلول" in r.text)
    assert r.text == "اليوم الأحد 27 أيلول/ سبتمبر"  # one reference, not a weekday and a date
    assert (r.value, r.anchor, r.note) == ("2020-09-27", Anchor.ABSOLUTE, YEAR_FROM_P)
    assert "بين 1992 - 1994" in {r.text for r in art.time_refs}


def test_seed_003() -> None:
    art, _ = seed_refs("003_fa4c1d13aaf5ba4d")
    got = {r.text: r.value for r in art.time_refs}
    assert got["أمس الثلاثاء"] == "2023-09-19"
    assert got["الثلاثاء 19 سبتمبر/أيلول 2023"] == "2023-09-19"
    assert got["اليوم الأربعاء 20 سبتمبر/أيلول 2023"] == "2023-09-20"
    assert got["التسعينيات"] == "1990/1999"
    assert got["10 ديسمبر/كانون الأول 1991"] == "1991-12-10"
    assert {got["عام 1991"], got["العام 1923"], got["العام 1993"]} == {"1991", "1923", "1993"}
    texts = " ".join(got)
    for count in ("30 ألف", "20%", "6500", "60 موقع", "138", "25 شخص"):
        assert count not in texts


def test_seed_004_without_publication_date() -> None:
    art, _ = seed_refs("004_e93f75d20582ed49")
    r = next(r for r in art.time_refs if r.text == "اليوم الخميس")
    assert (r.value, r.weekday, r.note, r.anchor) == (None, 3, NO_DATE, Anchor.RELATIVE)
    assert ("عام 1992", "1992") in [(r.text, r.value) for r in art.time_refs]
    assert not any("2700" in r.text for r in art.time_refs)
    assert all(r.value is None for r in art.time_refs if r.anchor is Anchor.RELATIVE)


# ---------------------------------------------------------------- relative days


def test_today_alone_and_with_weekday() -> None:
    assert one("أعلن الجيش اليوم أنه سيطر على المدينة.", MON, "اليوم").value == "2020-09-28"
    r = one("قال الوزير اليوم الأحد إن المحادثات ستستأنف.", MON, "اليوم الأحد")
    assert (r.value, r.weekday, r.note) == ("2020-09-27", 6, "")  # published after midnight
    assert one("قال الوزير اليوم الاثنين إن...", MON, "اليوم الاثنين").value == "2020-09-28"
    r = one("قال الوزير، اليوم، الأحد، إن الاجتماع انتهى.", MON, "اليوم، الأحد")
    assert r.value == "2020-09-27"
    far = one("وصل الوفد اليوم الخميس إلى العاصمة.", MON, "اليوم الخميس")
    assert far.value == "2020-09-24" and "4 days" in far.note


def test_weekday_mentions() -> None:
    assert one("عقدت اللجنة اجتماعها يوم الأحد في مقرها.", MON, "يوم الأحد").value == "2020-09-27"
    assert one("قالت وزارة الصحة، الثلاثاء، إن الإصابات تراجعت.", WED, "الثلاثاء").value == "2023-09-19"
    assert one("وأعلنت الحكومة الأربعاء أنها ستخفض الضرائب.", WED, "الأربعاء").value == "2023-09-20"
    assert one("قال الرئيس، الاثنين، إن البلاد تمر بأزمة.", MON, "الاثنين").value == "2020-09-28"
    assert one("قال الرئيس الاثنين إن البلاد تمر بأزمة.", MON, "الاثنين").value == "2020-09-28"
    assert one("أعلن الجيش الأحد اليوم أنه سيطر على التلة.", MON, "الأحد اليوم").value == "2020-09-27"
    assert one("أعلن الجيش الأحد أمس أنه سيطر على التلة.", MON, "الأحد أمس").value == "2020-09-27"
    r = one("من المقرر أن يجتمع المجلس الخميس في نيويورك.", MON, "الخميس")
    assert r.value == "2020-10-01" and r.note


@pytest.mark.parametrize(
    ("text", "surface", "value", "pod"),
    [
        ("اندلعت الاشتباكات مساء اليوم الأحد على الحدود.", "مساء اليوم الأحد", "2020-09-27", "evening"),
        ("أقلعت الطائرة صباح اليوم من المطار.", "صباح اليوم", "2020-09-28", "morning"),
        ("شنت الطائرات غارات فجر اليوم على المواقع.", "فجر اليوم", "2020-09-28", "dawn"),
        ("يبدأ الاجتماع ظهر اليوم في القصر.", "ظهر اليوم", "2020-09-28", "noon"),
        ("سمع دوي انفجارات ليلة أمس في الضاحية.", "ليلة أمس", "2020-09-27", "night"),
        ("وصل الوفد مساء أمس إلى بيروت.", "مساء أمس", "2020-09-27", "evening"),
        ("دوت صفارات الإنذار مساء الأحد في المدينة.", "مساء الأحد", "2020-09-27", "evening"),
        ("هدأت الاشتباكات الليلة الماضية بعد وساطة.", "الليلة الماضية", "2020-09-27", "night"),
    ],
)
def test_parts_of_day(text: str, surface: str, value: str, pod: str) -> None:
    r = one(text, MON, surface)
    assert (r.value, r.part_of_day, r.anchor, r.precision) == (value, pod, Anchor.RELATIVE, Precision.DAY)


def test_earlier_today() -> None:
    assert one("وأقر البرلمان، في وقت سابق اليوم، قانونا جديدا.", MON, "اليوم").value == "2020-09-28"
    r = one("وقالت الوزارة في وقت سابق من اليوم الأحد إن...", MON, "اليوم الأحد")
    assert r.value == "2020-09-27"


def test_yesterday_forms() -> None:
    for word in ("أمس", "امس", "البارحة", "يوم أمس", "بالأمس"):
        text = f"وكان الرئيس قد أعلن {word} عن تعديل وزاري."
        surface = "الأمس" if word == "بالأمس" else word
        assert one(text, WED, surface).value == "2023-09-19", word
    assert one("قال الجيش أمس الثلاثاء إنه صد هجوما.", WED, "أمس الثلاثاء").value == "2023-09-19"
    odd = one("قال الجيش أمس الاثنين إنه صد هجوما.", WED, "أمس الاثنين")
    assert odd.value == "2023-09-18" and "disagrees" in odd.note  # trust the weekday, say so
    assert one("وصل المبعوث أول أمس إلى دمشق.", WED, "أول أمس").value == "2023-09-18"
    assert one("وصل المبعوث أول من أمس إلى دمشق.", WED, "أول من أمس").value == "2023-09-18"


def test_tomorrow_forms() -> None:
    r = one("يزور الوزير القاهرة غداً لإجراء محادثات.", WED, "غداً")  # tanween stays in the span
    assert r.value == "2023-09-21"
    assert one("تبدأ المفاوضات غدا الخميس في جنيف.", WED, "غدا الخميس").value == "2023-09-21"
    r = one("سيزور الوزير القاهرة غداً الخميس لإجراء محادثات.", JAN3, "غداً الخميس")
    assert r.value == "2022-01-06" and "disagrees" in r.note
    assert one("تنتهي المهلة بعد غد عند الظهر.", WED, "بعد غد").value == "2023-09-22"
    assert one("يلتقي الرئيسان صباح الغد في أنقرة.", WED, "صباح الغد").value == "2023-09-21"


def test_last_and_next_weekday() -> None:
    assert one("قتل ثلاثة أشخاص الخميس الماضي في الهجوم.", THU, "الخميس الماضي").value == "2021-06-03"
    assert one("قتل ثلاثة أشخاص الخميس الماضي في الهجوم.", MON, "الخميس الماضي").value == "2020-09-24"
    text = "أعلنت الشرطة الجمعة الماضية عن توقيف المشتبه به، وقالت إن التحقيق بدأ الجمعة الماضي."
    assert values(text, JAN3) == ["2021-12-31", "2021-12-31"]
    assert one("تجرى الانتخابات الخميس المقبل في كل المحافظات.", THU, "الخميس المقبل").value == "2021-06-17"
    assert one("تجرى الانتخابات يوم السبت القادم.", THU, "يوم السبت القادم").value == "2021-06-12"


def test_periods() -> None:
    r = one("تراجعت الأسعار خلال الأسبوع الماضي بنسبة طفيفة.", JAN3, "الأسبوع الماضي")
    assert (r.value, r.precision) == ("2021-12-27/2022-01-02", Precision.RANGE)
    assert one("ارتفعت الصادرات الأسبوع المقبل.", WED, "الأسبوع المقبل").value == "2023-09-25/2023-10-01"
    r = one("ارتفع التضخم الشهر الماضي إلى مستوى قياسي.", JAN3, "الشهر الماضي")
    assert (r.value, r.precision) == ("2021-12", Precision.MONTH)
    for surface, value in [("العام الماضي", "2021"), ("السنة الماضية", "2021"), ("هذا العام", "2022"),
                           ("العام الجاري", "2022"), ("العام المقبل", "2023")]:  # fmt: skip
        r = one(f"نما الاقتصاد {surface} بنسبة ثلاثة في المئة.", JAN3, surface)
        assert (r.value, r.precision, r.anchor) == (value, Precision.YEAR, Anchor.RELATIVE)


def test_days_ago() -> None:
    text = "عقد الاجتماع قبل يومين، ووصل وفد قبل ثلاثة أيام وآخر قبل 3 أيام وثالث قبل ٥ أيام."
    got = {r.text: r.value for r in refs(text, WED)}
    assert got == {
        "قبل يومين": "2023-09-18",
        "قبل ثلاثة أيام": "2023-09-17",
        "قبل 3 أيام": "2023-09-17",
        "قبل ٥ أيام": "2023-09-15",
    }
    assert one("غادر البلاد قبل أسبوعين.", WED, "قبل أسبوعين").value == "2023-09-06"
    assert one("بدأت الأزمة منذ شهرين.", JAN3, "منذ شهرين").value == "2021-11"
    assert one("انتخب قبل عامين رئيسا للبلدية.", WED, "قبل عامين").value == "2021"
    assert one("وقع الزلزال قبل 11 يوما.", WED, "قبل 11 يوما").value == "2023-09-09"
    assert refs("وصل قبل يومين من الانتخابات.", WED) == []  # relative to another event


def test_date_without_year_takes_nearest_year() -> None:
    r = one("احتفل السكان بالعيد في 25 كانون الأول وسط إجراءات أمنية.", JAN3, "25 كانون الأول")
    assert (r.value, r.anchor, r.note) == ("2021-12-25", Anchor.ABSOLUTE, YEAR_FROM_P)
    assert one("تبدأ الدراسة في 5 يناير.", dt.date(2021, 12, 28), "5 يناير").value == "2022-01-05"
    bad = one("وصل الوفد الثلاثاء 27 أيلول.", MON, "الثلاثاء 27 أيلول")
    assert bad.value == "2020-09-27" and "Sunday" in bad.note  # weekday named does not agree


def test_without_publication_date_nothing_is_invented() -> None:
    text = "قال مسؤول مساء أمس إن الهجوم وقع الخميس الماضي، وإن الأسعار ارتفعت الشهر الماضي قبل يومين من 25 أيار."
    found = refs(text, None)
    assert found and all(r.value is None and r.note == NO_DATE for r in found)
    assert one(text, None, "مساء أمس").part_of_day == "evening"
    assert one(text, None, "الخميس الماضي").weekday == 3
    assert one("شهدت التسعينيات ازدهارا.", None, "التسعينيات").value is None
    assert one("في ثمانينات القرن العشرين.", None, "ثمانينات القرن العشرين").value == "1980/1989"
    assert one("جرى ذلك عام 1988.", None, "عام 1988").value == "1988"


# ---------------------------------------------------------------- absolute and historical


def test_absolute_dates() -> None:
    assert one("وقع الانفجار في 3 تشرين الثاني 2021 قرب المرفأ.", JAN3, "3 تشرين الثاني 2021").value == "2021-11-03"
    r = one("في 10 ديسمبر/كانون الأول 1991، أعلن الإقليم انفصاله.", WED, "10 ديسمبر/كانون الأول 1991")
    assert (r.value, r.precision, r.anchor) == ("1991-12-10", Precision.DAY, Anchor.ABSOLUTE)
    r = one("بدأ النزاع في شباط/فبراير عام 1988.", WED, "شباط/فبراير عام 1988")
    assert (r.value, r.precision) == ("1988-02", Precision.MONTH)
    r = one("الاربعاء 5 يناير 2022 ، الساعة 10:30 م", JAN3, "الاربعاء 5 يناير 2022 ، الساعة 10:30 م")
    assert (r.value, r.precision, r.weekday, r.note) == ("2022-01-05", Precision.DAY, 2, "")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("بدأ النزاع عام 1988 في الإقليم.", "عام 1988", "1988"),
        ("أعلن في العام 1923 عن إنشاء الإقليم.", "العام 1923", "1923"),
        ("اندلعت حرب ثانية في عام 2020.", "عام 2020", "2020"),
        ("سيطرت القوات على الإقليم سنة 1993.", "سنة 1993", "1993"),
        ("تجري المفاوضات منذ عام 1992 دون نتيجة.", "عام 1992", "1992"),
        ("لم يتغير شيء منذ 1979 في البلدة.", "1979", "1979"),
        ("وصل إلى السلطة في 2014 وبقي حتى 2018.", "2014", "2014"),
        ("وصل إلى السلطة في 2014 وبقي حتى 2018.", "2018", "2018"),
        ("تأسست المجموعة عام ١٩٩٢ للوساطة.", "عام ١٩٩٢", "1992"),
        ("أرخ الكتاب للحرب عام 2020م.", "عام 2020م", "2020"),
    ],
)
def test_years(text: str, surface: str, value: str) -> None:
    r = one(text, WED, surface)
    assert (r.value, r.precision, r.anchor) == (value, Precision.YEAR, Anchor.ABSOLUTE)


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("في سياق المواجهة التي جرت بين 1992 و1994، فقدت البلاد السيطرة.", "بين 1992 و1994"),
        ("في سياق المواجهة المسلحة بين 1992 - 1994، فقدت البلاد السيطرة.", "بين 1992 - 1994"),
        ("استمرت الحرب من 1992 إلى 1994 في المنطقة.", "من 1992 إلى 1994"),
        ("استمرت الحرب 1992-1994 في المنطقة.", "1992-1994"),
        ("الحرب الأولى (1992-1994) خلفت آلاف القتلى.", "1992-1994"),
        ("تضاعفت الأسعار بين عامي 1992 و1994.", "بين عامي 1992 و1994"),
        ("امتدت الولاية من عام 1992 حتى عام 1994.", "من عام 1992 حتى عام 1994"),
    ],
)
def test_ranges(text: str, surface: str) -> None:
    found = refs(text, WED)
    assert [(r.text, r.value, r.precision) for r in found] == [(surface, "1992/1994", Precision.RANGE)]


def test_decades() -> None:
    assert one("انهار الاتحاد في التسعينيات.", WED, "التسعينيات").value == "1990/1999"
    assert one("في تسعينيات القرن الماضي.", WED, "تسعينيات القرن الماضي").value == "1990/1999"
    assert one("في ثمانينات القرن العشرين.", WED, "ثمانينات القرن العشرين").value == "1980/1989"
    assert one("شهدت العشرينيات تحولات.", WED, "العشرينيات").value == "2020/2029"  # begun by 2023
    r = one("في سبعينيات القرن الماضي.", dt.date(1999, 5, 1), "سبعينيات القرن الماضي")
    assert (r.value, r.precision) == ("1870/1879", Precision.DECADE)  # the 19th century seen from 1999


@pytest.mark.parametrize(
    "text",
    [
        "أدت المعارك إلى مقتل وجرح 2700 من عناصر هذه القوات.",
        "تسببت الحرب بمقتل نحو 6500 شخص من الجانبين.",
        "أودت الحرب بحياة 30 ألف شخص.",
        "سيطرت على نحو 20% من الأراضي.",
        "شارك في 2000 منزل متطوعون، وسجلت 1500 إصابة.",
        "يتراوح عددهم بين 1500 و2000 شخص.",
        "توفي في 1441 هـ في المدينة.",
        "أصيب 1992 شخصا في الحادث.",
        "التعبئة العامة لمن هم أقل من 55 عاما.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert refs(text, WED) == []


@pytest.mark.parametrize(
    "text",
    [
        "المنظمة في أمس الحاجة إلى الدعم.",
        "أكد الأمين العام الحالي للأمم المتحدة ضرورة الحوار.",
        "أدى المئات صلاة الجمعة في المسجد الكبير.",
        "احتفلت البلاد باليوم الوطني وسط إجراءات مشددة.",
        "دخلت المعارك اليوم الثالث على التوالي.",
        "وفي ذلك اليوم خرج الآلاف إلى الشوارع.",
        "رفض الوزير مقترحات الاثنين معا.",
        "فاز الفريق بالمركز الأحد عشر.",
        "يعاني الجيل من قلق الغد.",
    ],
)
def test_words_that_are_not_dates(text: str) -> None:
    assert refs(text, WED) == []


def test_spans_sorted_and_disjoint_across_paragraphs() -> None:
    raw = "عنوان\n\nقال الوزير أمس الثلاثاء إن الحرب بين 1992 و1994 انتهت.\n\nووصل الوفد اليوم."
    found = find_time_refs(raw, lines(raw), WED)
    assert [r.text for r in found] == ["أمس الثلاثاء", "بين 1992 و1994", "اليوم"]
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(found))
    assert find_time_refs(raw, [], WED) == []


def test_resolve_time_uses_published_date_not_time() -> None:
    art = resolve_time(article("عاجل\nقال الوزير مساء اليوم الأحد إن...", "2020-09-28T05:53"))
    assert [(r.text, r.value) for r in art.time_refs] == [("مساء اليوم الأحد", "2020-09-27")]
    assert resolve_time(article("خبر بلا تاريخ اليوم", None)).time_refs[0].value is None


# ---------------------------------------------------------------- properties

FRAGMENTS = [
    "اليوم", "اليوم الأحد", "مساء أمس", "غداً", "الخميس الماضي", "الأسبوع الماضي", "قبل يومين",
    "عام 1988", "بين 1992 و1994", "27 أيلول", "التسعينيات", "2700 من", "في 2000", "، الثلاثاء، ",
    "ﻻ", "ـ", "ً", "\u200f", "\u00a0", "  ", "و", "ب", "(", ")", "-", "1994", "٢٠٢٠", "قال", "\n",
    "صباح", "يوم", "أمس", "سبتمبر", "2020", "ﷺ", "ـاليوم",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=25),
    sep=st.sampled_from([" ", "", "،", " و"]),
    p=st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))),
)
def test_spans_slice_raw_and_never_overlap(parts: list[str], sep: str, p: dt.date | None) -> None:
    raw = sep.join(parts)
    paragraphs = lines(raw)
    found = find_time_refs(raw, paragraphs, p)
    for r in found:
        assert r.span.of(raw) == r.text and r.text
        assert any(q.start <= r.span.start and r.span.end <= q.end for q in paragraphs)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(found))
    if p is None:
        assert all(r.value is None for r in found if r.anchor is Anchor.RELATIVE)


def test_a_year_then_an_hour_is_not_a_range() -> None:
    text = "تهران - ایرنا - یکشنبه ۲۳ مهر ۱۴۰۲ - ۱۰:۳۵"
    assert find_time_refs(text, [Span(0, len(text))], dt.date(2023, 10, 15)) == []
    tight = "خلال الفترة 1992-94 شهدت المنطقة حربا"
    assert [r.value for r in find_time_refs(tight, [Span(0, len(tight))], None)] == ["1992/1994"]

"""Text scraped from pages as served, and the date forms of real news (articles written by us):
the site header's date is not the article's date; menus, ad slots, widgets and breadcrumbs are
never the title nor kept as text; the headline written twice is one title; no headline, no title."""

from __future__ import annotations

import pytest

from rasd.arabic.dates import find_dates
from rasd.arabic.normalize import normalize
from rasd.pipeline import process_text

BODY = (
    "أقرت الحكومة في اجتماعها الأسبوعي خطة لدعم مزارعي القمح تشمل قروضا ميسرة وأسمدة بأسعار مخفضة، "
    "على أن يبدأ تنفيذها مطلع الموسم المقبل.\n"
    "وقال وزير الزراعة إن الخطة تستهدف رفع الإنتاج المحلي وتقليل الاعتماد على الاستيراد خلال السنوات "
    "الثلاث المقبلة."
)
HEADLINE = "الحكومة تقر خطة لدعم مزارعي القمح"
MENU = "الرئيسية\nسياسة\nاقتصاد\nرياضة\nمنوعات"


def test_masthead_with_hijri_menus_ad_widget_breadcrumb_and_glued_byline_date() -> None:
    raw = (
        "الأحد 12 مارس 2023 | 20 شعبان 1444 هـ\n" + MENU + "\nمساحة إعلانية\nWeather Cairo 24°C Sunny\n"
        f"الرئيسية / سياسة / {HEADLINE}\n{HEADLINE}\n"
        "كتب أحمد سالم10 مارس 2023 - 04:15 م آخر تحديث: 10 مارس 2023 - 06:30 م\n" + BODY
    )
    a = process_text(raw)
    assert a.title == HEADLINE
    assert a.published is not None and a.published.iso() == "2023-03-10T16:15"  # the byline, not the update
    for chrome in ("شعبان", "منوعات", "مساحة إعلانية", "Weather", "الرئيسية"):
        assert chrome not in a.text
    assert a.text.startswith(HEADLINE) and a.text.count(HEADLINE) == 1
    rules = {r.rule for r in a.removed}
    assert {"header:masthead_date", "header:section", "header:ad_slot", "header:widget", "header:breadcrumb"} <= rules


def test_masthead_date_above_menus_is_not_published_and_no_headline_gives_no_title() -> None:
    raw = "الخميس 3 أوت 2023\n" + MENU + "\nFollow us on social media\n" + BODY
    a = process_text(raw)
    assert a.published is None
    assert a.title is None
    assert a.text.startswith("أقرت الحكومة")


def test_hijri_masthead_alone_is_not_published() -> None:
    raw = f"الثلاثاء 5 سبتمبر 2023 م - 20 صفر 1445 هـ\n{HEADLINE}\n\n{BODY}"
    a = process_text(raw)
    assert a.published is None and a.title == HEADLINE


def test_date_line_under_the_headline_is_kept() -> None:
    raw = f"{HEADLINE}\nالثلاثاء 5 سبتمبر 2023 - 20 صفر 1445 هـ\n\n{BODY}"
    a = process_text(raw)
    assert a.title == HEADLINE
    assert a.published is not None and a.published.iso() == "2023-09-05"


def test_headline_written_twice_is_one_title() -> None:
    raw = f"{HEADLINE}\nمساحة إعلانية\n{HEADLINE}\n\n{BODY}"
    a = process_text(raw)
    assert a.title == HEADLINE and a.text.count(HEADLINE) == 1


def test_menu_items_on_one_line_are_removed() -> None:
    raw = f"الرئيسية | أخبار | اقتصاد | رياضة | فيديو\n{HEADLINE}\n\n{BODY}"
    a = process_text(raw)
    assert a.title == HEADLINE and "فيديو" not in a.text


def test_agency_dateline_with_a_full_date() -> None:
    raw = (
        "انطلاق مهرجان المسرح في دورته العاشرة\n"
        "بيروت 14 آب 2022 (أ ف ب) - انطلق مساء اليوم مهرجان المسرح في دورته العاشرة بمشاركة فرق من عشر "
        "دول عربية، وسط حضور جماهيري لافت.\nوقال مدير المهرجان إن الدورة الحالية تشهد عروضا للشباب."
    )
    a = process_text(raw)
    assert a.published is not None and a.published.iso() == "2022-08-14" and a.published.rule == "dateline"


def test_today_with_a_full_date_in_the_lead() -> None:
    raw = (
        "افتتاح معرض الكتاب بمشاركة واسعة\n"
        "افتتح وزير الثقافة اليوم الأربعاء، 12 يوليو 2023 معرض الكتاب الدولي في دورته الجديدة بمشاركة أكثر "
        "من خمسمائة دار نشر من مختلف الدول.\nوتستمر فعاليات المعرض عشرة أيام."
    )
    a = process_text(raw)
    assert a.published is not None and a.published.iso() == "2023-07-12" and a.published.weekday_ok


def test_eastern_digits_and_maghrebi_month_in_a_city_dateline() -> None:
    raw = (
        "تدشين محطة تحلية جديدة على الساحل\n"
        "الرباط في ١٥ جوان ٢٠٢١ - دشن رئيس الحكومة محطة جديدة لتحلية مياه البحر بطاقة إنتاجية تبلغ مئة ألف "
        "متر مكعب يوميا، وفق ما أفاد به بيان رسمي.\nوكانت الأشغال قد انطلقت في 3 جانفي 2019."
    )
    a = process_text(raw)
    assert a.published is not None and a.published.iso() == "2021-06-15"
    assert any(t.value == "2019-01-03" for t in a.time_refs)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("3 جانفي 2019", 1), ("3 فيفري 2019", 2), ("3 مارس 2019", 3), ("3 أفريل 2019", 4), ("3 ماي 2019", 5),
        ("3 جوان 2019", 6), ("3 جويلية 2019", 7), ("3 أوت 2019", 8), ("3 سبتمبر 2019", 9),
        ("3 كانون الثاني 2019", 1), ("3 شباط 2019", 2), ("3 آذار 2019", 3), ("3 نيسان 2019", 4),
        ("3 أيار 2019", 5), ("3 حزيران 2019", 6), ("3 تموز 2019", 7), ("3 آب 2019", 8), ("3 أيلول 2019", 9),
        ("3 تشرين الأول 2019", 10), ("3 تشرين الثاني 2019", 11), ("3 كانون الأول 2019", 12),
        ("٣ نيسان ٢٠١٩", 4), ("۳ أوت ۲۰۱۹", 8),
    ],
)  # fmt: skip
def test_levantine_and_maghrebi_month_names(text: str, month: int) -> None:
    found = find_dates(normalize(text))
    assert [(m.year, m.month, m.day) for m in found] == [(2019, month, 3)]


def test_a_glued_day_needs_an_arabic_word_before_it_not_a_number() -> None:
    assert [(m.day, m.month) for m in find_dates(normalize("سالم10 مارس 2023"))] == [(10, 3)]
    assert find_dates(normalize("رقم 1210 مارس")) == []


def test_today_weekday_and_a_bracketed_date() -> None:
    raw = (
        "الغارات تقتل عشرات المسلحين\n\nأفاد المرصد بأن الطائرات قتلت عشرات المسلحين خلال الأشهر الماضية. وقال "
        "المرصد في بيان تلقت الوكالة نسخة منه اليوم الخميس (23 يوليو/تموز 2015) إن مدنيين قتلوا أيضا.\n\n"
        "وأشار المرصد إلى أن الغارات مستمرة منذ أشهر."
    )
    a = process_text(raw)
    assert a.published is not None and a.published.iso() == "2015-07-23" and a.published.rule == "today_date"


def test_a_weekday_date_opening_the_lead() -> None:
    raw = (
        "عام على رئاسة الرئيس الجديد\n\nتمر الاثنين 7 مايو/أيار 2018 سنة كاملة منذ وصول الرئيس إلى الحكم، "
        "وبالرغم من أنه يحظى بتأييد قسم من المواطنين فإنه يواجه انتقادات.\n\nويطفئ الرئيس شمعته الأولى."
    )
    a = process_text(raw)
    assert a.published is not None and a.published.iso() == "2018-05-07" and a.published.rule == "lead_date"
    wrong = raw.replace("الاثنين 7", "الثلاثاء 7")  # a weekday that disagrees is not a lead date
    assert process_text(wrong).published is None
    late = raw.replace("تمر الاثنين 7 مايو/أيار 2018 سنة كاملة", "تمر سنة كاملة على ما جرى في البلاد من أحداث كبيرة "
                       "منذ الاثنين 7 مايو/أيار 2018")  # fmt: skip
    assert process_text(late).published is None  # deep in the lead: background


def test_a_section_label_above_the_headline_is_not_the_title() -> None:
    a = process_text(f"عربي ودولي\n{HEADLINE}\n\n{BODY}")
    assert a.title == HEADLINE and "عربي ودولي" not in a.text


def test_a_run_of_unknown_short_menu_items_is_a_menu() -> None:
    raw = "بيتنا\nأهل البلد\nدنيا ودين\nشباب\n" + f"{HEADLINE}\n\n{BODY}"
    a = process_text(raw)
    assert a.title == HEADLINE and "header:menu" in {r.rule for r in a.removed}

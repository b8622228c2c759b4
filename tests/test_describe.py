"""Title, publication date and language of the five seeds and of hand-written articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rasd.arabic.normalize import normalize
from rasd.model import Article, Precision, Span
from rasd.text.describe import describe
from rasd.text.language import LanguageDetector, get_detector

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SWITCHERS = {"Ru En"}  # removed by clean as a language switcher


def article(raw: str, *, title: str | None = None, published: str | None = None) -> Article:
    """An article whose kept paragraphs are its non-blank lines (what clean would roughly keep)."""
    paragraphs, pos = [], 0
    for line in raw.split("\n"):
        if line.strip() and line.strip() not in SWITCHERS:
            paragraphs.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    return Article(
        id="t",
        raw=raw,
        origin="test",
        fmt="text",
        content_hash="h",
        given_title=title,
        given_published=published,
        paragraphs=tuple(paragraphs),
    )


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return get_detector()


@pytest.fixture(scope="module")
def seeds(detector: LanguageDetector) -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    return {p.stem: describe(article(p.read_text(encoding="utf-8")), detector) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))["articles"]
    return data


# --- seeds -------------------------------------------------------------------------------


def test_seed_titles(seeds: dict[str, Article], gold: dict[str, dict[str, object]]) -> None:
    assert len(seeds) == 5
    for name, art in seeds.items():
        expected = gold[name]["title"]
        if expected is None:
            assert art.title is None, name
            assert art.title_note == "first line is body text"
            continue
        assert isinstance(expected, str)
        assert art.title is not None, (name, art.title_note)
        assert normalize(art.title) == normalize(expected), name
        assert art.title_span is not None


def test_seed_titles_exact_where_written_plainly(seeds: dict[str, Article], gold: dict[str, dict[str, object]]) -> None:
    for name in ("000_275c5130d3afdad5", "001_5d190e1fc6d5d137", "002_0a8a8afc27c77643"):
        assert seeds[name].title == gold[name]["title"]  # 001: tatweel removed from "عاجــــل"


def test_seed_published(seeds: dict[str, Article], gold: dict[str, dict[str, object]]) -> None:
    for name, art in seeds.items():
        expected = gold[name]["published"]
        got = art.published.iso() if art.published else None
        assert got == expected, (name, art.published_note)


@pytest.mark.parametrize(
    ("name", "evidence", "rule", "precision"),
    [
        ("000_275c5130d3afdad5", "28 سبتمبر 2020ء", "dateline", Precision.DAY),
        ("001_5d190e1fc6d5d137", "الاثنين 28 سبتمبر 2020 الساعة 05:53", "date_line", Precision.MINUTE),
        ("002_0a8a8afc27c77643", "٢٧ سبتمبر ٢٠٢٠", "date_line", Precision.DAY),
        ("003_fa4c1d13aaf5ba4d", "الأربعاء 20 سبتمبر/أيلول 2023", "today_date", Precision.DAY),
    ],
)
def test_seed_evidence(seeds: dict[str, Article], name: str, evidence: str, rule: str, precision: Precision) -> None:
    pub = seeds[name].published
    assert pub is not None and pub.evidence is not None
    assert pub.evidence.of(seeds[name].raw) == evidence
    assert pub.rule == rule
    assert pub.precision is precision
    assert pub.weekday_ok is not False


def test_seed_without_date_says_why(seeds: dict[str, Article]) -> None:
    art = seeds["004_e93f75d20582ed49"]
    assert art.published is None
    assert "only a weekday: اليوم الخميس" in art.published_note


def test_seed_languages_and_urdu_dateline(seeds: dict[str, Article]) -> None:
    assert {a.language for a in seeds.values()} == {"ar"}
    art = seeds["000_275c5130d3afdad5"]
    urdu = [ll for ll in art.line_languages if ll.language == "ur"]
    assert [ll.span.of(art.raw) for ll in urdu] == ["پاکستان پوائنٹ نیوز / سبوتنيك - 28 سبتمبر 2020ء"]
    line = next(ll for ll in art.line_languages if ll.span.start < urdu[0].span.start < ll.span.end)
    assert line.language == "ar"  # the rest of that paragraph is Arabic
    assert sum(1 for ll in art.line_languages if ll.language == "ar") == len(art.paragraphs)


# --- hand-written articles ----------------------------------------------------------------

BODY = (
    "وقال المتحدث باسم الوزارة في مؤتمر صحفي إن الفرق الفنية تعمل على مدار الساعة لإنجاز المرحلة الأولى"
    " من المشروع قبل نهاية العام، مشيراً إلى أن التمويل متوفر بالكامل."
)


def test_levantine_dateline(detector: LanguageDetector) -> None:
    raw = (
        "وزير الطاقة يعلن خطة لزيادة ساعات التغذية الكهربائية\n\n"
        "بيروت - 3 تشرين الثاني/نوفمبر 2021 - أعلن وزير الطاقة اللبناني خطة جديدة لزيادة ساعات التغذية"
        " بالتيار الكهربائي خلال فصل الشتاء، مؤكداً أن شحنات الوقود المتفق عليها ستصل تباعاً.\n\n" + BODY
    )
    art = describe(article(raw), detector)
    assert art.title == "وزير الطاقة يعلن خطة لزيادة ساعات التغذية الكهربائية"
    assert art.published is not None and art.published.evidence is not None
    assert art.published.iso() == "2021-11-03"
    assert art.published.rule == "dateline"
    assert art.published.evidence.of(raw) == "3 تشرين الثاني/نوفمبر 2021"


def test_numeric_date_line_with_time(detector: LanguageDetector) -> None:
    raw = (
        "افتتاح معرض الكتاب في دورته الجديدة بمشاركة واسعة\n"
        "نشر في 12/05/2022 10:15\n\n"
        "افتتح وزير الثقافة معرض الكتاب بمشاركة أكثر من ثلاثمئة دار نشر من عشرين دولة.\n\n" + BODY
    )
    art = describe(article(raw), detector)
    assert art.title == "افتتاح معرض الكتاب في دورته الجديدة بمشاركة واسعة"  # a date line follows it
    pub = art.published
    assert pub is not None and pub.evidence is not None
    assert (pub.iso(), pub.rule, pub.precision) == ("2022-05-12T10:15", "date_line", Precision.MINUTE)
    assert pub.evidence.of(raw) == "12/05/2022 10:15"


def test_publication_date_preferred_over_update(detector: LanguageDetector) -> None:
    raw = "ارتفاع أسعار الذهب\n\nنشر في: 12 أيار 2022 - 10:15 | آخر تحديث: 13 أيار 2022 - 09:00\n\n" + BODY
    pub = describe(article(raw), detector).published
    assert pub is not None and pub.iso() == "2022-05-12T10:15"

    only_update = describe(article("ارتفاع أسعار الذهب\n\nآخر تحديث: 13 أيار 2022\n\n" + BODY), detector)
    assert only_update.published is None
    assert "only an update date" in only_update.published_note


def test_yearless_dateline_takes_the_year_of_an_update_line_on_the_same_day(detector: LanguageDetector) -> None:
    raw = (
        "أمطار غزيرة تغمر أحياء في مدينة الحديدة\n\nآخر تحديث: 14 أغسطس 2025\n\n"
        "الحديدة - 14 أغسطس (أ ف ب) - غمرت السيول أحياء عدة في مدينة الحديدة الخميس.\n\n" + BODY
    )
    pub = describe(article(raw), detector).published
    assert pub is not None and (pub.iso(), pub.rule) == ("2025-08-14", "dateline+update_year")
    assert pub.evidence is not None and pub.evidence.of(raw) == "14 أغسطس"

    other_day = raw.replace("آخر تحديث: 14 أغسطس", "آخر تحديث: 16 أغسطس")
    assert describe(article(other_day), detector).published is None  # an update two days on says nothing


def test_weekday_contradicting_date(detector: LanguageDetector) -> None:
    raw = "انطلاق حملة التلقيح في المدارس\n\nالثلاثاء 28 سبتمبر 2020\n\n" + BODY  # 28 Sep 2020 was a Monday
    pub = describe(article(raw), detector).published
    assert pub is not None and pub.iso() == "2020-09-28"
    assert pub.weekday_ok is False

    # A consistent candidate beats a contradicted one.
    raw2 = (
        "انطلاق حملة التلقيح في المدارس\n\nالخميس 16 مارس 2021\n\n"  # 16 Mar 2021 was a Tuesday
        "أطلقت وزارة الصحة اليوم الاثنين 15 مارس 2021 حملة لتلقيح طلاب المدارس ضد الإنفلونزا الموسمية.\n\n" + BODY
    )
    pub2 = describe(article(raw2), detector).published
    assert pub2 is not None and pub2.iso() == "2021-03-15"
    assert (pub2.rule, pub2.weekday_ok) == ("today_date", True)


def test_maghreb_month(detector: LanguageDetector) -> None:
    raw = "الجزائر تطلق منصة رقمية لتسجيل المستثمرين\n\n15 جانفي 2023\n\n" + BODY
    pub = describe(article(raw), detector).published
    assert pub is not None and pub.iso() == "2023-01-15"


def test_only_background_dates(detector: LanguageDetector) -> None:
    raw = (
        "تاريخ طويل من النزاع حول الحدود\n\n"
        "بدأ الخلاف الحدودي بين البلدين في عام 1991 بعد تفكك الاتحاد، وتجدد أكثر من مرة خلال العقود الماضية.\n\n"
        "وفي 10 ديسمبر/كانون الأول 1991 أعلن الإقليم انفصاله، ثم وقعت الحكومتان اتفاقاً مؤقتاً في 5 أيار 1994.\n\n" + BODY
    )
    art = describe(article(raw), detector)
    assert art.published is None
    assert "only background dates: 10 ديسمبر/كانون الأول 1991" in art.published_note

    long_ago = "وكان البلدان قد وقعا أول اتفاق للتعاون الاقتصادي في عام 1991 بعد مفاوضات استمرت سنوات طويلة بين الوفود."
    paragraphs = ["تاريخ طويل من التعاون", BODY, BODY, BODY, BODY + " " + long_ago, BODY, BODY]
    years = describe(article("\n\n".join(paragraphs)), detector)
    assert years.published is None
    assert years.published_note == "only background years: 1991"


def test_date_without_year_only_corroborates(detector: LanguageDetector) -> None:
    raw = "القاهرة - 5 مارس (رويترز) - قال مسؤول حكومي إن الحكومة ستعلن حزمة دعم جديدة للأسر.\n\n" + BODY
    art = describe(article(raw), detector)
    assert art.published is None
    assert "without a year" in art.published_note
    assert art.title is None and art.title_note == "first line opens with a dateline"


def test_metadata_date(detector: LanguageDetector) -> None:
    raw = "افتتاح مستشفى جديد في المدينة\n\n" + BODY
    art = describe(article(raw, published="2022-03-14T08:30:00+02:00"), detector)
    pub = art.published
    assert pub is not None
    assert (pub.iso(), pub.rule, pub.evidence, pub.precision) == (
        "2022-03-14T08:30",
        "metadata",
        None,
        Precision.MINUTE,
    )

    # Metadata agreeing with the text wins; metadata far from the text (a crawl time) loses.
    dated = "افتتاح مستشفى جديد في المدينة\n\n14 آذار 2022\n\n" + BODY
    agree = describe(article(dated, published="2022-03-14"), detector).published
    assert agree is not None and (agree.rule, agree.iso()) == ("metadata", "2022-03-14")
    crawl = describe(article(dated, published="2024-07-01T12:00:00Z"), detector)
    assert crawl.published is not None and (crawl.published.rule, crawl.published.iso()) == ("date_line", "2022-03-14")
    assert "disagrees" in crawl.published_note


def test_given_title(detector: LanguageDetector) -> None:
    raw = "افتتاح مستشفى جديد في المدينة\n\n" + BODY
    art = describe(article(raw, title="افتتاح مستشفى جديد في المدينة"), detector)
    assert art.title == "افتتاح مستشفى جديد في المدينة"
    assert art.title_span == Span(0, len(art.title))
    other = describe(article(raw, title="مستشفى جديد"), detector)
    assert other.title == "مستشفى جديد"
    assert other.title_span is not None  # found verbatim inside the first line
    missing = describe(article(raw, title="عنوان آخر تماماً"), detector)
    assert missing.title == "عنوان آخر تماما" and missing.title_span is None  # marks stripped, like text titles


def test_long_first_line_is_body(detector: LanguageDetector) -> None:
    raw = BODY + " " + BODY + "\n" + BODY
    art = describe(article(raw), detector)
    assert art.title is None and art.title_note == "first line is body text"


def test_english_article(detector: LanguageDetector) -> None:
    raw = (
        "Ceasefire talks resume in Geneva\n\n"
        "September 28, 2020\n\n"
        "Delegations from both countries met on Monday for a new round of talks hosted by the United Nations,"
        " officials said, after weeks of fighting along the border.\n\n"
        "The mediators said they hoped to agree on a schedule for prisoner exchanges before the end of the month."
    )
    art = describe(article(raw), detector)
    assert art.title == "Ceasefire talks resume in Geneva"
    assert art.published is not None and art.published.iso() == "2020-09-28"
    assert art.published.rule == "date_line"
    assert art.language == "en"


def test_persian_and_urdu_lines_in_arabic_article(detector: LanguageDetector) -> None:
    persian = "ما خواهان صلح پایدار در منطقه هستیم و از همه طرف‌ها می‌خواهیم که به میز گفتگو برگردند"
    urdu = "ہم خطے میں پائیدار امن چاہتے ہیں اور تمام فریقوں سے مذاکرات کی میز پر واپس آنے کی اپیل کرتے ہیں"
    raw = "\n\n".join(["ردود فعل إقليمية على الاتفاق", BODY, persian, urdu, BODY])
    art = describe(article(raw), detector)
    assert art.language == "ar"
    by_text = {ll.span.of(raw): ll.language for ll in art.line_languages}
    assert by_text[persian] == "fa"
    assert by_text[urdu] == "ur"
    assert by_text[BODY] == "ar"


def test_published_value_is_naive_midnight_for_day(seeds: dict[str, Article]) -> None:
    pub = seeds["000_275c5130d3afdad5"].published
    assert pub is not None and pub.value == dt.datetime(2020, 9, 28)

"""The cleaning stage: furniture removal, credits, repeated paragraphs, learned furniture."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.normalize import normalize
from rasd.errors import InputError
from rasd.model import Article, CreditKind, Reason
from rasd.text.clean import clean, lines_for_learning
from rasd.text.furniture import FurnitureConfig, FurnitureIndex, line_hash

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not (SEEDS / "gold.json").is_file(), reason="../shared/seeds not present")


def make(raw: str, id: str = "a1", source: str | None = None) -> Article:
    return Article(id=id, raw=raw, origin="t", fmt="text", content_hash="x", source=source)


def key(text: str) -> str:
    return " ".join(normalize(text).split())


def kept(a: Article) -> list[str]:
    return [p.of(a.raw) for p in a.paragraphs]


def removed(a: Article, reason: Reason | None = None) -> list[str]:
    return [r.span.of(a.raw) for r in a.removed if reason is None or r.reason is reason]


def non_blank_removed(a: Article) -> dict[str, Reason]:
    return {key(r.span.of(a.raw)): r.reason for r in a.removed if r.reason is not Reason.BLANK}


def credits(a: Article) -> set[tuple[CreditKind, str]]:
    return {(c.kind, c.name) for c in a.credits}


def check_invariants(a: Article, raw: str) -> None:
    assert a.raw is raw
    spans = sorted([*a.paragraphs, *(r.span for r in a.removed)], key=lambda s: s.start)
    assert list(a.paragraphs) == sorted(a.paragraphs, key=lambda s: s.start)
    assert [r.span for r in a.removed] == sorted((r.span for r in a.removed), key=lambda s: s.start)
    for s in spans:
        assert s.of(raw), "every span covers some text"
        assert "\n" not in s.of(raw)
    for prev, nxt in itertools.pairwise(spans):
        assert prev.end <= nxt.start, "spans never overlap"
    for p in a.paragraphs:
        assert p.of(raw) == p.of(raw).strip(), "kept paragraphs are trimmed"
    covered = [0] * len(raw)
    for s in spans:
        for i in range(s.start, s.end):
            covered[i] += 1
    for i, ch in enumerate(raw):
        if not ch.isspace():
            assert covered[i] == 1, f"char {i} {ch!r} covered {covered[i]} times"
    for c in a.credits:
        assert c.span is not None and c.span.of(raw) == c.name


# --- The five seeds --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, object]]:
    data = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    arts: dict[str, dict[str, object]] = data["articles"]
    return arts


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    out: dict[str, Article] = {}
    for f in sorted(SEEDS.glob("*.txt")):
        out[f.stem] = clean(make(f.read_text(encoding="utf-8"), id=f.stem))
    return out


@needs_seeds
def test_seed_invariants(seeds: dict[str, Article]) -> None:
    assert len(seeds) == 5
    for a in seeds.values():
        check_invariants(a, a.raw)


@needs_seeds
def test_seed_gold_boilerplate_removed_and_nothing_else(
    seeds: dict[str, Article], gold: dict[str, dict[str, object]]
) -> None:
    for name, a in seeds.items():
        g = gold[name]
        expected = {key(str(line)) for line in g["boilerplate_lines"]}  # type: ignore[attr-defined]
        got = non_blank_removed(a)
        assert expected <= set(got), f"{name}: missing {expected - set(got)}"
        others = {k: r for k, r in got.items() if k not in expected}
        assert all(r is Reason.REPEATED for r in others.values()), f"{name}: over-removed {others}"


@needs_seeds
def test_seed_repeated_paragraphs_removed_once(seeds: dict[str, Article], gold: dict[str, dict[str, object]]) -> None:
    for name, a in seeds.items():
        for start in gold[name].get("repeated_paragraphs", []):  # type: ignore[attr-defined]
            first = [p for p in kept(a) if p.startswith(start)]
            later = [r for r in a.removed if r.span.of(a.raw).startswith(start)]
            assert len(first) == 1, name
            assert len(later) == 1 and later[0].reason is Reason.REPEATED, name
            assert a.raw.index(first[0]) < later[0].span.start, "the first copy is kept"
    assert len(removed(seeds["000_275c5130d3afdad5"], Reason.REPEATED)) == 2


@needs_seeds
def test_seed_titles_and_subheadings_kept(seeds: dict[str, Article], gold: dict[str, dict[str, object]]) -> None:
    for name, a in seeds.items():
        title = gold[name]["title"]
        if title is not None:
            assert key(kept(a)[0]) == key(str(title)), name
        else:
            assert kept(a)[0] == a.raw.split("\n")[0].strip()
    paras = {key(p) for p in kept(seeds["004_e93f75d20582ed49"])}
    for sub in gold["004_e93f75d20582ed49"]["subheadings"]:  # type: ignore[attr-defined]
        assert key(sub) in paras
    assert key("الخلاف على قره باغ") in {key(p) for p in kept(seeds["003_fa4c1d13aaf5ba4d"])}
    assert key("٢٧ سبتمبر ٢٠٢٠") in {key(p) for p in kept(seeds["002_0a8a8afc27c77643"])}


@needs_seeds
def test_seed_nbsp_lines_are_blank(seeds: dict[str, Article]) -> None:
    a = seeds["001_5d190e1fc6d5d137"]
    blanks = {r.span.start for r in a.removed if r.reason is Reason.BLANK}
    pos, nbsp_lines = 0, 0
    for line in a.raw.split("\n"):
        if line and not line.strip():
            nbsp_lines += 1
            assert pos in blanks
        pos += len(line) + 1
    assert nbsp_lines > 10


@needs_seeds
def test_seed_credits(seeds: dict[str, Article]) -> None:
    assert (CreditKind.AGENCY, "سبوتنيك") in credits(seeds["000_275c5130d3afdad5"])
    assert (CreditKind.OUTLET, "پاکستان پوائنٹ نیوز") in credits(seeds["000_275c5130d3afdad5"])
    c002 = credits(seeds["002_0a8a8afc27c77643"])
    assert (CreditKind.SOURCE, "نوفوستي") in c002
    assert (CreditKind.PHOTO, "وزارة الخارجية الروسية") in c002
    assert not credits(seeds["004_e93f75d20582ed49"]), "مجموعة مينسك (روسيا – ...) is no dateline"
    assert seeds["000_275c5130d3afdad5"].raw.startswith("الولايات")  # raw untouched


# --- Our own articles ------------------------------------------------------------------------

GULF = """ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية
شارك عبر: فيسبوك تويتر واتساب

دبي - (وام): ارتفعت أسعار النفط في تعاملات اليوم الثلاثاء بعد أن أظهرت بيانات رسمية تراجع المخزونات الأمريكية بأكثر من المتوقع، وسط مخاوف من نقص الإمدادات.

وقال محللون إن السوق ما زالت حساسة لأي تغيير في سياسات الإنتاج لدى كبار المنتجين، مشيرين إلى أن الطلب الآسيوي يتحسن تدريجياً.
اقرأ أيضاً: الذهب يسجل أعلى مستوى له منذ ثلاثة أشهر
توقعات الأسابيع المقبلة
وتراجعت العقود الآجلة للغاز الطبيعي بنسبة طفيفة في ظل توقعات بطقس معتدل خلال الأسابيع المقبلة في أوروبا.
\u00a0
تابعونا على تطبيق نبض
Share this:
فيسبوك
واتساب
"""  # noqa: E501


def test_gulf_site_furniture() -> None:
    a = clean(make(GULF))
    check_invariants(a, GULF)
    gone = non_blank_removed(a)
    assert gone == {
        key("شارك عبر: فيسبوك تويتر واتساب"): Reason.BOILERPLATE,
        key("اقرأ أيضاً: الذهب يسجل أعلى مستوى له منذ ثلاثة أشهر"): Reason.BOILERPLATE,
        key("تابعونا على تطبيق نبض"): Reason.BOILERPLATE,
        key("Share this:"): Reason.BOILERPLATE,
        key("فيسبوك"): Reason.BOILERPLATE,
        key("واتساب"): Reason.BOILERPLATE,
    }
    assert kept(a)[0] == "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية"
    assert "توقعات الأسابيع المقبلة" in kept(a), "a mid-article subheading stays"
    assert credits(a) == {(CreditKind.AGENCY, "وام")}


ENGLISH = """Ceasefire talks resume in Cairo
EN | FR | عربي
Follow us on Twitter
CAIRO (Reuters) - Negotiators from both sides returned to the Egyptian capital on Monday for a new round of talks aimed at a lasting ceasefire, officials said.
The talks are expected to last several days, according to two diplomats familiar with the matter.
Advertisement
Mediators hope to agree on a first phase before the end of the month.
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment
Name *
Email *
Website
Post Comment
"""  # noqa: E501


def test_english_article_with_comment_form() -> None:
    a = clean(make(ENGLISH))
    check_invariants(a, ENGLISH)
    assert kept(a) == [
        "Ceasefire talks resume in Cairo",
        ENGLISH.split("\n")[3],
        "The talks are expected to last several days, according to two diplomats familiar with the matter.",
        "Mediators hope to agree on a first phase before the end of the month.",
    ]
    reasons = non_blank_removed(a)
    assert reasons[key("EN | FR | عربي")] is Reason.LANGUAGE_SWITCHER
    assert reasons[key("Follow us on Twitter")] is Reason.BOILERPLATE
    assert reasons[key("Advertisement")] is Reason.BOILERPLATE
    for line in ("Leave a Reply", "Comment", "Name *", "Email *", "Website", "Post Comment"):
        assert reasons[key(line)] is Reason.COMMENT_FORM, line
    assert credits(a) == {(CreditKind.AGENCY, "Reuters")}


JORDAN = """الأردن يستضيف مؤتمراً إقليمياً للمياه الشهر المقبل
عمّان (بترا) - أعلنت وزارة المياه والري اليوم الأحد أن المملكة ستستضيف الشهر المقبل مؤتمراً إقليمياً يبحث سبل مواجهة شح المياه في المنطقة.

وأوضح الناطق باسم الوزارة أن المؤتمر سيناقش مشاريع تحلية المياه ونقلها، إضافة إلى تحسين كفاءة الري في القطاع الزراعي.

شبكة الغد الإخبارية
(رويترز)
تصوير: محمد العلي
"""  # noqa: E501


def test_datelines_credit_lines_and_tagline() -> None:
    a = clean(make(JORDAN))
    check_invariants(a, JORDAN)
    assert credits(a) == {
        (CreditKind.AGENCY, "بترا"),
        (CreditKind.AGENCY, "رويترز"),
        (CreditKind.PHOTO, "محمد العلي"),
    }
    gone = non_blank_removed(a)
    assert gone[key("(رويترز)")] is Reason.CREDIT
    assert gone[key("تصوير: محمد العلي")] is Reason.CREDIT
    assert gone[key("شبكة الغد الإخبارية")] is Reason.TAGLINE
    assert kept(a)[1].startswith("عمّان (بترا) -"), "the dateline stays in the text"


REPEATS = """وزارة الصحة تطلق حملة وطنية للتطعيم ضد الحصبة
أطلقت وزارة الصحة حملة وطنية للتطعيم ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع المحافظات، وتستمر أسبوعين.
تفاصيل الحملة
وقال وكيل الوزارة إن الفرق الصحية ستتنقل بين المدارس والمراكز الصحية والقرى النائية لضمان وصول اللقاح إلى كل طفل.
تفاصيل الحملة
أطلقت وزارة الصحة حملةً وطنية للتطعيم ضد الحصبة ، تستهدف الأطفال دون سن الخامسة في جميع المحافظات وتستمر أسبوعين
إعلان حالة التأهب في المستشفيات الحكومية
وأهابت الوزارة بأولياء الأمور التعاون مع الفرق الميدانية وعدم التردد في السؤال عن أي معلومة.
المصدر : وكالة الأنباء الوطنية
"""


def test_repeated_paragraph_and_source() -> None:
    a = clean(make(REPEATS))
    check_invariants(a, REPEATS)
    reps = removed(a, Reason.REPEATED)
    assert len(reps) == 1 and reps[0].startswith("أطلقت وزارة الصحة حملةً"), "later copy, modulo marks/punctuation"
    assert kept(a).count("تفاصيل الحملة") == 2, "short lines are never 'repeated'"
    assert "إعلان حالة التأهب في المستشفيات الحكومية" in kept(a), "إعلان only as a whole line"
    assert credits(a) == {(CreditKind.SOURCE, "وكالة الأنباء الوطنية")}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("المصدر: «الشروق» - وكالات", {(CreditKind.SOURCE, "الشروق")}),
        ("المصدر: رويترز / أ ف ب", {(CreditKind.SOURCE, "رويترز"), (CreditKind.SOURCE, "أ ف ب")}),
        ("المصدر: وكالة فرانس-برس", {(CreditKind.SOURCE, "وكالة فرانس-برس")}),
    ],
)
def test_credit_line_names_each_source_and_drops_generic_parts(
    line: str, expected: set[tuple[CreditKind, str]]
) -> None:
    raw = REPEATS.replace("المصدر : وكالة الأنباء الوطنية", line)
    assert credits(clean(make(raw))) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("القاهرة (رويترز) - قال مسؤولون إن المحادثات ستستأنف غداً.", {(CreditKind.AGENCY, "رويترز")}),
        ("باريس - (أ ف ب): أعلنت الحكومة الفرنسية خطة جديدة للطاقة.", {(CreditKind.AGENCY, "أ ف ب")}),
        ("موسكو - سبوتنيك. قال الكرملين إن الرئيس سيزور المنطقة.", {(CreditKind.AGENCY, "سبوتنيك")}),
        ("(أ ف ب) - تظاهر الآلاف في العاصمة احتجاجاً على الغلاء.", {(CreditKind.AGENCY, "أ ف ب")}),
        ("الرياض 12 مارس (واس) - استقبل وزير الخارجية نظيره العماني.", {(CreditKind.AGENCY, "واس")}),
        (
            "بيروت (الميادين / وكالة الأناضول) - شهدت العاصمة انقطاعاً للكهرباء.",
            {(CreditKind.AGENCY, "الأناضول"), (CreditKind.OUTLET, "الميادين")},
        ),
        ("(تأسست عام 1992، للوساطة بين الطرفين) وما زالت تعمل حتى اليوم.", set()),
        ("قال مسؤول لوكالة رويترز إن الاجتماع أُرجئ.", set()),
        ("دعت عدة دول (روسيا – الولايات المتحدة – فرنسا) إلى وقف القتال.", set()),
    ],
)
def test_dateline_credits(paragraph: str, expected: set[tuple[CreditKind, str]]) -> None:
    raw = f"عنوان الخبر هنا\n{paragraph}\n"
    a = clean(make(raw))
    check_invariants(a, raw)
    assert credits(a) == expected
    assert paragraph in kept(a)


@pytest.mark.parametrize(
    "line",
    [
        "شارك", "شارك المقال", "مشاركة", "تابعونا على", "لمتابعتنا على تيليجرام", "تابعنا على تويتر",
        "تابعنا على فيسبوك", "تابعونا على تلغرام", "تابعنا على واتساب", "انضم إلى قناتنا على تلغرام",
        "قد يهمك ايضاُ", "اقرا ايضا", "اقرأ المزيد", "مواضيع ذات صلة", "الأكثر قراءة",
        "اشترك في النشرة البريدية", "طباعة", "إرسال", "تعليقات", "Share", "Tweet", "Follow us",
        "Read more", "Advertisement", "إعلان", "اضغط هنا", "حمّل تطبيق الموقع", "***",
        "جميع الحقوق محفوظة لموقع النهار ٢٠٢٤", "© 2024 النهار", "12 تعليق",
    ],
)  # fmt: skip
def test_boilerplate_lines(line: str) -> None:
    raw = f"عنوان\nنص الخبر الأول الطويل بما يكفي ليكون فقرة حقيقية من متن المقال هنا.\n{line}\n"
    a = clean(make(raw))
    assert non_blank_removed(a) == {key(line): Reason.BOILERPLATE}


@pytest.mark.parametrize("line", ["Ru En", "EN | FR | عربي", "English", "Français", "AR EN FR", "عربي English"])
def test_language_switchers(line: str) -> None:
    raw = f"{line}\nعنوان الخبر\nنص الخبر.\n"
    assert non_blank_removed(clean(make(raw))) == {key(line): Reason.LANGUAGE_SWITCHER}


@pytest.mark.parametrize(
    "line",
    [
        "https://t.me/yemen2saed",
        "http://example.com/a?b=1",
        "www.alnahar.com",
        "t.me/channel",
        "الرابط: https://x.co/1",
    ],
)
def test_links(line: str) -> None:
    raw = f"عنوان\n{line}\nنص.\n"
    assert non_blank_removed(clean(make(raw))) == {key(line): Reason.LINK}


@pytest.mark.parametrize(
    "line",
    [
        "شارك الرئيس في القمة العربية التي عقدت في الرياض",
        "إعلان حالة الطوارئ في البلاد",
        "انضم اللاعب إلى نادي الهلال في صفقة قياسية",
        "تابع الوزير جولته في المحافظات الشمالية",
        "قال إن الشركة ستطلق تطبيقاً جديداً على هواتف آيفون",
        "لا سبيل للتراجع",
        "مصدر: الحكومة لن تتراجع عن قرارها",
        "it",
    ],
)
def test_sentences_with_furniture_words_are_kept(line: str) -> None:
    body = "نص الخبر الطويل بما يكفي ليكون فقرة حقيقية من متن المقال."
    raw = f"{line}\nعنوان فرعي\n{line} في منتصف المقال\n{body}\n"
    a = clean(make(raw))
    assert not non_blank_removed(a), non_blank_removed(a)


def test_blank_variants_and_crlf() -> None:
    raw = "عنوان\r\n\r\n\u00a0\u00a0\r\n\u200b\n  \t\nنص الخبر.\r\n"
    a = clean(make(raw))
    check_invariants(a, raw)
    assert kept(a) == ["عنوان", "نص الخبر."]
    assert [r.reason for r in a.removed] == [Reason.BLANK] * 3


# --- Learned furniture -----------------------------------------------------------------------

APP_LINE = "حمّلوا تطبيق الموقع على هواتفكم"
RIGHTS_LINE = "جميع الحقوق محفوظة لموقع النهار ٢٠٢٤"
PAIR_LINE = "رأي النهار اليوم"


def annahar(n: int) -> str:
    pair = f"{PAIR_LINE}\n" if n < 2 else ""
    return (
        f"عنوان الخبر رقم {n} عن الاقتصاد\n{pair}"
        f"نص الخبر رقم {n} الذي يشرح تفاصيل كثيرة عن الاقتصاد والأسواق والأسعار في البلاد.\n"
        f"{APP_LINE}\n{RIGHTS_LINE}\n"
    )


@pytest.fixture()
def index() -> FurnitureIndex:
    idx = FurnitureIndex()
    for n in range(5):
        idx.observe("annahar", f"n{n}", lines_for_learning(annahar(n)))
    idx.observe("other", "o1", lines_for_learning(annahar(9)))
    return idx


def test_furniture_index_learns_repeated_lines(index: FurnitureIndex) -> None:
    assert index.is_furniture("annahar", normalize(APP_LINE))
    assert not index.is_furniture("annahar", normalize(PAIR_LINE)), "seen in only 2 articles"
    assert not index.is_furniture("annahar", normalize(RIGHTS_LINE)), "4-digit runs are not counted"
    assert not index.is_furniture("other", normalize(APP_LINE)), "per source"
    assert index.count("annahar", normalize(PAIR_LINE)) == 2
    a = clean(make(annahar(0), id="n0", source="annahar"), index)
    check_invariants(a, a.raw)
    gone = non_blank_removed(a)
    assert gone[key(APP_LINE)] is Reason.LEARNED
    assert gone[key(RIGHTS_LINE)] is Reason.BOILERPLATE
    assert key(PAIR_LINE) in {key(p) for p in kept(a)}
    plain = non_blank_removed(clean(make(annahar(0))))
    assert plain[key(APP_LINE)] is Reason.TAGLINE, "no index: only the closing-block rule catches it"


def test_furniture_index_share_and_rows(index: FurnitureIndex) -> None:
    for n in range(5, 20):  # many more articles without the line: its share drops below 0.3
        index.observe("annahar", f"n{n}", ["نص مختلف تماما"])
    assert not index.is_furniture("annahar", APP_LINE)
    rows = index.to_rows()
    assert ("annahar", line_hash(APP_LINE), "n0") in rows
    assert ("annahar", "", "n19") in rows
    again = FurnitureIndex.from_rows(rows)
    assert again.to_rows() == rows
    assert again.articles("annahar") == 20
    assert FurnitureIndex.from_rows(rows, FurnitureConfig(min_share=0.2)).is_furniture("annahar", APP_LINE)


@pytest.mark.parametrize(
    "kwargs",
    [{"min_articles": 1}, {"min_share": 0.0}, {"min_share": 1.5}, {"max_words": 0}, {"min_articles": 2.5}],
)
def test_furniture_config_validation(kwargs: dict[str, float]) -> None:
    with pytest.raises(InputError, match="must"):
        FurnitureConfig(**kwargs)  # type: ignore[arg-type]


# --- Property: spans cover raw exactly once --------------------------------------------------

LINES = [
    "الولايات المتحدة تدعو إلى وقف فوري لإطلاق النار في المنطقة الحدودية بين البلدين اليوم.",
    "وقالت الوزارة في بيان إن الوضع قد تدهور بشكل حاد خلال الساعات الماضية.",
    "لا سبيل للتراجع",
    "\u00a0",
    "\u00a0\u200b ",
    "",
    "https://t.me/yemen2saed",
    "شارك",
    "المصدر: نوفوستي",
    "(أ ف ب) - قال مسؤول",
    "اترك تعليقاً",
    "Ru En",
    "***",
]
line_strategy = st.one_of(
    st.sampled_from(LINES),
    st.text(alphabet="اب تثج\u00a0\u200b\r.:()-ـَ ", max_size=30),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(line_strategy, max_size=25))
def test_spans_cover_raw_exactly_once(lines: list[str]) -> None:
    raw = "\n".join(lines)
    check_invariants(clean(make(raw)), raw)

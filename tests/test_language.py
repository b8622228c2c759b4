"""Language identification: script rules first, lingua only where a line may not be Arabic."""

from __future__ import annotations

import pytest

from rasd.model import Span
from rasd.text.language import LanguageDetector, get_detector, majority, script_segments


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return get_detector()


def test_plain_arabic_never_loads_lingua() -> None:
    fresh = LanguageDetector()
    raw = "دعت وزارة الخارجية إلى وقف فوري لإطلاق النار (رويترز)\n\nوقال البيان إن الوضع تدهور بشكل حاد."
    lang, lines = fresh.describe(raw, [Span(0, 55), Span(57, len(raw))])
    assert lang == "ar"
    assert [ll.language for ll in lines] == ["ar", "ar"]
    assert not fresh.lingua_loaded


def test_get_detector_is_cached() -> None:
    assert get_detector() is get_detector()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ru En", "und"),
        ("The ministry said the talks would resume next week in Geneva", "en"),
        ("Le ministre a déclaré que les négociations reprendraient la semaine prochaine", "fr"),
        ("Bakanlık, müzakerelerin gelecek hafta yeniden başlayacağını açıkladı", "tr"),
        ("Министерство заявило, что переговоры возобновятся", "ru"),
        ("ما خواهان صلح پایدار در منطقه هستیم", "fa"),
        ("ہم خطے میں پائیدار امن چاہتے ہیں", "ur"),
        ("الولايات المتحدة تدعو إلى وقف فوري لإطلاق النار", "ar"),
        ("2020 - 12", "und"),
    ],
)
def test_detect(detector: LanguageDetector, text: str, expected: str) -> None:
    assert detector.detect(text) == expected


def test_segments_split_at_brackets_and_scripts() -> None:
    text = "(پاکستان پوائنٹ نیوز / سبوتنيك - 28 سبتمبر 2020ء) أعربت الوزارة عن قلقها، بحسب Reuters."
    segs = script_segments(text, base=100)
    assert [(text[s.span.start - 100 : s.span.end - 100], s.script) for s in segs] == [
        ("پاکستان پوائنٹ نیوز / سبوتنيك - 28 سبتمبر 2020ء", "ar"),
        ("أعربت الوزارة عن قلقها، بحسب", "ar"),
        ("Reuters", "la"),
    ]


def test_minority_segment_reported(detector: LanguageDetector) -> None:
    raw = (
        "وقال الوزير في تصريح للصحفيين إن بلاده ملتزمة بالحل السلمي "
        "(The minister said his country remains committed to a peaceful settlement) "
        "وإن المفاوضات ستستأنف قريباً في العاصمة بمشاركة جميع الأطراف المعنية بالنزاع."
    )
    lines, letters = detector.paragraph(raw, Span(0, len(raw)))
    assert lines[0].language == "ar" and lines[0].span == Span(0, len(raw))
    assert [(ll.span.of(raw), ll.language) for ll in lines[1:]] == [
        ("The minister said his country remains committed to a peaceful settlement", "en")
    ]
    assert letters["ar"] > letters["en"] > 0


def test_short_latin_inside_arabic_not_reported(detector: LanguageDetector) -> None:
    raw = "نقلت وكالة Reuters عن مصدر مطلع أن الاجتماع سيعقد الأسبوع المقبل."
    lines, _ = detector.paragraph(raw, Span(0, len(raw)))
    assert [ll.language for ll in lines] == ["ar"]


def test_majority_ignores_und() -> None:
    from collections import Counter

    assert majority(Counter({"und": 100, "en": 3})) == "en"
    assert majority(Counter()) == "und"

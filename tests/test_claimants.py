"""Claimants in the shapes real newswire uses, on sentences we wrote: a name in quotation marks after
a title with a coordinated body, unnamed sources and officials, an agency credit before the verb."""

from __future__ import annotations

from rasd.extract.article import extract
from rasd.extract.entities import find_mentions
from rasd.pipeline import process_text

from conftest import claims_of


def test_coordinated_body_after_a_title_is_not_a_person_and_a_quoted_name_is() -> None:
    text = 'وقال مدير مكتب التربية والتعليم بالمحافظة "سالم برهوم" إن المدارس أغلقت. وأضاف "برهوم" أن الدوام توقف.'
    people = [(m.key, m.surface) for m in find_mentions(text) if m.type == "PER"]
    assert people == [("per:سالم برهوم", "سالم برهوم"), ("per:سالم برهوم", "برهوم")]
    assert [c.claimant for c in claims_of([text])] == ["per:سالم برهوم", "per:سالم برهوم"]


def test_a_short_quoted_statement_after_a_title_is_not_a_name() -> None:
    for text in ('وقال وزير الخارجية "الوضع خطير".', 'وقال المتحدث باسم الوزارة: "نرفض ذلك" في بيان.'):
        assert [m for m in find_mentions(text) if m.type == "PER"] == []


def test_unnamed_sources_and_officials_are_anonymous_whoever_qualifies_them() -> None:
    for text in ("قالت مصادر تركية إن أنقرة استدعت سفيرها.",
                 "قال مسؤول أفغاني إن مسلحين من حركة طالبان هاجموا نقطة أمنية.",
                 "ونفى مصدر في وزارة الدفاع السورية وقوع الهجوم."):
        assert [c.claimant for c in claims_of([text]) if c.verb] == [None], text


def test_a_named_official_is_still_the_claimant() -> None:
    cs = claims_of(["وقال المسؤول في الولاية رحيم نوري إن الهجوم وقع ليلا."])
    assert [c.claimant for c in cs] == ["per:رحيم نوري"]


def test_an_agency_credit_before_the_verb_is_not_its_subject() -> None:
    cs = claims_of(["عمان، الأردن (CNN) -- قالت مصادر محلية إن الطريق أغلق."])
    assert [c.claimant for c in cs if c.verb] == [None]


def test_agencies_speak_across_a_relative_clause_and_in_an_attribution() -> None:
    for text, want in (("وقالت وكالة أعماق التابعة للتنظيم إن المهاجم نفذ العملية.", "amaq"),
                       ("جاء ذلك في تسجيل نشرته وكالة أعماق التي تعد ذراع التنظيم الإعلامية، وذكر أن الهجوم استهدف "
                        "مركزا.", "amaq"),
                       ("وتبنى التنظيم الهجوم الذي أسفر عن قتيل، بحسب وكالة أعماق.", "amaq"),
                       ("وذكرت وكالة أنباء برس ترست أن العاصفة ضربت الولاية.", "pti")):
        assert [c.claimant for c in claims_of([text]) if c.verb] == [want], text


def test_an_unknown_agency_is_a_body_not_a_conjunction() -> None:
    keys = [m.key for m in find_mentions("وقالت وكالة النهضة للأنباء إن الطريق أغلق.")]
    assert keys == ["org:وكاله النهضه للانباء"]


def test_abd_names_have_one_key_however_spaced_and_end_before_the_outlet() -> None:
    a = find_mentions("وقال محافظ الإقليم عبدالكريم سلطاني لوكالة رويترز إن الطريق أغلق.")
    b = find_mentions("وقال محافظ الإقليم عبد الكريم سلطاني إن الطريق أغلق.")
    assert [(m.key, m.surface) for m in a if m.type == "PER"] == [("per:عبدالكريم سلطاني", "عبدالكريم سلطاني")]
    assert [m.key for m in b if m.type == "PER"] == ["per:عبدالكريم سلطاني"]


def test_bare_police_before_any_country_is_the_police_of_the_article_country() -> None:
    text = ("تفجير في سوق بمدينة كراتشي\n\n"
            "قالت الشرطة إن تفجيرا وقع في سوق شعبي، وأسفر عن مقتل 4 أشخاص.\n\n"
            "وتشهد باكستان هجمات متكررة، وقالت السلطات الباكستانية إنها تحقق في الحادث.")
    ex = extract(process_text(text))
    assert [c.claimant for c in ex.claims if c.verb][:1] == ["police@PK"]

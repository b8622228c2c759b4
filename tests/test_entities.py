"""Entities: gazetteer names, institutions of a country, people after a title, variants merged."""

from __future__ import annotations

from collections import Counter

from rasd.extract.entities import Context, find_mentions
from rasd.extract.registry import EntityRegistry, EntityState, entity_id
from rasd.extract.types import Mention


def keys(text: str, ctx: Context | None = None) -> list[tuple[str, str]]:
    return [(m.key, m.surface) for m in find_mentions(text, ctx=ctx)]


def test_institution_with_nisba_in_phrase_and_metonym_share_a_key() -> None:
    found = keys("قالت وزارة الدفاع الأرمينية إن وزارة الدفاع في أرمينيا ونفت الدفاع الأرمنية ذلك")
    assert [k for k, _ in found] == ["mod@AM", "mod@AM", "mod@AM"]


def test_bare_institution_takes_the_country_named_before_it() -> None:
    ctx = Context()
    keys("أعلنت وزارة الدفاع في السودان سيطرتها على المدينة.", ctx)
    assert keys("وقال الجيش إن الوزارة ستصدر بيانا.", ctx) == [("sudan_army", "الجيش"), ("mod@SD", "الوزارة")]


def test_bare_institution_without_context_is_not_an_entity() -> None:
    assert keys("وقال الجيش إن العمليات مستمرة") == []


def test_person_after_title_with_gazetteer_country_and_appositive_commas() -> None:
    found = keys("وقال وزير الداخلية الليبي عماد الطرابلسي إن الأمن مستتب، فيما قال المتحدث باسم "
                 "الهلال الأحمر في بنغازي، توفيق الشكري، إن الفرق تعمل.")
    people = [k for k, _ in found if k.startswith("per:")]
    assert people == ["per:عماد الطرابلسي", "per:توفيق الشكري"]


def test_person_name_stops_before_a_verb_and_later_surname_is_the_same_person() -> None:
    ctx = Context()
    first = keys("أكد رئيس البعثة الأممية هانز كولر أن الوضع خطير.", ctx)
    assert ("per:هانز كولر", "هانز كولر") in first
    assert keys("وأضاف كولر أن المساعدات ستصل.", ctx) == [("per:هانز كولر", "كولر")]


def test_gazetteer_people_and_organisations_keep_their_keys() -> None:
    found = dict(keys("وأكد الرئيس الأذربيجاني إلهام علييف أن مجلس الأمن الدولي يتحمل المسؤولية"))
    assert "ilham_aliyev" in found and "unsc" in found


def test_state_department_spellings_are_one_entity() -> None:
    a = keys("وزارة الخارجية الأمريكية")
    b = keys("وزارة الخارجية الأميركية")
    assert a[0][0] == b[0][0] == "state_department"


def test_registry_merges_transliterations_of_a_person_across_articles() -> None:
    reg = EntityRegistry()
    m1 = Mention("per:فغرام بوغوسيان", "PER", 0, 14, "فغرام بوغوسيان", "فغرام بوغوسيان")
    assert reg.canonical(m1.key) == m1.key
    reg._note(m1, m1.key)
    assert reg.canonical("per:فهرام بوغوسيان") == "per:فغرام بوغوسيان"
    assert reg.canonical("per:فهرام ساركيسيان") == "per:فهرام ساركيسيان"  # another family name


def test_registry_restored_from_rows_keeps_ids() -> None:
    reg = EntityRegistry([EntityState("mod@AM", "ORG", "وزارة الدفاع (أرمينيا)", Counter({"وزارة الدفاع الأرمينية": 2}),
                                      2)], [("per:ستيفن بيجون", "stephen_biegun")])
    assert reg.canonical("per:ستيفن بيجون") == "stephen_biegun"
    assert reg.entities["mod@AM"].id == entity_id("mod@AM") and entity_id("mod@AM").startswith("E")


def test_english_text_gives_no_arabic_institutions() -> None:
    assert all("@" not in k for k, _ in keys("The Ministry of Defence said three soldiers were killed."))

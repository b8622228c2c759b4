"""Organisations: a known body inside a longer phrase is the body alone; bodies from names_bodies.tsv."""

from __future__ import annotations

from rasd.extract.entities import find_mentions


def orgs(text: str) -> list[tuple[str, str]]:
    return [(m.key, m.surface) for m in find_mentions(text) if m.type == "ORG"]


def test_kind_word_before_a_known_body_is_left_out() -> None:
    assert orgs("ودعت منظمة الأمم المتحدة إلى التهدئة") == [("un", "الأمم المتحدة")]


def test_named_body_stops_before_belonging_to_and_the_owner_is_the_organisation() -> None:
    found = orgs("وانتشرت قوات حفظ السلام التابعة للأمم المتحدة في القرى الحدودية")
    assert ("un", "للأمم المتحدة") in found  # the surface keeps its clitic, as the text has it
    assert all("التابعة" not in s for _, s in found)


def test_acronym_of_a_peacekeeping_force_is_an_organisation() -> None:
    assert orgs("وقال متحدث إن دورية لليونيفيل مرت قرب الخط الأزرق") == [("unifil", "لليونيفيل")]
    assert [k for k, _ in orgs("وأعلنت قوات اليونيفيل أنها تحقق")] == ["unifil"]


def test_central_bank_and_religious_body_are_organisations() -> None:
    assert [k for k, _ in orgs("وأبقى البنك المركزي الأوروبي أسعار الفائدة دون تغيير")] == ["ecb"]
    assert [k for k, _ in orgs("وأصدر مجمع البحوث الإسلامية بيانا")] == ["islamic_research"]


def test_a_body_named_after_its_kind_word_is_still_the_claimant() -> None:
    from conftest import claims_of

    text = "وقالت منظمة الأمم المتحدة إن المخيمات مكتظة."
    assert [c.claimant for c in claims_of([text]) if c.verb] == ["un"]

"""People introduced by an occupation ("الروائي", "المدرب") rather than an office, and their surname later."""

from __future__ import annotations

from rasd.extract.entities import Context, find_mentions


def people(text: str) -> list[str]:
    return [m.surface for m in find_mentions(text, ctx=Context()) if m.type == "PER"]


def test_occupation_introduces_a_name_and_the_surname_alone_is_the_person_later() -> None:
    assert people("وفاز الروائي كريم بنعلي بالجائزة. وكتب بنعلي روايته الأولى في شبابه.") == [
        "كريم بنعلي", "بنعلي"]


def test_coach_with_a_nisba_before_the_name() -> None:
    assert people("وقال المدرب البرتغالي جوزيه فرنانديز إن فريقه جاهز") == ["جوزيه فرنانديز"]


def test_occupation_claimant_words_stay_out_of_claims_titles() -> None:
    from rasd.extract.lexicon import PROFESSIONS, TITLE_HEADS

    assert not PROFESSIONS & TITLE_HEADS

"""Attributed claims: reporting verb, claimant, continuation, quotes and polarity, on sentences we wrote."""

from __future__ import annotations

from rasd.extract.article import extract
from rasd.extract.claims import quote_spans
from rasd.extract.types import DENIES, Claim, Fact
from rasd.names.gazetteer import GazetteerHit
from rasd.pipeline import process_text

from conftest import claims_of


def no_facts(text: str, base: int = 0, names: list[GazetteerHit] | None = None) -> list[Fact]:
    return []


def who(claims: list[Claim]) -> list[tuple[str | None, str | None]]:
    return [(c.verb, c.claimant) for c in claims]


def test_verb_then_institution_and_continuation_by_wa_adafat() -> None:
    cs = claims_of(["قالت وزارة الصحة السودانية، اليوم الاثنين، إن القصف طال سوقا شعبيا.",
                    "وأضافت أن فرق الإسعاف لم تتمكن من الوصول إلى الموقع."])
    assert who(cs) == [("قالت", "moh@SD"), ("وأضافت", "moh@SD")]


def test_subject_before_the_verb_in_the_same_sentence() -> None:
    cs = claims_of(["وكانت وزارة الدفاع في أوكرانيا أعلنت أن قواتها صدت هجوما قرب خاركيف."])
    assert who(cs) == [("أعلنت", "mod@UA")]


def test_title_and_person_is_the_claimant_and_participle_continues() -> None:
    cs = claims_of(["وقال المتحدث باسم الدفاع المدني في غزة محمود بصل إن الطواقم انتشلت جثامين من تحت الأنقاض، "
                    "مشيرا إلى أن العمل مستمر."])
    assert [c.claimant for c in cs] == ["per:محمود بصل", "per:محمود بصل"]
    assert cs[1].verb == "مشيرا"


def test_denial_has_polarity_denies_and_its_own_claimant_through_quotes() -> None:
    cs = claims_of(["وأعلنت هيئة الأركان الأوكرانية إسقاط طائرة روسية، ونفت “الدفاع الروسية” ذلك."])
    assert who(cs) == [("وأعلنت", "general_staff@UA"), ("ونفت", "mod@RU")]
    assert cs[1].polarity == DENIES


def test_attribution_phrase_covers_its_sentence() -> None:
    text = "ارتفعت حصيلة الضحايا في المدينة، وفقا لوزارة الصحة الليبية."
    cs = claims_of([text])
    assert who(cs) == [("وفقا", "moh@LY")]
    assert cs[0].start == 0


def test_masculine_verb_before_a_state_keeps_the_previous_speaker() -> None:
    cs = claims_of(["وقال الرئيس الفرنسي إيمانويل ماكرون إن الحل سياسي، ودعا طهران إلى ضبط النفس."])
    assert [c.claimant for c in cs] == ["emmanuel_macron", "emmanuel_macron"]


def test_unknown_noun_subject_is_not_given_to_the_previous_speaker() -> None:
    cs = claims_of(["قالت وزارة الخارجية المصرية إن الاتصالات مستمرة.",
                    "وأعلن الإقليم انفصاله عن الدولة المركزية."])
    assert who(cs)[1] == ("وأعلن", None)


def test_quotes_are_found_with_their_marks() -> None:
    text = 'قال إن «الوضع خطير» وإن "الحل قريب" و“لا تراجع”'
    assert [text[a:b] for a, b in quote_spans(text)] == ["«الوضع خطير»", '"الحل قريب"', "“لا تراجع”"]


def test_seed_claims_have_claimants_verbs_and_times(seeds: dict[str, str]) -> None:
    a = process_text(seeds["001_5d190e1fc6d5d137"], "001_5d190e1fc6d5d137")
    x = extract(a, no_facts)
    by_verb = {(c.verb, c.claimant) for c in x.claims}
    assert ("وأعلنت", "mod@AM") in by_verb and ("وأعلن", "army@AZ") in by_verb
    boghosyan = [c for c in x.claims if c.claimant and c.claimant.startswith("per:")]
    assert boghosyan and boghosyan[0].claimant == "per:فغرام بوغوسيان"
    announced = next(c for c in x.claims if c.verb == "وأعلنت")
    assert announced.time == "2020-09-27"  # "في وقت سابق اليوم الأحد", published on Monday the 28th
    assert all(a.raw[c.verb_start:c.verb_end] == c.verb for c in x.claims if c.verb_start is not None)


def test_seed_denial_of_the_helicopter(seeds: dict[str, str]) -> None:
    a = process_text(seeds["004_e93f75d20582ed49"], "004_e93f75d20582ed49")
    denial = [c for c in extract(a, no_facts).claims if c.polarity == DENIES]
    assert [(c.verb, c.claimant) for c in denial] == [("ونفت", "mod@AZ")]

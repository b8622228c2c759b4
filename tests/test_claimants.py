"""Claimants in the shapes real newswire uses, on sentences we wrote: a name in quotation marks after
a title with a coordinated body, unnamed sources and officials, an agency credit before the verb."""

from __future__ import annotations

from rasd.extract.claims import Speaker, attribute
from rasd.extract.entities import Context, find_mentions
from rasd.extract.tokens import tokenize
from rasd.extract.types import Claim


def claims_of(paragraphs: list[str]) -> list[Claim]:
    ctx, speaker, out = Context(), Speaker(None, None), []
    for p in paragraphs:
        found, speaker = attribute(tokenize(p), find_mentions(p, ctx=ctx), [], speaker)
        out.extend(found)
    return out


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

"""Where a person's name ends: common words, verbs, adverbs and a second name after و end it; a family
name with the article and a monarch's ordinal belong to it. Every sentence here was written for these tests."""

from __future__ import annotations

from rasd.extract.name_shape import not_a_name
from rasd.extract.text import text_mentions
from rasd.extract.tokens import norm_word


def _people(text: str) -> list[str]:
    return [m.surface for m in text_mentions(text) if m.type == "PER" and m.named]


def test_a_verb_or_a_common_noun_after_a_name_is_not_part_of_it() -> None:
    assert _people("وقال رئيس الحكومة رومانو برودي اتفق مع نظيره على الخطة") == ["رومانو برودي"]
    assert _people("أصدرت المحكمة على صدام حسين عقوبة الإعدام") == ["صدام حسين"]
    assert _people("قال الكاتب جمال الغيطاني حاليا إنه يكتب رواية") == ["جمال الغيطاني"]


def test_a_second_name_after_wa_starts_its_own_name() -> None:
    assert _people("شارك في العمل فتحي عبد الوهاب وجومانا مراد") == ["فتحي عبد الوهاب", "جومانا مراد"]


def test_a_family_name_with_the_article_ends_the_name_whatever_follows() -> None:
    assert _people("بدأ رئيس الوزراء نوري المالكي زيارة إلى لندن") == ["نوري المالكي"]


def test_a_monarchs_ordinal_belongs_to_the_name_but_a_rank_does_not() -> None:
    assert _people("استقبل الملك عبد الله الثاني الوفد") == ["عبد الله الثاني"]
    assert _people("وجاء اللاعب توماس برديتش الثاني عشر في الترتيب") == ["توماس برديتش"]


def test_ala_spelled_with_alef_maqsura_does_not_continue_a_name() -> None:
    assert _people("وحصل الروائي نجيب محفوظ على جائزة كبرى") == ["نجيب محفوظ"]


def test_word_shapes_that_are_no_names() -> None:
    for w in ("رسميا", "لدعمهما", "يتحدث", "يواصلان", "بسبب", "متضامنا", "زيارة"):
        assert not_a_name(norm_word(w)), w
    for w in ("شيراك", "بلير", "لافروف", "فيدرر", "أوباما", "دولانويه"):
        assert not not_a_name(norm_word(w)), w

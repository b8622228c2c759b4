"""Arabic normalization: idempotent, offsets round-trip to the raw text, variants fold."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.normalize import normalize, normalize_with_offsets, strip_marks

ARABIC_ISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list(" \n\t\u00a0\u200b\u200f\u202bـabcABC0123456789٠١٢۳")),
    ),
    max_size=80,
)


@given(st.one_of(ARABIC_ISH, st.text(max_size=60)))
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=400)
@given(st.one_of(ARABIC_ISH, st.text(max_size=60)))
def test_offsets_view_agrees_and_maps_into_raw(text: str) -> None:
    view = normalize_with_offsets(text)
    assert view.norm == normalize(text)
    assert len(view.offsets) == len(view.norm) + 1
    assert all(0 <= o <= len(text) for o in view.offsets)
    assert list(view.offsets) == sorted(view.offsets)


def test_spelling_variants_fold_together() -> None:
    assert normalize("قرة باغ") == normalize("قره باغ")
    assert normalize("الأرمينية") == normalize("الارمينيه")
    assert normalize("إلى") == normalize("الى")
    assert normalize("عاجــــل") == "عاجل"
    assert normalize("دعواتٌ") == "دعوات"


def test_digits_spaces_and_persian_letters() -> None:
    assert normalize("٢٧ سبتمبر ٢٠٢٠") == "27 سبتمبر 2020"
    assert normalize("۱۴۰۲") == "1402"
    assert normalize("a\u00a0\u00a0b") == "a b"
    assert normalize("پاکستان") == "پاكستان"
    assert normalize("ی") == normalize("ي")
    assert normalize("\u200fقره\u200b") == "قره"
    assert normalize("ﻻ") == "لا"  # presentation-form ligature


def test_match_in_norm_maps_back_to_raw_span() -> None:
    raw = "وتجددت الاشتباكات في قرةُ بــاغ اليوم"
    view = normalize_with_offsets(raw)
    pos = view.norm.find("قره باغ")
    start, end = view.to_raw(pos, pos + len("قره باغ"))
    assert raw[start:end] == "قرةُ بــاغ"


def test_strip_marks_keeps_letters_as_written() -> None:
    assert strip_marks("عاجــــل : قرةُ") == "عاجل : قرة"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list(" \n\r\t\u00a0ـًٌﻻﷺاأبة١2x\u200f.،")), max_size=30))
def test_offsets_view_agrees_on_space_and_mark_runs(text: str) -> None:
    view = normalize_with_offsets(text, 5)
    assert view.norm == normalize(text)
    assert len(view.offsets) == len(view.norm) + 1

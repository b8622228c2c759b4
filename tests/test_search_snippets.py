"""Snippets found in the raw text folded in place agree with those found by normalizing it with offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.normalize import fold_in_place, folded_pattern, normalize
from rasd.store.query import parse
from rasd.store.search import _folded_regex, normalized_snippets, snippets

TEXT = ("أعلنت الحكومةُ في بيانٍ يوم الأحد أن محادثات قرة بـــاغ ستُستأنف.\n"
        "وقال المتحدث\u00a0 \u200cباسم الوزارة إن الوفد الأرميني وصل إلى العاصمة،\n"
        "فيما أكّد مسؤولون أن إقليم قره\u200f باغ يشهد هدوءاً حذراً منذ الخميس.")  # fmt: skip


def _reference(raw: str, query: str) -> list[dict[str, object]]:
    p = parse(query)
    return normalized_snippets(raw, tuple(sorted(p.terms or p.short, key=len, reverse=True)), 3)


def test_fold_in_place_keeps_offsets() -> None:
    folded = fold_in_place(TEXT)
    assert folded is not None and len(folded) == len(TEXT)
    assert normalize(folded.replace("\u0640", "")) == normalize(TEXT)


def test_ligatures_and_astral_text_are_left_to_the_normalizing_path() -> None:
    assert fold_in_place("لا ﻻ") is None  # the lam-alef ligature becomes two letters
    assert fold_in_place("خبر 😀") is None and fold_in_place("خبر \ud800") is None
    assert snippets("قرة باغ \ud800 وقرة باغ", "باغ") == _reference("قرة باغ \ud800 وقرة باغ", "باغ")
    assert folded_pattern("قره باغ") is not None
    assert folded_pattern("قرة") is None and folded_pattern(" باغ") is None and folded_pattern("قره  باغ") is None


def test_snippets_match_the_reference_on_marks_spaces_and_letter_forms() -> None:
    for query in ("قرة باغ", '"قره باغ"', "الحكومة", "بيان", "المتحدث باسم", '"المتحدث باسم"', "اكد", "هدوء",
                  "وزاره", "الخميس الاحد"):  # fmt: skip
        got = snippets(TEXT, query)
        assert got == _reference(TEXT, query), query
    phrase = snippets(TEXT, '"المتحدث باسم"')
    assert phrase and phrase[0]["match"] == "المتحدث\u00a0 \u200cباسم"  # the raw characters, marks and spaces kept
    assert [s["match"] for s in snippets(TEXT, "قرة باغ")] == ["قرة بـــاغ", "قره\u200f باغ"]  # the name, as written


def test_a_text_with_a_ligature_gets_the_same_snippets() -> None:
    raw = TEXT + "\nﻻ تعليق على محادثات قرة باغ."
    assert _folded_regex(("باغ",)) is not None and fold_in_place(raw) is None
    assert snippets(raw, "باغ") == _reference(raw, "باغ") and len(snippets(raw, "باغ")) == 3


_PIECES = st.sampled_from(["قرة", "قره", "باغ", "بـاغ", "بَاغ", "الحكومة", "أن", "إن", " ", "  ", "\u00a0", "\n",
                           "\u200c", "\u0640", "\u064e", "\u200f", "\t", "ى", "ي", "ﻻ", "٢", "ة", "ه",
                           "a", "A"])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.sampled_from(["قرة باغ", '"قره باغ"', "باغ", "الحكومة ان", "ي", "aaa"]))
def test_snippets_agree_with_normalizing(pieces: list[str], query: str) -> None:
    raw = "".join(pieces)
    assert snippets(raw, query) == _reference(raw, query)

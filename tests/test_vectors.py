"""The array arithmetic of clustering equals the plain dict formulas it replaced, bit for bit."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.events.features import GRAMS, char_grams, letter_words
from rasd.events.vectors import Bag, DocFreq, Vocab, cosine, cosine_vec, weigh, weights
from rasd.names.gazetteer import find_names, name_keys
from rasd.names.gazetteer_data import TOKEN

KEYS = st.sampled_from([f"k{i}" for i in range(40)])
COUNTS = st.dictionaries(KEYS, st.integers(1, 30), max_size=25)


def plain_weigh(counts: dict[str, int], df: Counter[str], docs: int, scale: float = 1.0) -> dict[str, float]:
    base = math.log(docs + 1) + 1.0
    vec = {k: math.log1p(c / scale) * (base - math.log(df.get(k, 0) + 1)) for k, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


def plain_top(counts: Counter[str], n: int) -> Counter[str]:
    return counts if len(counts) <= n else Counter(dict(counts.most_common(n)))


@settings(max_examples=200)
@given(st.lists(COUNTS, min_size=1, max_size=12), st.integers(1, 9), st.integers(1, 12))
def test_bags_weights_and_cosines_equal_the_dict_formulas(docs: list[dict[str, int]], scale: int, limit: int) -> None:
    df, plain_df = DocFreq(), Counter[str]()
    bag, plain = Bag(df.vocab), Counter[str]()
    for doc in docs:
        ids, cnt = df.add(doc)
        plain_df.update(doc.keys())
        bag.merge(ids, cnt, limit)
        plain = plain_top(plain + Counter(doc), limit)
        assert list(bag.to_dict().items()) == list(plain.items())
    a, b = plain_weigh(docs[-1], plain_df, len(docs)), plain_weigh(plain, plain_df, len(docs), scale)
    va, vb = weights(df, *df.counts(docs[-1])), weights(df, bag.ids, bag.cnt, scale)
    assert [df.vocab.key(i) for i in va.ids.tolist()] == list(a) and va.w.tolist() == list(a.values())
    assert vb.w.tolist() == list(b.values())
    assert cosine_vec(va, vb, df.vocab) == cosine(a, b)
    assert cosine_vec(vb, va, df.vocab) == cosine(b, a)
    assert weigh(plain, df, scale) == b


def plain_grams(tokens: list[str], n: int = 4) -> dict[str, int]:
    grams: Counter[str] = Counter()
    for tok, c in Counter(tokens).items():
        padded = f" {tok} "
        if len(padded) <= n:
            grams[padded] += c
            continue
        for i in range(len(padded) - n + 1):
            grams[padded[i : i + n]] += c
    return dict(grams)


WORDS = st.lists(st.text(alphabet="ابتثجحخ12", min_size=2, max_size=7), max_size=30)


@given(WORDS)
def test_char_grams_count_like_the_plain_loop(tokens: list[str]) -> None:
    grams = char_grams(tokens)
    assert grams.vocab is GRAMS
    assert list(grams.to_dict().items()) == list(plain_grams(tokens).items())


@settings(max_examples=300)
@given(st.text(alphabet=[*"ab_Z09 -.\n²½٣۵ابجـً", "\u2163", "\U0001d7ce"], max_size=40))
def test_letter_words_are_the_letter_runs(text: str) -> None:
    assert letter_words(TOKEN.findall(text)) == re.findall(r"[^\W\d_]{2,}", text)


def test_name_keys_agree_with_find_names() -> None:
    text = "وصل وزير الخارجية الأميركي بلينكن إلى عمّان ثم إلى باكو، فيما قالت NATO إن قرة باغ هادئة"
    scan = name_keys(text)
    assert scan.names == [(h.key, h.type) for h in find_names(text)]
    assert scan.names and scan.tokens == TOKEN.findall(scan.norm)


def test_vocab_tally_counts_in_order_of_first_occurrence() -> None:
    vocab = Vocab()
    every = vocab.ids(["b", "a", "b", "c", "a", "b"])
    ids, cnt = vocab.tally(every)
    assert [vocab.key(i) for i in ids.tolist()] == ["b", "a", "c"] and cnt.tolist() == [3, 2, 1]
    assert (vocab.scratch()[: len(vocab)] == -1).all()
    assert np.array_equal(vocab.tally(every)[1], cnt)  # scratch arrays were reset


def test_saved_changes_rebuild_the_full_frequencies() -> None:
    df = DocFreq()
    docs = [{"قصف": 2, "غزة": 1}, {"غزة": 3, "هدنة": 1}, {"هدنة": 1, "مفاوضات": 2}, {"قصف": 1}]
    df.add(docs[0])
    saved = df.to_json()  # the full statistics of an earlier run
    df.take_changed()
    parts = []
    for d in docs[1:]:
        df.add(d)
        parts.append(df.take_changed())  # one batch each
    merged: dict[str, int] = dict(saved["df"])  # type: ignore[call-overload]
    for p in parts:
        merged.update(p["df"])  # type: ignore[call-overload]
    assert parts[-1]["docs"] == df.docs == 4
    assert merged == df.to_json()["df"] == {"قصف": 2, "غزة": 2, "هدنة": 2, "مفاوضات": 1}
    assert df.take_changed() == {"docs": 4, "df": {}}

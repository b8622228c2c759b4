"""Tables a run used to build at its start, now kept on disk or built another way (start-up speed):
each gives exactly what the old way gave."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import simplemma

from rasd import cache
from rasd.arabic import normalize as norm
from rasd.copies import features as copies_features
from rasd.events import features as event_features

# Written for these tests: tatweel, harakat, a lam-alef ligature, Persian and Eastern digits, a
# no-break space, a zero-width joiner, Latin capitals, presentation forms.
TEXT = "عاجــــل: وَزيرُ الخارجيّة ﻻ يرى ٣ أو ۴ حلول\u00a0فـي\u200dالأفق ÉCOLE ﺍﻟﺴﻼﻡ  \n  Ｆｕｌｌ"


def test_normalize_with_the_full_table_is_the_sparse_translation() -> None:
    sparse = norm._table()
    for text in (TEXT, TEXT * 3, "".join(chr(c) for c in range(0x600, 0x700)), "plain ascii"):
        want = norm._SPACE_AROUND_NL.sub("\n", norm._SPACE_RUN.sub(" ", text.translate(sparse)))
        assert norm.normalize(text) == want
        assert norm.normalize_with_offsets(text).norm == want


def test_tables_are_kept_on_disk_and_read_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_CACHE", str(tmp_path))
    built = norm._build_table()
    assert cache.cached("fold-table", norm._build_table, sources=("arabic",), dists=()) == built
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["fold"]

    def never() -> dict[int, str]:
        raise AssertionError("built again")

    assert cache.cached("fold-table", never, sources=("arabic",), dists=()) == built


def test_the_copies_lookup_table_from_the_fold_table_is_the_one_from_fold_char() -> None:
    lut = np.zeros(copies_features._BMP, dtype=np.uint32)
    for c in range(copies_features._BMP):
        surrogate = 0xD800 <= c <= 0xDFFF
        lut[c] = copies_features._SLOW if surrogate else copies_features._entry(norm.fold_char(chr(c)))
    lut[copies_features._BMP - 1] = copies_features._SLOW
    assert np.array_equal(copies_features._build_table(), lut)


@pytest.mark.parametrize("word", ["الوزارة", "وزيرا", "والمفاوضات", "بالقاهرة", "يستعرضون", "كاراباخ", "زيلنسكي",
                                  "Hello", "أحمدُ"])
def test_lemmas_through_the_kept_dictionary_are_simplemmas(word: str) -> None:
    lem = simplemma.lemmatize(word, lang="ar")
    want = norm.normalize(lem)
    if lem == word and not simplemma.is_known(word, lang="ar"):
        for p in event_features._PREFIXES:
            if want.startswith(p) and len(want) - len(p) >= 3:
                want = want[len(p):]
                break
    assert event_features._lemma(word) == want


def test_lemmas_kept_for_the_next_run_are_read_back_not_computed(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_CACHE", str(tmp_path))
    words = ["الوزارة", "والمفاوضات", "كاراباخ"]
    first = event_features._KeptLemmas()
    want = [first.get(w) for w in words]
    assert want == [event_features._lemma(w) for w in words]
    first.keep()

    def boom(token: str) -> str:
        raise AssertionError("computed again")

    monkeypatch.setattr(event_features, "_lemma", boom)
    assert [event_features._KeptLemmas().get(w) for w in words] == want

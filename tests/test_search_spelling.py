"""Names the gazetteer lacks, written with or without a medial long vowel, find each other; Arabic
words of one skeleton (كتاب، كاتب) do not (articles written for these tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rasd.pipeline import run
from rasd.store import Store
from rasd.store.search import search
from rasd.store.spelling import skeleton, vowels_apart

from conftest import write_articles

# an invented foreign name spelled two ways, and Arabic words that share a skeleton
ARTICLES = {
    "n1": "زيارة رسمية\n\nوصل المبعوث فيلانوفسكي إلى العاصمة مساء الأحد في زيارة تستمر يومين.\n",
    "n2": "محادثات مطولة\n\nقال فيلنوفسكي إن المحادثات كانت مفيدة، وأكد فيلنوفسكي أن الجولة المقبلة قريبة.\n",
    "n3": "تصريح جديد\n\nأعلن فيلنوفسكي أمس أنه سيعود إلى المنطقة الشهر المقبل لمتابعة الملف.\n",
    "w1": "معرض الكتاب\n\nافتتح معرض الكتاب السنوي أبوابه، وعرض الكتاب الجديد للمؤلفين الشباب في القاعة.\n",
    "w2": "الكاتب الشاب\n\nفاز الكاتب الشاب بالجائزة، وقال الكاتب إن الرواية استغرقت عامين من العمل.\n",
    "w3": "كتب ومجلات\n\nكتب الصحفي مقالا عن المجلات القديمة والكتب النادرة في المكتبة العامة.\n",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("spelling"), ARTICLES)


@pytest.fixture(scope="module")
def store(folder: Path) -> Store:
    s = Store(folder / "s.db")
    run([folder], s)
    return s


def ids(store: Store, q: str) -> set[str]:
    return {h["id"] for h in search(store, q)}


def test_skeleton_and_vowel_distance() -> None:
    assert skeleton("ترامب") == skeleton("ترمب") == "ترمب"
    assert vowels_apart("زيلنسكي", "زيلينسكي") and vowels_apart("ترمب", "ترامب")
    assert not vowels_apart("دريان", "دوران")  # one vowel for another
    assert not vowels_apart("دعما", "دعموا")  # an ending
    assert not vowels_apart("ترمب", "ترمب")


def test_a_name_is_found_in_both_spellings(store: Store) -> None:
    assert ids(store, "فيلنوفسكي") == {"n1", "n2", "n3"}
    assert ids(store, "فيلانوفسكي") == {"n1", "n2", "n3"}
    assert ids(store, "وفيلانوفسكي") == {"n1", "n2", "n3"}  # typed with a clitic


def test_the_snippet_marks_the_other_spelling(store: Store) -> None:
    hit = next(h for h in search(store, "فيلانوفسكي") if h["id"] == "n3")
    assert hit["snippets"] and hit["snippets"][0]["match"] == "فيلنوفسكي"


def test_arabic_words_of_one_skeleton_stay_apart(store: Store) -> None:
    assert ids(store, "كتاب") == {"w1"}
    assert ids(store, "كاتب") == {"w2"}


def test_quoted_phrase_is_not_expanded(store: Store) -> None:
    assert ids(store, '"المبعوث فيلانوفسكي"') == {"n1"}
    assert ids(store, '"فيلانوفسكي"') == {"n1"}


def test_an_older_store_fills_its_vocabulary_when_opened(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as s:
        run([folder], s)
    c = sqlite3.connect(db)  # make it a store of the schema before the vocabulary
    c.execute("DROP TABLE search_words")
    c.execute("DROP TABLE copy_keys")  # and of the copies index saved after it (migrations 5, 6)
    c.execute("DROP TABLE copy_docs")
    c.execute("DROP TABLE event_views")  # and of the kept event views (migrations 5 and 8)
    c.execute("PRAGMA user_version=3")
    c.commit()
    c.close()
    with Store(db, readonly=True) as s:
        assert {h.id for h in s.search("فيلانوفسكي")} == {"n1", "n2", "n3"}

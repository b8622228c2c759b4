"""The word index beside the store (store/textindex.py): it answers ranked search with the hits FTS5
gives for the same parsed query on these articles, stays out of the way when it is behind the store
or was built for another one, and follows replaced articles. Articles written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.arabic.normalize import normalize
from rasd.pipeline import process_text
from rasd.store import Store
from rasd.store.browse import Filters
from rasd.store.textindex import folder_of, tokens

ARTICLES = {
    "a1": ("وكالة الشرق", "قصف مدفعي على قرى قره باغ\n\nالأحد 12 مارس 2023\n\nقصفت القوات الأرمينية مواقع "
           "في إقليم قره باغ صباح اليوم، وقال المتحدث إن القصف استمر ساعتين."),
    "a2": ("صحيفة الغد", "ترامب يلتقي زيلينسكي\n\nالاثنين 13 مارس 2023\n\nالتقى الرئيس ترامب نظيره "
           "زيلينسكي في البيت الأبيض وبحثا ملف المساعدات العسكرية والقصف على المدن."),
    "a3": ("قناة النهار", "مدرسة في مرمى النيران\n\nالثلاثاء 14 مارس 2023\n\nتعرضت مدرسة ابتدائية "
           "لقصف عنيف وبالقصف تضررت الفصول، فيما أدان ترمب الهجوم على المدرسة."),
    "a4": ("وكالة الشرق", "أسعار الوقود ترتفع\n\nالأربعاء 15 مارس 2023\n\nارتفعت أسعار الوقود للمرة "
           "الثالثة هذا العام، وقالت الحكومة الأرمينية إنها ستدعم النقل العام."),
}
QUERIES = ["قصف", "وبالقصف", "قرة باغ", "ترمب", "زيلنسكي", "مدرسة قصف", '"أسعار الوقود"', "الأرمنية",
           '"في إقليم قره باغ"', '"قوات قره باغ"',
           "النقل العام", "لا شيء هنا"]


def _store(path: Path) -> Store:
    store = Store(path)
    store.save_batch([process_text(text, aid, source=src) for aid, (src, text) in ARTICLES.items()])
    return store


def _fts5(store: Store, q: str, monkeypatch: pytest.MonkeyPatch, **f: str) -> list[str]:
    with monkeypatch.context() as m:
        m.setenv("RASD_SEARCH_INDEX", "off")
        return [h.id for h in store.search(q, limit=50, filters=Filters(**f))]


def _indexed(store: Store, q: str, **f: str) -> list[str]:
    assert store._search_index(store.parse_query(q), 50, Filters(**f)) is not None  # the index answers
    return [h.id for h in store.search(q, limit=50, filters=Filters(**f))]


def test_tokens_are_clitic_free_cores() -> None:
    assert tokens(normalize("والقصف بالمدرسة وقرة باغ G20 2023")) == ["قصف", "مدرسه", "وقره", "باغ", "g20", "2023"]


def test_index_finds_what_fts5_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _store(tmp_path / "s.db") as store:
        assert store._search_index(store.parse_query("قصف"), 5, Filters()) is None  # no index yet: FTS5
        assert store.sync_search_index() == len(ARTICLES)
        for q in QUERIES:
            assert sorted(_indexed(store, q)) == sorted(_fts5(store, q, monkeypatch)), q
        assert sorted(_indexed(store, "ترمب")) == ["a2", "a3"]
        for f in ({"source": "وكالة الشرق"}, {"since": "2023-03-13", "until": "2023-03-14"}, {"language": "ar"}):
            for q in ("قصف", "الأرمينية", "ترامب"):
                assert sorted(_indexed(store, q, **f)) == sorted(_fts5(store, q, monkeypatch, **f)), (q, f)
        hits = store.search("قصف", limit=2)
        assert len(hits) == 2 and hits[0].rank <= hits[1].rank and hits[0].title  # rows from the store


def test_behind_the_store_it_steps_aside_until_synced(tmp_path: Path) -> None:
    with _store(tmp_path / "s.db") as store:
        store.sync_search_index()
        store.save_batch([process_text("خبر جديد\n\nسقوط أمطار غزيرة على مدينة الساحل هذا المساء.", "a5")])
        assert store._search_index(store.parse_query("أمطار"), 5, Filters()) is None
        assert [h.id for h in store.search("أمطار")] == ["a5"]  # FTS5 meanwhile
        assert store.sync_search_index() == 1
        assert _indexed(store, "أمطار") == ["a5"]
        # an article stored again with other text: the index follows the new text
        store.save_batch([process_text("خبر معدل\n\nتوقف المطر وعادت الحركة إلى الشوارع.", "a5")])
        store.sync_search_index()
        assert _indexed(store, "أمطار") == [] and _indexed(store, "الشوارع") == ["a5"]
        assert store.search("قصف", filters=Filters(entity="x")) == []  # a filter it lacks: FTS5, no error


def test_an_index_left_beside_a_new_store_is_not_read(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with _store(db) as store:
        store.sync_search_index()
    for p in tmp_path.glob("s.db*"):
        if p.is_file():
            p.unlink()
    assert folder_of(str(db)) is not None and folder_of(str(db)).is_dir()  # type: ignore[union-attr]
    with Store(db) as store:
        store.save_batch([process_text("خبر آخر\n\nافتتاح معرض الكتاب في العاصمة بمشاركة واسعة.", "b1")])
        assert store._search_index(store.parse_query("معرض"), 5, Filters()) is None
        assert [h.id for h in store.search("معرض")] == ["b1"]
        assert store.sync_search_index() == 1  # rebuilt for this store
        assert _indexed(store, "معرض") == ["b1"] and _indexed(store, "قصف") == []


def test_index_command(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store(db).close()

    def rasd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)

    r = rasd("index", "--db", str(db), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["indexed"] == len(ARTICLES)
    r = rasd("index", "--db", str(db), "--rebuild", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["indexed"] == len(ARTICLES)
    r = rasd("search", "قرة باغ", "--db", str(db), "--json")
    assert [h["id"] for h in json.loads(r.stdout)["hits"]] == ["a1"]
    bad = rasd("index", "--db", str(tmp_path / "none.db"))
    assert bad.returncode != 0 and "no store" in bad.stderr and "Traceback" not in bad.stderr

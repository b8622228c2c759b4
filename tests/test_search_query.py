"""Search as people type: any word order, any clitic form, every spelling of a known name, quoted
phrases; nothing typed is read as FTS5 syntax (articles written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.pipeline import run
from rasd.store import Store
from rasd.store.query import core, parse
from rasd.store.search import search

from conftest import write_articles

ARTICLES = {
    "a": "قصف مدرسة في المدينة\n\n"
    "تعرضت مدرسة ابتدائية في المدينة لقصف مدفعي صباح اليوم، وقال مسؤول محلي إن المبنى تضرر.\n",
    "b": "ترمب يلتقي نظيره\n\nالتقى الرئيس الأمريكي دونالد ترمب نظيره في البيت الأبيض لبحث ملفات التجارة والأمن.\n",
    "c": "اشتباكات في كاراباخ\n\n"
    "تجددت الاشتباكات في إقليم كاراباخ بين القوات الأذربيجانية والمقاتلين الأرمن مساء الأحد.\n",
    "d": "وقف إطلاق النار\n\n"
    "أعلن الطرفان وقف إطلاق النار في المنطقة الحدودية اعتبارا من منتصف الليل بعد وساطة إقليمية.\n",
    "e": "النار في الغابة\n\nاندلعت النار في غابة قريبة وأعلن الدفاع المدني وقف انتشارها بعد ساعات من الإطفاء.\n",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = write_articles(tmp_path_factory.mktemp("search"), ARTICLES)
    s = Store(Path(folder) / "s.db")
    run([folder], s)
    return s


def ids(store: Store, q: str) -> set[str]:
    return {h["id"] for h in search(store, q)}


def test_core_strips_leading_clitics_only() -> None:
    assert core("وبالقصف") == "قصف" and core("للمدرسة") == "مدرسة" and core("قصف") == "قصف"


def test_words_in_any_order_and_any_clitic_form(store: Store) -> None:
    assert ids(store, "مدرسة قصف") == {"a"}
    assert ids(store, "وبالقصف") == {"a"}
    assert "a" in ids(store, "المدينة مدفعي")


def test_a_known_name_matches_every_spelling(store: Store) -> None:
    assert "b" in ids(store, "ترامب")
    assert "c" in ids(store, "قرة باغ")
    hit = next(h for h in search(store, "قره باغ") if h["id"] == "c")
    assert hit["snippets"] and hit["snippets"][0]["match"] == "كاراباخ"


def test_quotes_keep_a_phrase(store: Store) -> None:
    assert ids(store, '"وقف إطلاق النار"') == {"d"}
    assert ids(store, "وقف النار") == {"d", "e"}  # without quotes: both words, any order


@pytest.mark.parametrize("q", ["NEAR(قصف مدرسة)", "قصف*", '"', '""', "قصف OR", "- قصف", "(((", "قصف AND NOT"])
def test_fts_syntax_is_text(store: Store, q: str) -> None:
    search(store, q)  # no error: every term is a quoted literal
    assert parse(q).match().count('"') % 2 == 0


def test_hits_gather_by_event(store: Store) -> None:
    from rasd.store.search import by_event

    hits = search(store, "النار")
    groups = by_event(store, hits)
    assert sum(len(g["hits"]) for g in groups) == len(hits)
    events = [g["event"] for g in groups if g["event"]]
    assert len(events) == len(set(events))


def test_filters_narrow_search_in_the_library_and_the_cli(store: Store) -> None:
    from typer.testing import CliRunner

    from rasd.cli.main import app
    from rasd.errors import InputError
    from rasd.store.browse import Filters

    assert ids(store, "النار") == {"d", "e"}
    assert search(store, "النار", filters=Filters(source="no such outlet")) == []
    assert search(store, "النار", filters=Filters(since="2000-01-01")) == []  # undated articles have no day
    event = store.events_of(["d"])["d"]
    assert {h["id"] for h in search(store, "النار", filters=Filters(event=event))} == {"d"}
    runner = CliRunner()
    ok = runner.invoke(app, ["search", "النار", "--db", str(store.path), "--source", "no such outlet", "--json"])
    assert ok.exit_code == 0 and '"hits": []' in ok.output
    bad = runner.invoke(app, ["search", "النار", "--db", str(store.path), "--since", "yesterday"])
    assert isinstance(bad.exception, InputError) and "YYYY-MM-DD" in str(bad.exception)  # exit 2 via rasd's main

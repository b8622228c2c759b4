"""`rasd eval search`: scoring of judged queries, the query file's checks, and a run on a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.errors import InputError
from rasd.eval.search import evaluate_search, read_queries, score_query, summarize
from rasd.pipeline import run
from rasd.store import Store


def test_score_query_recall_precision_rr() -> None:
    s = score_query(["x", "a", "y", "b"], frozenset({"a", "b", "c"}))
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["precision"] == pytest.approx(0.5)
    assert s["rr"] == pytest.approx(0.5)
    assert s["missed"] == ["c"]
    assert score_query([], frozenset())["precision"] == 1.0
    assert score_query([], frozenset({"a"}))["rr"] == 0.0


def test_summary_per_class() -> None:
    rows = [{"class": "variant", "set": "seeds", "recall": 1.0, "precision": 0.5, "rr": 1.0},
            {"class": "variant", "set": "seeds", "recall": 0.0, "precision": 1.0, "rr": 0.0},
            {"class": "phrase", "set": "seeds", "recall": 1.0, "precision": 1.0, "rr": 1.0}]
    s = summarize(rows)
    assert s["class"]["variant"] == {"queries": 2, "recall": 0.5, "precision": 0.75, "mrr": 0.5}
    assert s["all"]["queries"] == 3


def test_bad_query_file_is_one_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "q.jsonl"
    p.write_text(json.dumps({"id": "q", "set": "moon", "class": "variant", "query": "x", "relevant": []}) + "\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match="set 'moon'"):
        read_queries(p)
    p.write_text(json.dumps({"id": "q", "set": "seeds", "query": "x"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks"):
        read_queries(p)


def test_evaluate_on_a_given_store(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("قصف مدرسة\n\nقالت مصادر إن القصف طال مدرسة في المدينة صباح اليوم.", encoding="utf-8")
    (docs / "b.txt").write_text("اجتماع وزاري\n\nعقد الوزراء اجتماعا لبحث الميزانية العامة للدولة.", encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        run([docs], store)
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "c1", "set": "seeds", "class": "clitic", "query": "وبالقصف",
                             "relevant": ["a"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = evaluate_search(q, seeds=docs, data=tmp_path, labels=tmp_path, stores={"seeds": db})
    row = result["queries"][0]
    assert (row["recall"], row["precision"], row["rr"]) == (1.0, 1.0, 1.0)
    assert result["summary"]["class"]["clitic"]["recall"] == 1.0


def test_the_committed_queries_parse() -> None:
    qs = read_queries(Path(__file__).parent / "data" / "search" / "queries.jsonl")
    assert len(qs) == 30
    assert {q.cls for q in qs} == {"variant", "translit", "clitic", "apart", "phrase"}

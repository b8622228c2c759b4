"""End to end through the library: ingest into the store, rerun, resume after a kill."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rasd.eval.seeds import evaluate_seeds
from rasd.pipeline import run
from rasd.present.export import write
from rasd.store import Store
from rasd.store.search import search

from conftest import SEEDS


def _dump(db: Path) -> list[dict[str, object]]:
    import io

    with Store(db) as store:
        buf = io.StringIO()
        write(store, "jsonl", buf)
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def test_seeds_end_to_end_meet_the_gold(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        summary = run([SEEDS], store)
        assert len(summary.stored) == 5 and not summary.dropped
        report = evaluate_seeds(store, SEEDS / "gold.json")
    for name, score in report.fields.items():
        assert score.accuracy == 1.0, (name, report.misses)
    assert {"title", "published", "relative_dates", "boilerplate_lines", "repeated_paragraphs"} <= set(
        report.fields
    )


def test_rerun_is_a_no_op(tmp_path: Path, corpus_dir: Path) -> None:
    db = tmp_path / "r.db"
    with Store(db) as store:
        first = run([corpus_dir], store)
    before = _dump(db)
    with Store(db) as store:
        second = run([corpus_dir], store)
    assert len(first.stored) == 12
    assert second.stored == [] and second.unchanged == 12
    assert _dump(db) == before


def test_search_finds_every_spelling(tmp_path: Path) -> None:
    with Store(tmp_path / "q.db") as store:
        run([SEEDS], store)
        ids = {h["id"] for h in search(store, "قرة باغ")}
        assert ids == {p.stem for p in SEEDS.glob("*.txt") if "قره باغ" in p.read_text().replace("ة", "ه")}
        hit = search(store, "قرة باغ")[0]
        raw = store.get(hit["id"]).raw
        s = hit["snippets"][0]
        assert raw[s["start"]:s["end"]] == s["match"]


def test_killed_run_resumes_to_the_same_store(tmp_path: Path, corpus_dir: Path) -> None:
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "rasd", "run", str(corpus_dir), "--batch-size", "3", "--json"]
    subprocess.run([*cmd, "--db", str(clean_db)], check=True, capture_output=True)
    env = {**os.environ, "RASD_TEST_KILL_AFTER_BATCHES": "2"}
    died = subprocess.run([*cmd, "--db", str(killed_db)], env=env, capture_output=True)
    assert died.returncode != 0  # killed by SIGKILL half-way
    with Store(killed_db) as store:
        assert store.count() == 6  # two whole batches landed, nothing partial
    subprocess.run([*cmd, "--db", str(killed_db)], check=True, capture_output=True)
    assert _dump(killed_db) == _dump(clean_db)

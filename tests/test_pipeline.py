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


def test_workers_store_what_one_process_stores(tmp_path: Path, corpus_dir: Path) -> None:
    """The per-article stages in a pool of two give the same export as in-process, learned furniture included."""
    from rasd.config import settings
    from rasd.present.export import claim_records, entity_records, records

    for f in SEEDS.glob("*.txt"):
        (corpus_dir / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    exports = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            run([corpus_dir], store, config=settings(batch_size=8, workers=workers, parallel_min=2))
            rows = [*records(store), *claim_records(store), *entity_records(store)]
            exports.append([json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows])
    assert sum('"raw"' in r for r in exports[0]) == 17
    assert exports[0] == exports[1]

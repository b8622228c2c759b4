"""The CLI: real commands on real input, clean one-line errors, JSON twins."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS


def rasd(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)


def test_run_show_search_export_eval(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    r = rasd("run", str(SEEDS), "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["stored"] == 5
    show = json.loads(rasd("show", "002_0a8a8afc27c77643", "--db", db, "--json").stdout)
    assert show["published"]["value"] == "2020-09-27"
    assert any(x["reason"] == "language_switcher" and x["text"] == "Ru En" for x in show["removed"])
    text_show = rasd("show", "001_5d190e1fc6d5d137", "--db", db)
    assert "2020-09-28T05:53" in text_show.stdout
    hits = json.loads(rasd("search", "قرة باغ", "--db", db, "--json").stdout)["hits"]
    assert len(hits) == 5
    lines = rasd("export", "--db", db, "--format", "jsonl").stdout.splitlines()
    rows = [json.loads(x) for x in lines]
    assert len(rows) == 5
    for key in ("id", "source", "title", "published", "published_precision", "language", "credits",
                "removed", "time_refs"):
        assert all(key in row for row in rows)
    ev = json.loads(rasd("eval", "seeds", "--db", db, "--gold", str(SEEDS / "gold.json"), "--json").stdout)
    assert all(f["accuracy"] == 1.0 for f in ev["fields"].values()), ev["misses"]
    for fmt in ("csv", "md", "json"):
        out = tmp_path / f"x.{fmt}"
        assert rasd("export", "--db", db, "--format", fmt, "--out", str(out)).returncode == 0
        assert out.stat().st_size > 0


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    cases = [
        ("run", str(tmp_path / "missing"), "--db", str(tmp_path / "x.db")),
        ("show", "nope", "--db", str(tmp_path / "absent.db")),
        ("export", "--db", str(tmp_path / "absent.db"), "--format", "xml"),
        ("run", str(SEEDS), "--db", str(tmp_path / "y.db"), "--batch-size", "0"),
    ]
    for args in cases:
        r = rasd(*args)
        assert r.returncode != 0, args
        assert "Traceback" not in r.stderr + r.stdout
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    r = rasd("show", "nope", "--db", str(tmp_path / "absent.db"), "--json")
    assert json.loads(r.stdout)["error"] == "bad_input"


def test_bad_files_are_reported_and_skipped(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    body = "عنوان الخبر\n\nقال مسؤول اليوم إن الاجتماع انتهى دون اتفاق بين الطرفين."
    (d / "good.txt").write_text(body, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "bad.jsonl").write_text('{"id": "j1", "text": "خبر قصير عن الطقس في المدينة اليوم"}\n{"id": 2, "text"\n',
                                 encoding="utf-8")
    r = rasd("run", str(d), "--db", str(tmp_path / "b.db"), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["stored"] == 2
    reasons = {x["reason"] for x in out["dropped"]}
    assert {"empty", "binary", "malformed_json"} <= reasons


def test_every_command_has_help() -> None:
    for cmd in ("run", "show", "search", "export", "eval"):
        r = rasd(cmd, "--help")
        assert r.returncode == 0 and "Usage" in r.stdout, cmd

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


def test_events_event_stories_and_eval_clustering(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert rasd("run", str(SEEDS), "--db", db, "--json").returncode == 0
    events = json.loads(rasd("events", "--db", db, "--json").stdout)
    assert sorted(e["articles"] for e in events) == [1, 1, 3]
    big = next(e for e in events if e["articles"] == 3)
    assert big["first"] == "2020-09-27" and big["title"]
    ev = json.loads(rasd("event", big["id"], "--db", db, "--json").stdout)
    assert len(ev["members"]) == 3 and any(s["kind"] == "passage" for s in ev["shared"])
    text = rasd("event", big["id"], "--db", db).stdout
    assert "passage" in text and big["id"] in text
    stories = json.loads(rasd("stories", "--db", db, "--json").stdout)
    assert len(stories) == 1 and [e["first"] for e in stories[0]["timeline"]] == ["2020-09-27", "2023-09-20", None]
    assert "karabakh" in stories[0]["anchors"]
    scores = json.loads(rasd("eval", "clustering", "--gold", str(SEEDS / "gold.json"), "--db", db, "--json").stdout)
    assert scores["events"]["bcubed_f1"] == 1.0 and scores["stories"]["ari"] == 1.0
    rows = [json.loads(x) for x in rasd("export", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert all({"event", "story", "copy_of"} <= row.keys() for row in rows)


def test_corpus_commands_fail_cleanly(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert rasd("run", str(SEEDS), "--db", db).returncode == 0
    r = rasd("event", "no-such-event", "--db", db)
    assert r.returncode != 0 and "Traceback" not in r.stderr and "no event" in r.stderr
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"id": "x"\n', encoding="utf-8")
    r = rasd("eval", "clustering", "--gold", str(bad), "--db", db)
    assert r.returncode != 0 and "Traceback" not in r.stderr and "gold" in r.stderr
    r = rasd("events", "--db", str(tmp_path / "missing.db"))
    assert r.returncode != 0 and "no store" in r.stderr


def test_run_prints_the_first_articles_and_json_lists_them_all(tmp_path: Path) -> None:
    places = ["المدينة", "القرية", "الميناء", "الجبل", "السهل", "الوادي", "الساحل"]
    lines = [json.dumps({"id": f"a{i:02d}", "title": f"افتتاح مكتبة رقم {i} في {places[i % 7]}",
                         "text": f"افتتحت البلدية اليوم مكتبة عامة جديدة رقم {i} في {places[i % 7]} "
                                 f"تضم {100 + i} كتاب وقاعة للقراءة."}, ensure_ascii=False)
             for i in range(55)]  # fmt: skip
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    r = rasd("run", str(feed), "--db", db)
    assert r.returncode == 0, r.stderr
    assert "55 articles stored (the first 50 shown" in r.stdout
    assert sum(f"a{i:02d}" in r.stdout for i in range(55)) == 50
    again = json.loads(rasd("run", str(feed), "--db", str(tmp_path / "m.db"), "--json").stdout)
    assert len(again["articles"]) == 55

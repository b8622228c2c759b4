"""Hostile input: what a scraper may send must neither stop a run nor change what is shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasd.cli.main import app
from rasd.pipeline import process_text, run
from rasd.read import read_path
from rasd.store import Store

from conftest import written_article

MARKUP = "[/b] [/] [red]أحمر[/red] [b]غامق [link=x]رابط[/link] :fire: [bold"


def _rasd(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)


def test_a_lone_surrogate_escape_does_not_abort_the_run(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    good = [json.dumps({"id": f"g{i}", "text": written_article(i)}) for i in range(3)]
    bad = '{"id": "bad\\udfff", "title": "\\ud800", "text": "' + written_article(5).replace("\n", "\\n") + ' \\ud800"}'
    src.write_text("\n".join([good[0], bad, good[1], good[2]]) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = run([src], store)
        assert store.count() == 4
        assert sorted(store.known_hashes()) == ["bad\ufffd", "g0", "g1", "g2"]
        assert store.get("bad\ufffd").raw.endswith("\ufffd")
    assert not summary.dropped
    article = process_text("نص \ud800 عربي", article_id="x\udc80")
    assert article.raw == "نص \ufffd عربي" and article.id == "x\ufffd"


def test_a_file_name_that_is_not_utf8_is_stored(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text(written_article(1), encoding="utf-8")
    with open(bytes(d) + b"/caf\xe9.txt", "w", encoding="utf-8") as f:
        f.write(written_article(2))
    with Store(tmp_path / "s.db") as store:
        run([d], store)
        assert store.count() == 2


def _hostile_store(tmp_path: Path) -> Path:
    """A store whose articles carry rich markup in every field."""
    src = tmp_path / "markup.jsonl"
    rows = []
    for i in range(4):
        text = written_article(i).replace("\n\n", f"\n\n{MARKUP}\n\n", 1) + f"\n\n{MARKUP}"
        rows.append({"id": f"[/b]{i}[red]", "title": f"{MARKUP} {i}", "source": "[/]src[link=y]",
                     "text": text})
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    db = tmp_path / "m.db"
    with Store(db) as store:
        run([src], store)
    return src


def test_markup_in_articles_is_shown_literally_by_every_command(tmp_path: Path) -> None:
    src = _hostile_store(tmp_path)
    db = str(tmp_path / "shown.db")
    runner = CliRunner()
    ran = runner.invoke(app, ["run", str(src), "--db", db])
    assert ran.exit_code == 0, ran.output
    assert "[/b]0[red]" in ran.output and "stored 4" in ran.output
    with Store(db) as store:
        event_id = store.events()[0].id
        story_id = store.stories()[0].id
    commands = [["show", "[/b]0[red]"], ["search", "[/b] [/]"], ["events"], ["event", event_id], ["stories"],
                ["entities"], ["ledger"], ["ledger", story_id]]
    for args in commands:
        result = runner.invoke(app, [*args, "--db", db])
        assert result.exit_code == 0, (args, result.output, result.exception)
    shown = runner.invoke(app, ["show", "[/b]0[red]", "--db", db]).output
    assert MARKUP in shown and "[/]src[link=y]" in shown
    assert "[/b] [/]" in runner.invoke(app, ["search", "[/b] [/]", "--db", db]).output
    assert f"{MARKUP} " in runner.invoke(app, ["event", event_id, "--db", db]).output


def test_export_refuses_to_write_over_the_store(tmp_path: Path) -> None:
    _hostile_store(tmp_path)
    db = tmp_path / "m.db"
    size = db.stat().st_size
    for target in (db, Path(str(db) + "-wal"), tmp_path / "." / "m.db"):
        r = _rasd("export", "--db", str(db), "--out", str(target))
        assert r.returncode == 2, r.stderr
        assert "store" in r.stderr and "Traceback" not in r.stderr
    assert db.stat().st_size == size
    with Store(db) as store:
        assert store.count() == 4


@pytest.mark.parametrize("target", ["/nonexistent-dir/x.jsonl", "."])
def test_export_to_a_bad_path_is_an_input_error(tmp_path: Path, target: str) -> None:
    _hostile_store(tmp_path)
    r = _rasd("export", "--db", str(tmp_path / "m.db"), "--out", target)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_jsonl_reader_scrubs_every_field(tmp_path: Path) -> None:
    src = tmp_path / "x.jsonl"
    src.write_text('{"id": 7, "url": "http://a/\\udc00", "source": "\\ud800", "text": "ok \\udbff"}\n',
                   encoding="utf-8")
    (doc,) = read_path(src)
    assert not isinstance(doc, type(None))
    assert "\ufffd" in repr(doc) and "\\ud" not in ascii(doc).replace("\\ufffd", "")


def test_bad_arguments_are_input_errors_not_internal_ones(tmp_path: Path) -> None:
    _hostile_store(tmp_path)
    db = str(tmp_path / "m.db")
    binary = tmp_path / "gold.jsonl"
    binary.write_bytes(bytes(range(256)) * 8)
    cases = [
        ("events", "--db", db, "--limit", str(2**64)),
        ("search", "x", "--db", db, "--limit", str(2**63)),
        ("eval", "claims", "--gold", str(binary), "--db", db),
        ("eval", "clustering", "--gold", str(binary), "--db", db),
        ("eval", "seeds", "--gold", str(binary), "--db", db),
    ]
    for args in cases:
        r = _rasd(*args)
        assert r.returncode not in (0, 70), (args, r.stderr)
        assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
    r = subprocess.run([sys.executable, "-m", "rasd", "search", b"\xff\xfe", "--db", db], capture_output=True)
    assert r.returncode == 2 and b"UTF-8" in r.stderr


def test_closed_stdout_is_one_message(tmp_path: Path) -> None:
    _hostile_store(tmp_path)
    r = subprocess.run([sys.executable, "-m", "rasd", "export", "--db", str(tmp_path / "m.db")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       preexec_fn=lambda: __import__("os").close(1))
    assert r.returncode not in (0, 70) and "Traceback" not in r.stderr, r.stderr

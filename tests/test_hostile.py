"""Hostile input: what a scraper may send must neither stop a run nor change what is shown."""

from __future__ import annotations

import itertools
import json
import os
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


def _one_line(chars: int) -> str:
    """A one-line article of about `chars` characters, dense with dates, figures and speakers."""
    para = " ".join(written_article(i).replace("\n", " ") for i in range(9))
    return " ".join([para] * (chars // len(para) + 1))


def test_the_date_scan_of_a_huge_one_line_article_is_linear() -> None:
    import signal

    from rasd.model import Span
    from rasd.text.pubdate import scan_dates

    text = _one_line(1_000_000)

    def too_slow(*_: object) -> None:
        raise TimeoutError("the date scan is not linear")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(60)  # ~3 s when linear (on a loaded machine); the quadratic scan took ~10 minutes
    try:
        scan = scan_dates(text, [Span(0, len(text))])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert len(scan.candidates) > 3000


def test_a_long_run_of_letters_as_first_line_is_not_a_backtracking_trap() -> None:
    """Found by bench/fuzz.py: a 200-letter run as the first line took 16 s of CPU in the dateline
    check (a word group that could split one run of letters four ways); now it is linear."""
    import signal

    def too_slow(*_: object) -> None:
        raise TimeoutError("the dateline check backtracks")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(60)  # well under a second when linear; the old pattern needed hours for 2,000 letters
    try:
        a = process_text(" " + "ب" * 2000 + "\n\nقال المتحدث إن الاجتماع انتهى دون اتفاق بين الطرفين.")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert a.text
    b = process_text("القاهرة (رويترز) - قال المتحدث إن الاجتماع انتهى دون اتفاق.\n\nوأضاف أن الجولة تستأنف.")
    assert b.title is None  # an agency dateline is still not a headline


def test_a_huge_article_is_read_to_its_read_limit_only(tmp_path: Path) -> None:
    """Every stage reads the first READ_LIMIT characters (cut at a break): the work on a 20 MB
    one-line article is bounded (bench/huge.py: about what a 100 KB one costs), and what is read
    is exactly what the article's head alone gives. The rest stays in raw and in the hash."""
    import hashlib

    from rasd.arabic.normalize import normalize
    from rasd.model import Reason, Span
    from rasd.read.ids import READ_LIMIT, content_id, read_cut

    text = _one_line(3 * READ_LIMIT)
    cut = read_cut(text)
    assert READ_LIMIT // 2 < cut <= READ_LIMIT and text[cut] == " "
    a = process_text(text)
    assert a.removed[-1].reason is Reason.TOO_LONG and a.removed[-1].span == Span(cut, len(text))
    assert all(p.end <= cut for p in a.paragraphs) and a.time_refs and all(t.span.end <= cut for t in a.time_refs)
    head = process_text(text[:cut])
    assert (a.paragraphs, a.time_refs, a.published, a.title) == (head.paragraphs, head.time_refs, head.published,
                                                                  head.title)
    edited = text[:-20] + "تغيير في الذيل فقط"
    assert process_text(edited).content_hash != a.content_hash == content_id(text)
    normal = written_article(3)  # under the limit: the hash is the one every stored article has
    assert content_id(normal) == hashlib.sha256(normalize(normal).encode()).hexdigest()[:16]
    assert read_cut(normal) == len(normal)
    src = tmp_path / "huge.txt"
    src.write_text(text + " زمردةالذيل", encoding="utf-8")
    with Store(tmp_path / "h.db") as store:
        run([src], store)
        got = store.get("huge")
        assert got.raw == text + " زمردةالذيل" and len(got.text) <= cut
        assert store.search("قال") and store.search("زمردةالذيل") == []  # the tail is not read, nor indexed


def test_windows_keep_the_scan_exact_where_it_matters() -> None:
    from rasd.model import Span
    from rasd.text.pubdate import scan_dates

    filler = "كلام " * 2000
    text = f"{filler} وقال اليوم 20 سبتمبر 2023 إن"
    (c,) = scan_dates(text, [Span(0, len(text))]).candidates
    assert c.kind == "today_date"
    text = "القاهرة - 5 مارس 2024 (رويترز) - " + filler
    assert scan_dates(text, [Span(0, len(text))]).candidates[0].kind == "dateline"


def test_extraction_reads_a_huge_paragraph_in_windows() -> None:
    from rasd.extract.article import WINDOW, windows
    from rasd.model import Span

    text = _one_line(5 * WINDOW)
    pieces = windows(text, Span(0, len(text)))
    assert len(pieces) >= 5 and pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert all(p.end - p.start <= WINDOW for p in pieces)
    assert windows("short text.", Span(0, 11)) == [Span(0, 11)]


def test_a_huge_query_is_refused_with_a_message(tmp_path: Path) -> None:
    from rasd.errors import InputError

    _hostile_store(tmp_path)
    with Store(tmp_path / "m.db") as store:
        with pytest.raises(InputError, match="at most"):
            store.search("قرة" * 400_000)
        assert store.search("x" * 1000) == []


def test_a_second_writer_waits_or_refuses(tmp_path: Path) -> None:
    from rasd.store.lock import StoreBusy, writer_lock

    _hostile_store(tmp_path)
    db = tmp_path / "m.db"
    src = tmp_path / "markup.jsonl"
    with writer_lock(str(db)):  # another writer holds the store
        r = _rasd("run", str(src), "--db", str(db), "--no-wait")
        assert r.returncode == 75 and "another rasd process is writing" in r.stderr, r.stderr
        with Store(db) as store, pytest.raises(StoreBusy):
            run([src], store, wait=False)
        waiting = subprocess.Popen([sys.executable, "-m", "rasd", "run", str(src), "--db", str(db)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline() if waiting.stderr else ""
        assert "waiting for it to finish" in line
        assert waiting.poll() is None
    _, errors = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, errors


def test_read_only_commands_refuse_a_foreign_sqlite_file_untouched(tmp_path: Path) -> None:
    import hashlib
    import sqlite3

    for version in (0, 2):
        foreign = tmp_path / f"other{version}.db"
        with sqlite3.connect(foreign) as c:
            c.execute("CREATE TABLE notes(body TEXT)")
            c.execute("INSERT INTO notes VALUES ('x')")
            c.execute(f"PRAGMA user_version={version}")
        before = hashlib.sha256(foreign.read_bytes()).hexdigest()
        for args in (("search", "abc"), ("events",), ("show", "x"), ("run", str(tmp_path))):
            r = _rasd(*args, "--db", str(foreign))
            assert r.returncode == 5 and "not a rasd store" in r.stderr, (args, r.stderr)
        assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in tmp_path.glob(f"other{version}.db*")) == [foreign.name]


def test_a_read_only_store_is_searchable(tmp_path: Path) -> None:
    import hashlib

    _hostile_store(tmp_path)
    db = tmp_path / "m.db"
    with Store(db):
        pass  # checkpointed and closed: no -wal left
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with Store(db, readonly=True) as store:
        assert store.search("أحمر")
        with pytest.raises(Exception, match="readonly"):
            store.save_batch([process_text("نص قصير")])
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_invisible_only_files_and_empty_containers_are_reported(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "marks.txt").write_text("\u200f\u200e\u200f\n\u061c\u2067", encoding="utf-8")
    (d / "tatweel.txt").write_text("ـــــ ـــ\n", encoding="utf-8")
    (d / "empty.jsonl").write_bytes(b"\n\n")
    (d / "empty.warc").write_bytes(b"")
    (d / "marks.jsonl").write_text('{"id": "m", "text": "\\u200f\\u0640"}\n', encoding="utf-8")
    reasons = {Path(x.origin).name: x.reason for x in read_path(d) if not isinstance(x, type(None))}
    assert reasons == {"marks.txt": "empty", "tatweel.txt": "empty", "empty.jsonl": "empty",
                       "empty.warc": "empty", "marks.jsonl:1": "no_text"}


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    (d / "locked").mkdir(parents=True)
    (d / "ok.txt").write_text(written_article(0), encoding="utf-8")
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    got = {(Path(x.origin).name, getattr(x, "reason", "read")) for x in read_path(d)}
    assert got == {("ok.txt", "read"), ("locked", "io_error")}


def test_an_article_inside_thousands_of_divs_is_read(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in written_article(2).split("\n\n"))
    page = "<html><body>" + "<div class='w'>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    f = tmp_path / "deep.html"
    f.write_text(page, encoding="utf-8")
    (doc,) = read_path(f)
    assert not hasattr(doc, "reason"), doc
    assert "السواحل" in doc.raw  # type: ignore[union-attr]


def test_a_damaged_warc_is_one_message_not_warcio_warnings(tmp_path: Path) -> None:
    from test_fuzz import _warc

    data = _warc([f"<html><body><p>{written_article(i)}</p></body></html>" for i in range(2)])
    at = data.index(b"WARC/1.0", 10)
    f = tmp_path / "bad.warc"
    f.write_bytes(data[: at - 2] + b"xx" + data[at - 2 :])  # one record longer than it says
    r = _rasd("run", str(f), "--db", str(tmp_path / "w.db"), "--json")
    assert "WARNING" not in r.stderr and "Remainder" not in r.stderr, r.stderr
    assert any(x["reason"] == "malformed_warc" for x in json.loads(r.stdout)["dropped"])


def _run_jsonl(path: Path, rows: list[dict[str, str]], db: Path) -> list[str]:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    with Store(db) as store:
        summary = run([path], store)
    return [f"{d.origin.rsplit(':', 1)[-1]}:{d.reason}" for d in summary.dropped]


def test_one_id_twice_in_a_run_keeps_the_first_every_time(tmp_path: Path) -> None:
    rows = [{"id": "x", "text": written_article(1)}, {"id": "y", "text": written_article(2)},
            {"id": "x", "text": written_article(4)}]
    db = tmp_path / "d.db"
    for _ in range(3):
        assert _run_jsonl(tmp_path / "in.jsonl", rows, db) == ["3:duplicate_id"]
        with Store(db) as store:
            assert store.get("x").raw == written_article(1)


def test_an_edited_article_leaves_no_stale_count_or_link(tmp_path: Path) -> None:
    base = [{"id": f"a{i}", "text": written_article(0).replace("3 قتيلاً", f"{3 + i} قتيلاً")} for i in range(5)]
    db = tmp_path / "e.db"
    _run_jsonl(tmp_path / "in.jsonl", base, db)
    with Store(db) as store:
        (event,) = {e for e, _ in store.placements().values()}
        assert store.event(event).articles == 5  # type: ignore[union-attr]
        assert any("a0" in (x.article, x.other) for x in store.links())
    edited = [{"id": "a0", "text": written_article(7)}, *base[1:]]  # a0 rewritten as another story
    _run_jsonl(tmp_path / "in.jsonl", edited, db)
    with Store(db) as store:
        placements = store.placements()
        for ev in store.events(limit=100):
            members = [a for a, (e, _) in placements.items() if e == ev.id]
            assert ev.articles == len(members), (ev.id, ev.articles, members)
        assert all(e.id in {p[0] for p in placements.values()} for e in store.events(limit=100))
        assert not any("a0" in (x.article, x.other) for x in store.links())
        assert placements["a0"][0] != placements["a1"][0]


def test_a_reloaded_corpus_has_exactly_the_index_it_was_saved_with(tmp_path: Path) -> None:
    from rasd.events.corpus import Corpus

    articles = [process_text(written_article(i), article_id=f"n{i:02d}") for i in range(30)]
    live = Corpus()
    with Store(tmp_path / "c.db") as store:
        for k in range(0, 30, 7):
            batch = articles[k : k + 7]
            live.add_all(batch)
            store.save_batch(batch, corpus=live.rows())
        loaded = Corpus.load(store)  # reads saved events from the store as it needs them: used while it is open
        assert loaded.events._by_day == live.events._by_day
        assert loaded.events._recent == live.events._recent
        assert loaded.events._by_md == live.events._by_md and loaded.events._years == live.events._years
        assert {k: list(q) for k, q in loaded.stories._by_name.items()} == \
            {k: list(q) for k, q in live.stories._by_name.items()}
        more = [process_text(written_article(i), article_id=f"m{i:02d}") for i in range(30, 40)]
        assert [(p.event, p.story) for p in loaded.add_all(more)] == [(p.event, p.story) for p in live.add_all(more)]


def test_an_edited_articles_old_words_leave_the_event_profile_and_the_copy_index(tmp_path: Path) -> None:
    from rasd.events.corpus import saved_stats

    marker = "\n\nوقال شاهد إن غبار الزمرد الأرجواني غطى شوارع المدينة القديمة صباحا"
    base = [{"id": f"a{i}", "text": written_article(0).replace("3 قتيلاً", f"{3 + i} قتيلاً")} for i in range(4)]
    old_a0 = base[0]["text"] + marker
    other = {"id": "d", "text": written_article(7)}
    db = tmp_path / "e.db"

    def marker_counts() -> tuple[int, int]:
        """(events whose profile holds the marker's words, documents the term statistics count it in)"""
        with Store(db) as store:
            profiles = [{**s["terms"], **s["head"]} for s in store.event_states()]
            stats = saved_stats(store)
        assert stats is not None
        marked = [t for t in stats["terms"]["df"] if "زمرد" in t]
        return sum(1 for p in profiles if any("زمرد" in t for t in p)), sum(stats["terms"]["df"][t] for t in marked)

    _run_jsonl(tmp_path / "in.jsonl", [{"id": "a0", "text": old_a0}, *base[1:], other], db)
    assert marker_counts() == (1, 1)
    new_a0 = {"id": "a0", "text": written_article(7)}  # rewritten: now an exact copy of d
    _run_jsonl(tmp_path / "in.jsonl", [new_a0, *base[1:], other], db)
    assert marker_counts() == (0, 0)  # the old words left the event's profile and the statistics
    with Store(db) as store:
        assert {(x.article, x.other, x.kind) for x in store.links() if "a0" in (x.article, x.other)} == \
            {("a0", "d", "exact")}  # the new version is indexed (and linked) as any new article
    copy_of_old = {"id": "c", "text": old_a0}  # a copy of a0's old text, after the edit
    _run_jsonl(tmp_path / "in.jsonl", [new_a0, *base[1:], other, copy_of_old], db)
    with Store(db) as store:
        assert not [x for x in store.links() if {x.article, x.other} == {"a0", "c"}]  # the old text finds nothing


def _store_state(db: Path) -> dict[str, object]:
    """What two ways of building a store must agree on: articles, placements, events, links."""
    from rasd.store.serialize import article_to_dict

    with Store(db, readonly=True) as store:
        ids = sorted(store.known_hashes())
        return {
            "articles": [article_to_dict(store.get(i)) for i in ids],
            "placements": store.placements(),
            "events": sorted((e.id, e.articles, e.story, e.first, e.last) for e in store.events(limit=10**6)),
            "links": sorted((x.article, x.other, x.kind, round(x.score, 6)) for x in store.links()),
        }


def test_two_writers_at_once_give_the_store_of_one_after_the_other(tmp_path: Path) -> None:
    from rasd.store.lock import writer_lock

    xs = tmp_path / "x.jsonl"
    ys = tmp_path / "y.jsonl"  # copies of three of x's articles under other ids, and three of its own
    xs.write_text("".join(json.dumps({"id": f"x{i}", "text": written_article(i)}) + "\n" for i in range(6)))
    ys.write_text("".join(json.dumps({"id": f"y{i}", "text": written_article(i if i < 3 else 20 + i)}) + "\n"
                          for i in range(6)))
    both = tmp_path / "both.db"
    with writer_lock(str(both)):  # both start while the store is busy, then race for it
        procs = [subprocess.Popen([sys.executable, "-m", "rasd", "run", str(src), "--db", str(both)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for src in (xs, ys)]
        for p in procs:
            assert p.stderr is not None and "waiting for it to finish" in p.stderr.readline()
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    with Store(both, readonly=True) as store:
        first = next(iter(store.copy_texts()))[0][0]  # whose articles were stored first
    order = [xs, ys] if first == "x" else [ys, xs]
    one_then_other = tmp_path / "seq.db"
    for src in order:
        with Store(one_then_other) as store:
            run([src], store)
    got, want = _store_state(both), _store_state(one_then_other)
    assert got == want
    assert any({x[0][0], x[1][0]} == {"x", "y"} for x in want["links"])  # type: ignore[union-attr]

"""`rasd watch`: files dropped into a folder while it runs are stored once, as one run would store them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.pipeline import run
from rasd.store import Store
from rasd.watch import Watcher, watch

from conftest import SEEDS


def _state(db: Path) -> list[tuple[str, str, str | None, str | None]]:
    """Per article: id, content hash, and its event and story as sets of fellow members."""
    from rasd.present.export import records

    with Store(db) as store:
        arts = list(records(store))
    by_event: dict[str | None, list[str]] = {}
    by_story: dict[str | None, list[str]] = {}
    for a in arts:
        by_event.setdefault(a["event"], []).append(a["id"])
        by_story.setdefault(a["story"], []).append(a["id"])
    return sorted((a["id"], a["content_hash"], ",".join(sorted(by_event[a["event"]])),
                   ",".join(sorted(by_story[a["story"]]))) for a in arts)


def test_a_file_is_taken_once_it_has_settled(tmp_path: Path) -> None:
    w = Watcher(tmp_path)
    f = tmp_path / "a.txt"
    f.write_text("نص أول", encoding="utf-8")
    assert w.settled() == []  # first sight: taking stock
    assert w.settled() == [f]  # unchanged since the previous poll
    w.mark_done([f])
    assert w.settled() == []  # done and unchanged
    f.write_text("نص أول تغير وطال", encoding="utf-8")
    assert w.settled() == []  # changed: wait one poll
    assert w.settled() == [f]


def test_files_dropped_while_watching_are_stored_once_as_one_run_would(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    drops = [seeds[:2], seeds[2:4], [], seeds[4:], [], []]

    def sleep(_: float) -> None:  # between polls, the crawler drops the next files
        for f in drops.pop(0) if drops else []:
            shutil.copy(f, inbox / f.name)

    sleep(0)
    with Store(tmp_path / "watched.db") as store:
        polls = list(watch(inbox, store, interval=0, polls=7, sleep=sleep))
        assert store.count() == 5
    stored = [i for p in polls for i in p.summary.stored]
    assert sorted(stored) == sorted(f.stem for f in seeds)  # each once
    with Store(tmp_path / "one.db") as store:
        run([SEEDS], store)
    assert _state(tmp_path / "watched.db") == _state(tmp_path / "one.db")


def test_watch_killed_and_restarted_loses_nothing(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "w.db"
    inbox.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for f in seeds[:3]:
        shutil.copy(f, inbox / f.name)
    cmd = [sys.executable, "-m", "rasd", "watch", str(inbox), "--db", str(db), "--interval", "0.2", "--json"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the first poll that stored something
    assert json.loads(line)["stored"] == 3
    for f in seeds[3:]:
        shutil.copy(f, inbox / f.name)
    os.kill(proc.pid, signal.SIGKILL)  # maybe before, maybe while it ingests the new files
    proc.wait()
    again = subprocess.run([*cmd[:-1], "--polls", "3", "--json"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with Store(db) as store:
        assert store.count() == 5


def test_watch_refuses_what_is_not_a_folder(tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text("x", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "rasd", "watch", str(f), "--db", str(tmp_path / "x.db"), "--polls", "1"],
                       capture_output=True, text=True)
    assert r.returncode != 0 and "not a folder" in r.stderr and "Traceback" not in r.stderr
    with pytest.raises(ValueError):
        Watcher(f)




def test_the_store_stays_loaded_between_polls_until_another_process_writes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.events.corpus import Corpus

    loads: list[str] = []
    real = Corpus.load.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Corpus], store: Store, *a: object) -> Corpus:
        loads.append(Path(store.path).name)
        corpus: Corpus = real(cls, store, *a)
        return corpus

    monkeypatch.setattr(Corpus, "load", classmethod(counted))
    seeds = sorted(SEEDS.glob("*.txt"))
    inbox, other, db = tmp_path / "inbox", tmp_path / "other", tmp_path / "watched.db"
    inbox.mkdir()
    other.mkdir()

    def by_other_writer() -> None:
        shutil.copy(seeds[3], other / seeds[3].name)
        with Store(db) as writer:
            run([other], writer)

    steps = [lambda: shutil.copy(seeds[2], inbox), lambda: None, by_other_writer, lambda: None,
             lambda: shutil.copy(seeds[4], inbox)]

    def sleep(_: float) -> None:
        if steps:
            steps.pop(0)()

    for f in seeds[:2]:
        shutil.copy(f, inbox / f.name)
    with Store(db) as store:
        stored = [p.summary.stored for p in watch(inbox, store, interval=0, polls=7, sleep=sleep)]
        assert store.count() == 5
    assert stored == [[s.stem for s in seeds[:2]], [seeds[2].stem], [seeds[4].stem]]
    # loaded for the first poll, kept for the second, loaded by the other writer, and again after it wrote
    assert loads == ["watched.db"] * 3
    with Store(tmp_path / "one.db") as store:
        run([SEEDS], store)
    assert _state(db) == _state(tmp_path / "one.db")

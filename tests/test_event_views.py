"""Event summaries and ledgers computed on the first request and kept in the store (store/views.py):
the pages then read them instead of summarizing again, a batch that changes an event drops its kept
view so nothing stale is served, and a view computed while the store was written is not kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.model import Dropped
from rasd.pipeline import run
from rasd.present.views import ledger_view
from rasd.store import Store
from rasd.tell import load
from rasd.tell.load import event_summary, event_views_json
from rasd.tell.summary import VIEWS_VERSION

from conftest import write_articles

WIRE = ("أعلنت وزارة الصحة في مدينة الساحل مقتل 14 شخصا وإصابة 40 آخرين في انفجار وقع صباح اليوم "
        "داخل مستودع للوقود قرب الميناء. وقال محافظ المدينة إن فرق الدفاع المدني تمكنت من إخماد "
        "الحريق بعد ساعات من العمل المتواصل.")


def _article(head: str, own: str) -> str:  # written for these tests
    return f"{head}\n\nالأحد 12 مارس 2023\n\n{WIRE}\n\n{own}"


def _fresh(store: Store, event_id: str) -> tuple[dict[str, object], dict[str, object]]:
    ledger = ledger_view(store, event_id)
    return event_summary(store, event_id, ledger=ledger).to_json(), ledger.to_json()


def test_views_kept_on_first_request_equal_to_computed_and_dropped_when_the_event_changes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    first = write_articles(tmp_path / "a", {
        "a1": _article("انفجار في ميناء الساحل يوقع 14 قتيلا", "وأظهرت صور الموقع دمارا واسعا في المستودع."),
        "a2": _article("14 قتيلا بانفجار مستودع وقود", "وفتحت النيابة العامة تحقيقا لمعرفة أسباب الانفجار."),
    })
    db = tmp_path / "s.db"
    with Store(db) as store:
        run([first], store)
        events = [e.id for e in store.events()]
        assert events
        for ev in events:
            assert store.event_views(ev, VIEWS_VERSION) is None  # the run summarizes nothing
            assert event_views_json(store, ev) == _fresh(store, ev)
            assert store.event_views(ev, VIEWS_VERSION) == _fresh(store, ev)  # kept
        ev = store.events_of(["a1"])["a1"]
        (tmp_path / "b").mkdir()
        second = write_articles(tmp_path / "b", {
            "a3": _article("حداد عام بعد انفجار الساحل", "وأعلنت الحكومة الحداد العام ثلاثة أيام."),
        })
        store.save_batch([], corpus=None)  # a batch that changes nothing keeps the views
        assert store.event_views(ev, VIEWS_VERSION) is not None
        run([second], store)
        assert store.events_of(["a3"])["a3"] == ev  # joined the event: its kept view dropped
        assert store.event_views(ev, VIEWS_VERSION) is None
        assert event_views_json(store, ev) == _fresh(store, ev)
        assert len(store.event_views(ev, VIEWS_VERSION)[0]["outlets"]) == 3  # type: ignore[index]


def _one_event_store(tmp_path: Path) -> tuple[Path, str, tuple[dict[str, object], dict[str, object]]]:
    """A store of one article: its path, its event and the event's views computed afresh."""
    (tmp_path / "a").mkdir()
    folder = write_articles(tmp_path / "a", {"a1": _article("انفجار في ميناء الساحل", "وأظهرت الصور دمارا.")})
    db = tmp_path / "s.db"
    with Store(db) as store:
        run([folder], store)
        ev = store.events()[0].id
        return db, ev, _fresh(store, ev)


def test_pages_read_the_kept_view_and_a_read_only_store_keeps_it_too(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db, ev, want = _one_event_store(tmp_path)
    with Store(db, readonly=True) as reader:  # as `rasd serve` opens it
        assert reader.event_views(ev, VIEWS_VERSION) is None
        assert event_views_json(reader, ev) == want
        assert reader.event_views(ev, VIEWS_VERSION) == want  # kept through a writable connection of its own

        def boom(*_: object, **__: object) -> object:
            raise AssertionError("summarized on request")

        monkeypatch.setattr(load, "summarize", boom)
        assert event_views_json(reader, ev) == want  # read, not computed


def test_a_view_computed_while_the_store_is_written_is_not_kept(tmp_path: Path) -> None:
    db, ev, want = _one_event_store(tmp_path)
    with Store(db, readonly=True) as reader, Store(db) as other:

        def compute_while_a_run_writes(s: Store) -> tuple[dict[str, object], dict[str, object]]:
            views = _fresh(s, ev)  # its reads took a snapshot of the store
            other.save_batch([], [Dropped("x.txt", "empty")])  # a batch lands meanwhile
            return views

        assert reader.event_views_or(ev, compute_while_a_run_writes, VIEWS_VERSION) == want
        assert reader.event_views(ev, VIEWS_VERSION) is None  # computed on the older snapshot: not kept
        assert event_views_json(reader, ev) == want
        assert reader.event_views(ev, VIEWS_VERSION) == want


def test_a_view_kept_by_another_summarizer_version_is_computed_again(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    folder = write_articles(tmp_path / "a", {"a1": _article("انفجار في ميناء الساحل", "وأظهرت الصور دمارا.")})
    with Store(tmp_path / "s.db") as store:
        run([folder], store)
        ev = store.events()[0].id
        want = _fresh(store, ev)
        assert event_views_json(store, ev) == want  # computed and kept
        store._db.execute("UPDATE event_views SET summary = '{\"sentences\": []}'")  # as an older summarizer kept it
        assert event_views_json(store, ev) == ({"sentences": []}, want[1])  # the kept view is served
        monkeypatch.setattr(load, "VIEWS_VERSION", VIEWS_VERSION + 1)  # the summarizer changed
        assert store.event_views(ev, VIEWS_VERSION + 1) is None
        assert event_views_json(store, ev) == want  # computed again, not the old view
        assert store.event_views(ev, VIEWS_VERSION + 1) == want  # and kept in the new version
        assert store.event_views(ev, VIEWS_VERSION) is None


def test_views_kept_before_they_had_a_version_count_as_missing(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    folder = write_articles(tmp_path / "a", {"a1": _article("انفجار في ميناء الساحل", "وأظهرت الصور دمارا.")})
    with Store(tmp_path / "s.db") as store:
        run([folder], store)
        ev = store.events()[0].id
        event_views_json(store, ev)
        store._db.execute("UPDATE event_views SET version = 0")  # what migration 8 gives a view kept before
        assert store.event_views(ev, VIEWS_VERSION) is None
        assert event_views_json(store, ev) == _fresh(store, ev)

"""Fragments of one happening made one event (events/merge.py), and their stories one story.
Every title and word here is written for the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from rasd.config import ClusterConfig
from rasd.events.actions import title_actions
from rasd.events.cluster import Event, EventIndex
from rasd.events.corpus import Corpus
from rasd.events.features import DocFeatures, features
from rasd.events.merge import fragment_of, merge_events, series_sibling
from rasd.events.stories import StoryIndex
from rasd.pipeline import run
from rasd.store import Store

# One happening told in two wordings (the first reports and an outlet's own retelling), an
# unrelated one, and polling day against the results.
_QUAKE_A = ("زلزال قوي يضرب جزيرة الملح", "زلزال قوي بقوة سبع درجات يضرب جزيرة الملح ويهدم منازل في الميناء")
_QUAKE_B = ("زلزال قوي يهدم منازل الميناء في جزيرة الملح",
            "هزة بقوة سبع درجات تضرب جزيرة الملح وفرق الإنقاذ في الميناء")  # fmt: skip
_FLOOD = ("فيضانات تغمر قرى الوادي الأخضر", "أمطار غزيرة وسيول تغمر قرى الوادي الأخضر وتقطع الطرق")
_VOTE = ("الناخبون يدلون بأصواتهم في انتخابات جزيرة الملح", "انتخابات جزيرة الملح البرلمان مراكز الاقتراع الحزب")
_ASK = ("ماذا نعرف عن زلزال جزيرة الملح؟", "زلزال جزيرة الملح الميناء منازل درجات أسئلة وأجوبة")
_RESULTS = ("الحزب الأزرق يفوز بأغلبية مقاعد البرلمان في جزيرة الملح",
            "انتخابات جزيرة الملح البرلمان مراكز الاقتراع الحزب")  # fmt: skip


def _doc(aid: str, text: tuple[str, str], day: dt.date | None = None) -> DocFeatures:
    title, body = text
    terms: dict[str, int] = {}
    for w in f"{title} {body}".split():
        terms[w] = terms.get(w, 0) + 1
    return DocFeatures(id=aid, day=day, title=title, terms=terms, head=dict(terms), names={"جزيرة الملح": 1},
                       name_types={"جزيرة الملح": "place"}, actions=title_actions(title))  # fmt: skip


def _build(*groups: tuple[str, tuple[str, str], int]) -> tuple[EventIndex, StoryIndex, dict[str, Event]]:
    """Each group (name, text, n) becomes one event of n like articles in a story of its own:
    placed with bars no two wordings clear, then scored with the default settings."""
    apart = ClusterConfig(join_threshold=0.8, undated_threshold=0.8, hint_threshold=0.8, story_threshold=0.99)
    index = EventIndex(apart)
    stories = StoryIndex(index)
    out: dict[str, Event] = {}
    for name, text, n in groups:
        for i in range(n):
            d = index.add(_doc(f"{name}{i}", text))
            out[name] = index.events[d.event]
            stories.place(out[name], _doc(f"{name}{i}", text))
    assert len({e.id for e in out.values()}) == len(groups)  # one event each, before the merge
    index.cfg = stories.cfg = ClusterConfig()
    return index, stories, out


def test_a_fragment_of_the_same_happening_is_found_and_not_an_unrelated_event() -> None:
    index, _, ev = _build(("a", _QUAKE_A, 3), ("f", _FLOOD, 3), ("b", _QUAKE_B, 2))
    found = fragment_of(index, ev["b"], _doc("b1", _QUAKE_B))
    assert found is not None and found[0] is ev["a"] and found[1] >= index.cfg.merge_threshold
    assert fragment_of(index, ev["f"], _doc("f2", _FLOOD)) is None


def test_no_merge_for_a_dated_article_a_lone_article_or_when_turned_off() -> None:
    index, _, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 2))
    assert fragment_of(index, ev["b"], _doc("b1", _QUAKE_B, dt.date(2019, 3, 4))) is None  # days keep events apart
    index.cfg = dataclasses.replace(index.cfg, merge_threshold=0.0)
    assert fragment_of(index, ev["b"], _doc("b1", _QUAKE_B)) is None
    index, _, ev = _build(("a", _QUAKE_A, 1), ("b", _QUAKE_B, 2))
    assert fragment_of(index, ev["b"], _doc("b1", _QUAKE_B)) is None  # the other's core is one article


def test_polling_day_and_its_results_are_never_merged() -> None:
    index, _, ev = _build(("v", _VOTE, 3), ("r", _RESULTS, 2))
    assert ev["v"].actions == {"phase:vote": 3} and ev["r"].actions == {"phase:results": 2}
    assert fragment_of(index, ev["r"], _doc("r1", _RESULTS)) is None


def test_the_larger_fragment_keeps_its_id_and_later_articles_find_it() -> None:
    index, stories, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 2))
    m = merge_events(index, stories, ev["b"], ev["a"], 0.6)
    assert (m.kept, m.gone, m.members) == (ev["a"].id, ev["b"].id, ("b0", "b1"))
    assert set(index.events) == {ev["a"].id} and ev["a"].members == ["a0", "a1", "a2", "b0", "b1"]
    doc = _doc("b9", _QUAKE_B)
    assert index._candidates(doc, index._keys(doc)) == [ev["a"].id]  # b's postings lead to a
    assert index.add(doc).event == ev["a"].id
    assert m.gone in index.retired and index._new_id("b0") != m.gone


def test_two_stories_holding_fragments_of_one_happening_become_one() -> None:
    # The quake's second fragment opened a story of its own, which a later event (the flood) joined:
    # the merge must take that whole story along, not leave the flood behind alone.
    index, stories, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 2), ("f", _FLOOD, 1))
    st_b = stories.stories[ev["b"].story or ""]
    flood_story = ev["f"].story
    del stories.stories[flood_story or ""]
    st_b.events.append(ev["f"].id)
    st_b.articles += 1
    ev["f"].story = st_b.id
    total = sum(s.articles for s in stories.stories.values())
    merge_events(index, stories, ev["a"], ev["b"], 0.6)
    (story,) = stories.stories.values()
    assert story.id == ev["a"].story == ev["f"].story
    assert sorted(story.events) == sorted([ev["a"].id, ev["f"].id]) and story.articles == total
    assert st_b.id in stories.removed


def test_fragments_of_one_story_stay_in_it() -> None:
    index, stories, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 2))
    st_a = stories.stories[ev["a"].story or ""]
    st_b = stories.stories.pop(ev["b"].story or "")
    st_a.events.append(ev["b"].id)
    st_a.articles += st_b.articles
    ev["b"].story = st_a.id
    merge_events(index, stories, ev["a"], ev["b"], 0.6)
    assert list(stories.stories) == [st_a.id] and st_a.events == [ev["a"].id] and st_a.articles == 5


def test_a_merge_survives_a_restart_through_the_posting_log() -> None:
    index, stories, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 2))
    merge_events(index, stories, ev["a"], ev["b"], 0.6)
    log = index.take_log()
    assert ["m", ev["b"].id, ev["a"].id] in log
    again = EventIndex()
    again.restore({}, None, log)
    assert again.merged == {ev["b"].id: ev["a"].id} and ev["b"].id in again.retired


def test_a_merge_reaches_the_store_and_a_rerun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wiring (events/corpus.py): a merge rewrites the batch's assignments, deletes the merged
    event and story from the store, and a run adding to the store finds the kept event through
    the merged one's postings."""
    import rasd.events.corpus as corpus_mod

    def every_grown_core(index: EventIndex, ev: Event, doc: DocFeatures) -> tuple[Event, float] | None:
        others = [e for e in index.events.values() if e is not ev and e.core >= 2]
        return (others[0], 0.9) if ev.core >= 2 and others else None

    monkeypatch.setattr(corpus_mod, "fragment_of", every_grown_core)
    quake = "زلزال قوي يضرب جزيرة الملح {0}\n\nزلزال بقوة سبع درجات يضرب جزيرة الملح ويهدم منازل {0} في الميناء.\n"
    flood = "فيضانات تغمر قرى الوادي الأخضر {0}\n\nأمطار غزيرة وسيول تغمر قرى الوادي الأخضر وتقطع طرق {0}.\n"
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text, word in (("a1", quake, "صباحا"), ("a2", quake, "فجرا"), ("a3", quake, "اليوم"),
                             ("f1", flood, "ليلا"), ("f2", flood, "مساء")):  # fmt: skip
        (folder / f"{name}.txt").write_text(text.format(word), encoding="utf-8")  # no line repeated: no furniture
    with Store(tmp_path / "rasd.db") as store:
        run([folder], store)
        placed = store.placements()
        assert len({e for e, _ in placed.values()}) == 1 and len({s for _, s in placed.values()}) == 1
        assert [e.id for e in store.events()] == [placed["a1"][0]]
        again = Corpus.load(store)  # as a run adding to this store starts
        assert again.events.merged == {"ev-f1": "ev-a1"} and "ev-f1" in again.events.retired
        doc = features(store.get("f2"))
        assert again.events._candidates(doc, again.events._keys(doc)) == ["ev-a1"]


def test_the_next_happening_of_a_series_is_found_and_nothing_else() -> None:
    index = EventIndex()
    for i in range(3):
        index.add(_doc(f"v{i}", _VOTE))
    (vote,) = index.events.values()
    assert series_sibling(index, _doc("r0", _RESULTS)) is vote  # would join but for its phase
    assert series_sibling(index, _doc("v9", _VOTE)) is None  # joins it: no sibling
    assert series_sibling(index, _doc("q0", _QUAKE_A)) is None  # no mark
    other = _doc("x0", ("تحالف المزارعين يفوز في انتخابات الوادي", "سيول الوادي وقرى الوادي"))
    other = dataclasses.replace(other, names={"الوادي": 1}, name_types={"الوادي": "place"})
    assert series_sibling(index, other) is None  # another election, elsewhere


def test_the_results_open_an_event_in_the_story_of_polling_day(tmp_path: Path) -> None:
    vote = ("الناخبون يدلون بأصواتهم في انتخابات جزيرة الملح {0}\n\n"
            "{1} انتخابات جزيرة الملح البرلمانية مراكز الاقتراع الحزب الأزرق والحزب الأحمر.\n")
    results = ("الحزب الأزرق يفوز بأغلبية مقاعد البرلمان في جزيرة الملح\n\n"
               "نتائج انتخابات جزيرة الملح البرلمانية الحزب الأزرق والحزب الأحمر مراكز الاقتراع.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    for i, (w1, w2) in enumerate((("صباحا", "بدأت"), ("ظهرا", "تتواصل"), ("مساء", "انتهت"))):
        (folder / f"v{i}.txt").write_text(vote.format(w1, w2), encoding="utf-8")  # no line repeated: no furniture
    (folder / "w.txt").write_text(results, encoding="utf-8")
    with Store(tmp_path / "rasd.db") as store:
        run([folder], store)
        placed = store.placements()
    assert placed["v0"][0] == placed["v1"][0] == placed["v2"][0] != placed["w"][0]
    assert placed["w"][1] == placed["v0"][1]


def _small_story_with_a_rider(rider: tuple[str, tuple[str, str], int]) -> tuple[StoryIndex, dict[str, Event]]:
    """The quake told in its own words opened a story, which `rider` (an event of one article)
    was put in as the next happening of a series."""
    _, stories, ev = _build(("a", _QUAKE_A, 3), ("b", _QUAKE_B, 1), rider)
    st_b = stories.stories[ev["b"].story or ""]
    del stories.stories[ev["r"].story or ""]
    st_b.events.append(ev["r"].id)
    st_b.articles += 1
    ev["r"].story = st_b.id
    return stories, ev


def test_a_small_story_moves_with_the_analyses_that_opened_it() -> None:
    # An explainer came before the reports and opened a story alone; the reports' event joined it
    # as the next of its series. While that event is small it moves to the story it fits, as a
    # lone small event would, and takes the explainer along.
    stories, ev = _small_story_with_a_rider(("r", _ASK, 1))
    assert ev["r"].actions == {"kind:analysis": 1}
    st_b = ev["b"].story
    assert stories.place(ev["b"], _doc("b1", _QUAKE_B)) == ev["a"].story
    assert ev["r"].story == ev["a"].story and st_b in stories.removed
    story = stories.stories[ev["a"].story or ""]
    assert sorted(story.events) == sorted([ev["a"].id, ev["b"].id, ev["r"].id]) and story.articles == 6


def test_a_story_holding_another_happening_stays_where_it_is() -> None:
    stories, ev = _small_story_with_a_rider(("r", _FLOOD, 1))
    st_b = ev["b"].story
    assert stories.place(ev["b"], _doc("b1", _QUAKE_B)) == st_b == ev["r"].story

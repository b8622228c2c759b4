"""Story timelines: events dated by stated dates else fetch time, background merged across articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.pipeline import process_text
from rasd.store import Store
from rasd.tell.docs import make_doc
from rasd.tell.load import story_timeline_of
from rasd.tell.timeline import StoryEvent, story_timeline

from conftest import SEEDS

needs_seeds = pytest.mark.skipif(not (SEEDS / "gold.json").is_file(), reason="../shared/seeds not present")

# Written for these tests: two outlets recall the same past dates in their own words.
A = ("اتفاق جديد لتقاسم مياه النهر بين البلدين\n\nالخميس 4 أبريل 2024\n\n"
     "وقع وزيرا الري في البلدين اليوم اتفاقا جديدا لتقاسم مياه النهر بعد مفاوضات طويلة.\n\n"
     "ويعود الخلاف على مياه النهر إلى عام 1959 حين وقعت أول معاهدة بين الجانبين.\n\n"
     "وتجددت الأزمة بين 2011 و2013 عندما بدأ بناء السد الكبير على المجرى الرئيسي.")
B = ("البلدان يوقعان اتفاق المياه\n\n5 أبريل 2024\n\n"
     "أعلنت الحكومتان توقيع اتفاق لتقاسم مياه النهر بعد جولات من المفاوضات.\n\n"
     "وكانت معاهدة عام 1959 قد نظمت تقاسم المياه لعقود طويلة قبل أن يعود التوتر في الثمانينيات.\n\n"
     "كما شهدت الفترة بين 2011 و2013 أزمة حادة بسبب بناء السد.")
C = "انطلاق جولة أولى من المفاوضات حول مياه النهر\n\nوبدأت الوفود اليوم الأحد اجتماعاتها في العاصمة لبحث ملف المياه."


def test_timeline_merges_background_and_marks_how_events_are_dated() -> None:
    a, b = process_text(A, "a", source="الأولى"), process_text(B, "b", source="الثانية")
    c = process_text(C, "c")
    t = story_timeline("st", [StoryEvent("ev-ab", [make_doc(a), make_doc(b)]), StoryEvent("ev-c", [make_doc(c)])])
    assert [(e.event, e.dated_by) for e in t.events] == [("ev-ab", "stated"), ("ev-c", "undated")]
    assert t.events[0].value == "2024-04-04/2024-04-05"
    bg = {e.value: e for e in t.background}
    assert {"1959", "2011/2013", "1980/1989"} <= set(bg)
    assert {c.outlet for c in bg["1959"].sources} == {"الأولى", "الثانية"}  # one entry, both sources
    assert {c.outlet for c in bg["2011/2013"].sources} == {"الأولى", "الثانية"}
    assert [e.value for e in t.background] == sorted(bg, key=lambda v: v.split("/")[0])
    for e in t.background:
        for cite in e.sources:
            raw = {"a": a.raw, "b": b.raw}[cite.article]
            assert raw[cite.start : cite.end] in e.as_written


@needs_seeds
def test_seeds_story_timeline_holds_both_wars_and_the_background(seeds_db: Path) -> None:
    with Store(seeds_db, readonly=True) as store:
        stories = store.stories()
        assert len(stories) == 1
        t = story_timeline_of(store, stories[0].id)
    years = {(e.value or "")[:4] for e in t.events}
    assert {"2020", "2023"} <= years
    assert all(e.dated_by in ("stated", "fetched", "undated") for e in t.events)
    bg = {e.value for e in t.background}
    assert {"1923", "1988-02", "1991", "1992/1994", "1993", "1990/1999"} <= bg
    ceasefire = next(e for e in t.background if e.value == "1992/1994")
    assert len({c.article for c in ceasefire.sources}) == 2


@needs_seeds
def test_timeline_cli(seeds_db: Path) -> None:
    def rasd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)

    with Store(seeds_db, readonly=True) as store:
        story = store.stories()[0].id
    r = rasd("timeline", story, "--db", str(seeds_db), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["events"] and data["background"]
    bad = rasd("timeline", "nope", "--db", str(seeds_db))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "no story" in bad.stderr

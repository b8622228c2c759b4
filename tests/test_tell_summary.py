"""The tell stage: sentence splitting, event titles and cited extractive summaries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.arabic.normalize import normalize
from rasd.pipeline import process_text
from rasd.store import Store
from rasd.tell.docs import make_doc
from rasd.tell.load import event_summary
from rasd.tell.sentences import split_text
from rasd.tell.summary import SAME_WIRE, summarize
from rasd.tell.title import event_title, strip_prefix

from conftest import SEEDS

needs_seeds = pytest.mark.skipif(not (SEEDS / "gold.json").is_file(), reason="../shared/seeds not present")

# A wire paragraph three outlets reprint, and each outlet's own lines (written for these tests).
WIRE = ("أعلنت وزارة الصحة في مدينة الساحل مقتل 14 شخصا وإصابة 40 آخرين في انفجار وقع صباح اليوم "
        "داخل مستودع للوقود قرب الميناء.")
WIRE2 = "وقال محافظ المدينة إن فرق الدفاع المدني تمكنت من إخماد الحريق بعد ساعات من العمل المتواصل."


def _article(head: str, own: str, extra: str = "") -> str:
    return (f"{head}\n\nالأحد 12 مارس 2023\n\n{WIRE}\n\n{own}\n\n{WIRE2}\n\n{extra}\n\n"
            "اقرأ أيضا: أسعار الوقود ترتفع للمرة الثالثة هذا العام")


def test_split_handles_quotes_abbreviations_numbers_and_no_stops() -> None:
    text = ('قال د. سامي إن 3.5 مليون شخص نزحوا. وأضاف: "لن نتراجع. سنواصل". هل انتهى الأمر؟ لا!\n'
            "عنوان فرعي بلا نقطة\n"
            "وقال «هذا صحيح. تماما» ثم غادر القاعة.. دون أن يجيب")
    got = split_text(text)
    assert got == ["قال د. سامي إن 3.5 مليون شخص نزحوا.", 'وأضاف: "لن نتراجع. سنواصل".', "هل انتهى الأمر؟",
                   "لا!", "عنوان فرعي بلا نقطة", "وقال «هذا صحيح. تماما» ثم غادر القاعة.. دون أن يجيب"]
    run_on = "، و".join(["بدأ الاجتماع في القاعة الكبرى بحضور الوزراء والسفراء والمراقبين من الدول"] * 8)
    assert len(split_text(run_on)) > 1  # a page with no full stops is still cut into sentences


def test_title_prefixes_menus_and_untitled_events() -> None:
    for raw, want in (("عاجــــل : انفجار في الميناء", "انفجار في الميناء"),
                      ("شاهد.. لحظة الانفجار", "لحظة الانفجار"),
                      ("بالفيديو | وصول فرق الإنقاذ", "وصول فرق الإنقاذ"),
                      ("فيديو يظهر الانفجار", "فيديو يظهر الانفجار")):
        s, e = strip_prefix(raw)
        assert raw[s:e] == want
    menu = process_text("الرئيسية | أخبار | رياضة | اقتصاد\n\n" + WIRE + "\n\n" + WIRE2, "m1")
    news = process_text("عاجل: انفجار مستودع للوقود قرب ميناء الساحل\n\n" + WIRE + "\n\n" + WIRE2, "m2")
    t = event_title([make_doc(menu), make_doc(news)])
    assert t.text == "انفجار مستودع للوقود قرب ميناء الساحل" and t.article == "m2"
    untitled = process_text(WIRE + "\n\n" + WIRE2, "u1")
    t = event_title([make_doc(untitled)])
    assert t.text and "عاجل" not in t.text and t.article == "u1"
    assert t.start is not None and t.end is not None
    assert untitled.raw[t.start : t.end].startswith("أعلنت وزارة الصحة")


def test_same_wire_sentence_once_cited_to_every_outlet() -> None:
    arts = [
        process_text(_article("انفجار في ميناء الساحل يوقع 14 قتيلا", "وأظهرت صور الموقع دمارا واسعا في المستودع "
                              "والمباني المحيطة به."), "a1", source="وكالة الشرق"),
        process_text(_article("عاجل: 14 قتيلا بانفجار مستودع وقود", "وفتحت النيابة العامة تحقيقا لمعرفة أسباب "
                              "الانفجار الذي هز الحي القديم."), "a2", source="صحيفة الغد"),
        process_text(_article("14 قتيلا في انفجار الساحل", "وأعلنت الحكومة الحداد العام ثلاثة أيام على أرواح "
                              "الضحايا في كل المحافظات."), "a3", source="قناة النهار"),
    ]
    s = summarize("ev", [make_doc(a) for a in arts])
    assert 1 <= len(s.sentences) <= 5
    assert "عاجل" not in s.title.text
    texts = [normalize(x.text) for x in s.sentences]
    wire = [x for x in s.sentences if x.text == WIRE]
    assert len(wire) == 1
    assert {c.outlet for c in wire[0].citations} == {"وكالة الشرق", "صحيفة الغد", "قناة النهار"}
    by_id = {a.id: a for a in arts}
    for x in s.sentences:
        assert x.citations
        for c in x.citations:
            assert normalize(by_id[c.article].raw[c.start : c.end]).split()[:3] == normalize(x.text).split()[:3]
    assert not any("اقرا ايضا" in t for t in texts)
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            sa, sb = set(a.split()), set(b.split())
            assert len(sa & sb) / len(sa | sb) < SAME_WIRE


@needs_seeds
def test_seeds_every_event_titled_and_summarized(seeds_db: Path) -> None:
    with Store(seeds_db, readonly=True) as store:
        events = store.events()
        assert events
        for e in events:
            s = event_summary(store, e.id)
            assert s.title.text and "عاجل" not in normalize(s.title.text)
            assert e.title == s.title.text  # the stored title every list shows is the summary's
            assert 1 <= len(s.sentences) <= 5
            for x in s.sentences:
                assert x.citations and all(c.end > c.start for c in x.citations)
            toks = [set(normalize(x.text).split()) for x in s.sentences]
            for i, a in enumerate(toks):
                for b in toks[i + 1 :]:
                    assert len(a & b) / len(a | b) < SAME_WIRE


@needs_seeds
def test_summary_cli(seeds_db: Path) -> None:
    def rasd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rasd", *args], capture_output=True, text=True)

    with Store(seeds_db, readonly=True) as store:
        event = store.events()[0].id
    r = rasd("summary", event, "--db", str(seeds_db), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["title"]["text"] and data["sentences"] and all(x["citations"] for x in data["sentences"])
    bad = rasd("summary", "nope", "--db", str(seeds_db))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "no event" in bad.stderr


def test_quotable_refuses_furniture_latin_and_numbers() -> None:
    from rasd.tell.docs import quotable

    assert quotable("وقال محافظ المدينة إن فرق الدفاع المدني أخمدت الحريق بعد ساعات")
    for line in ("اقرأ أيضا: الجيش يعلن مقتل عشرة أشخاص في الهجوم", "صورة أرشيفية لقوات على خط التماس في الإقليم",
                 "المصدر: وكالة الأنباء الرسمية في البلاد وغيرها", "The quick brown fox jumps over the lazy dog",
                 "12 34 56 78 90 11 22 33", "قصير جدا", "وقال الوزير في بيان ما يلي:"):
        assert not quotable(line), line

"""Events in a dense stream: an event is compared with its core (its first members), a large
event asks more of a new member, an event spans a few days at most, the title and lead steer
the match (not a tail of unrelated leads), and an undated article is placed by its fetch time.
Every article here is written for the test."""

from __future__ import annotations

import datetime as dt

from rasd.config import ClusterConfig
from rasd.events.cluster import Event, EventIndex
from rasd.events.features import LEAD_WORDS, DocFeatures, features
from rasd.model import RawDoc, SeenSource
from rasd.pipeline import process

DAY = dt.date(2018, 4, 9)


def _doc(aid: str, words: str, day: dt.date = DAY, title: str | None = None, names: str = "") -> DocFeatures:
    terms: dict[str, int] = {}
    for w in words.split():
        terms[w] = terms.get(w, 0) + 1
    head = dict(terms)
    return DocFeatures(id=aid, day=day, title=title, terms=terms, head=head,
                       names={n: 1 for n in names.split()}, name_types={n: "place" for n in names.split()})  # fmt: skip


def test_an_event_profile_is_its_core_not_a_growing_sum() -> None:
    cfg = ClusterConfig()
    index = EventIndex(cfg)
    first = index.add(_doc("a", "زلزال مدينة ضحايا انهيار مباني إنقاذ", names="تركيا"))
    for i in range(cfg.core_size + 3):
        index.add(_doc(f"b{i}", f"زلزال مدينة ضحايا انهيار مباني إنقاذ فرق{i}", names="تركيا"))
    ev = index.events[first.event]
    assert ev.core == cfg.core_size and len(ev.members) == cfg.core_size + 4
    assert "فرق7" not in ev.terms and "فرق0" in ev.terms  # later members join without moving the profile
    again = Event.from_json(ev.to_json())
    assert again.core == ev.core and again.head.to_dict() == ev.head.to_dict()


def test_a_large_event_asks_more_of_a_new_member() -> None:
    cfg = ClusterConfig(size_free=4, size_step=0.1)
    index = EventIndex(cfg)
    ev = Event(id="ev-x", members=["m"] * 16)
    assert index._size_bar(ev) == 0.2  # two doublings beyond 4
    assert index._size_bar(Event(id="ev-y", members=["m"] * 4)) == 0.0


def test_an_event_does_not_drift_past_its_span() -> None:
    cfg = ClusterConfig(max_span_days=2)
    index = EventIndex(cfg)
    words = "قمة زعماء اتفاق تجارة موانئ ميناء"
    first = index.add(_doc("d0", words, DAY))
    chained = [index.add(_doc(f"d{i}", words, DAY + dt.timedelta(days=i))).event for i in range(1, 7)]
    assert chained[1] == first.event  # two days later: the same happening
    assert chained[-1] != first.event  # six days later it is another event, however alike the words


def _jsonl_doc(aid: str, text: str, seen: str) -> RawDoc:
    return RawDoc(id=aid, raw=text, origin="t.jsonl", fmt="jsonl", times=((SeenSource.CRAWL, seen),))


_FLOOD = (
    "غرق عشرات المنازل في سيول جارفة ضربت وادي الدواسر، وأعلن الدفاع المدني إجلاء مئة وعشرين أسرة"
    " من الأحياء المنخفضة بعد أن ارتفع منسوب المياه إلى مترين.\n\nوقال متحدث الدفاع المدني إن فرق"
    " الإنقاذ انتشلت ثلاثة محتجزين من مركباتهم وإن الطرق المؤدية إلى الوادي أغلقت حتى إشعار آخر."
)


def test_an_undated_article_is_placed_by_its_fetch_time() -> None:
    text = f"سيول جارفة تغرق منازل في وادي الدواسر\n\nأعلن الدفاع المدني اليوم الاثنين أن {_FLOOD}\n"
    monday = features(process(_jsonl_doc("mon", text, "2015-07-21 02:51:32")))  # a Tuesday's crawl
    assert monday.day is None  # a crawl time is never a publication date
    assert monday.seen_day == dt.date(2015, 7, 20) and monday.when == monday.seen_day  # "today, Monday"
    plain = features(process(_jsonl_doc("p", f"سيول جارفة في وادي الدواسر\n\n{_FLOOD}\n", "2015-07-21 09:00")))
    assert plain.seen_day == dt.date(2015, 7, 21)  # no weekday named: the crawl day
    index = EventIndex()
    first = index.add(monday)
    assert index.add(plain).event == first.event
    later = features(process(_jsonl_doc("l", f"سيول جارفة في وادي الدواسر\n\n{_FLOOD}\n", "2015-08-30 09:00")))
    assert index.add(later).new  # the same words crawled weeks later: another event


def test_the_lead_steers_the_match_not_a_tail_of_other_stories() -> None:
    lead = "انهار سد على نهر في شرق البلاد فغمرت المياه ثلاث قرى وأجلت السلطات سكانها إلى مدارس قريبة"
    tail = "\n\n".join(
        f"{t} اتفاق تجاري جديد بين شركات النفط والغاز في منطقة الخليج بقيمة مليارات الدولارات" for t in range(8)
    )
    text = f"انهيار سد وغرق ثلاث قرى\n\n{lead}. {_FLOOD}\n\n{tail}\n"
    doc = features(process(_jsonl_doc("tail", text, "2018-04-09 10:00")))
    assert sum(doc.head.values()) <= LEAD_WORDS + 3 * 8  # the lead and the title only
    assert "سد" in doc.head and "نفط" not in doc.head and "نفط" in doc.terms


def _told(aid: str, head: str, body: str, names: str = "غزة") -> DocFeatures:
    """An article whose title and lead (`head`) and whole text (`head` and `body`) differ."""
    terms: dict[str, int] = {}
    for w in f"{head} {body}".split():
        terms[w] = terms.get(w, 0) + 1
    return DocFeatures(id=aid, day=DAY, terms=terms, head={w: 3 for w in head.split()},
                       names={n: 1 for n in names.split()}, name_types={n: "place" for n in names.split()})  # fmt: skip


_VOTE = ("تصويت اقتراع صناديق ناخبين", "برلمان نواب مقاعد دوائر قوائم مرشحين أحزاب حملة مشاركة")
_RESULT = ("نتائج فرز فوز خسارة", "برلمان نواب مقاعد دوائر قوائم مرشحين أحزاب حملة مشاركة")


def test_in_a_dense_stream_title_and_lead_must_share_the_happening() -> None:
    """A vote and its results share the actors and most of the wording; on a busy day (many
    events on the same actors) only the title and lead tell them apart, so the results open an
    event of their own. In a sparse set the same article still joins (retellings in other words)."""
    cfg = ClusterConfig()
    sparse = EventIndex(cfg)
    vote = sparse.add(_told("vote", *_VOTE))
    assert sparse.add(_told("result", *_RESULT)).event == vote.event
    dense = EventIndex(cfg)
    for i in range(cfg.dense_candidates):  # other happenings of the day on the same actors
        dense.add(_told(f"o{i}", f"حدث{i} فعل{i}", f"كلمة{i} لفظ{i} عبارة{i} جملة{i}"))
    vote = dense.add(_told("vote", *_VOTE))
    assert len(dense.events) == cfg.dense_candidates + 1  # each its own event
    assert dense.add(_told("result", *_RESULT)).new
    assert dense.add(_told("vote2", *_VOTE)).event == vote.event  # the same happening still joins

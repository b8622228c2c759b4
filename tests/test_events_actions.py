"""Key-action marks of a title: the ordinal of a happening in a series keeps the first and the
second apart. Every title and article here is written for the test."""

from __future__ import annotations

import datetime as dt

from rasd.config import ClusterConfig
from rasd.events.actions import conflict, title_actions
from rasd.events.cluster import Event, EventIndex
from rasd.events.features import DocFeatures, features
from rasd.model import RawDoc
from rasd.pipeline import process

DAY = dt.date(2019, 3, 4)


def test_ordinals_of_the_happening_are_read_from_the_title() -> None:
    assert title_actions("هبوط أول سفينة مساعدات في ميناء الحديدة") == ("ord:1",)
    assert title_actions("وصول السفينة الثانية المحملة بالوقود إلى الميناء") == ("ord:2",)
    assert title_actions("وصول ثاني سفينة مساعدات إلى الحديدة") == ("ord:2",)
    assert title_actions("انطلاق الجولة الثالثة من المفاوضات في جنيف") == ("ord:3",)


def test_ordinals_that_are_no_happening_are_not_marks() -> None:
    assert title_actions("الناخبون يقترعون لأول مرة منذ عشرة أعوام") == ("phase:vote",)  # no ordinal
    assert title_actions("وللمرة الثانية خلال أسبوع انقطاع الكهرباء") == ()
    assert title_actions("الملك عبدالله الثاني يستقبل وفدا برلمانيا") == ()
    assert title_actions("اجتماع مرتقب في تشرين الأول") == ()
    assert title_actions(None) == () and title_actions("سفينة مساعدات تصل الحديدة") == ()


def test_another_happening_is_marked_again() -> None:
    assert title_actions("غداة تفجير السوق.. انفجار قرب مركز للشرطة") == ("again",)
    assert title_actions("هجوم جديد على قافلة إغاثة في الصحراء") == ("again",)
    assert title_actions("من جديد اشتباكات على الحدود") == ("again",)
    assert title_actions("الناخبون يختارون برلمانا جديدا") == ()  # a new parliament: no new happening
    assert title_actions("الطرفان يوقعان هدنة جديدة") == ()
    assert conflict(("again",), {"ord:1": 1}) and conflict(("again",), {})
    assert not conflict(("again",), {"again": 1}) and not conflict((), {"again": 2})


def test_marks_conflict_only_when_both_sides_name_an_ordinal_and_share_none() -> None:
    assert conflict(("ord:2",), {"ord:1": 2})
    assert not conflict(("ord:2",), {"ord:1": 1, "ord:2": 1})
    assert not conflict((), {"ord:1": 3})  # a title with no ordinal joins on its wording
    assert not conflict(("ord:1",), {})
    assert conflict(("again", "ord:2"), {"again": 1, "ord:1": 1})
    assert not conflict(("ord:2",), {"ord:1": 0})  # a mark withdrawn by an edit


def _doc(aid: str, title: str, words: str) -> DocFeatures:
    terms: dict[str, int] = {}
    for w in (title + " " + words).split():
        terms[w] = terms.get(w, 0) + 1
    return DocFeatures(id=aid, day=DAY, title=title, terms=terms, head=dict(terms), names={"الحديدة": 1},
                       name_types={"الحديدة": "place"}, actions=title_actions(title))  # fmt: skip


_WORDS = "سفينة مساعدات ميناء الحديدة وقود قمح حمولة أطنان"


def test_the_second_of_a_series_opens_its_own_event() -> None:
    index = EventIndex(ClusterConfig())
    first = index.add(_doc("a", "وصول أول سفينة مساعدات إلى ميناء الحديدة", _WORDS))
    same = index.add(_doc("b", "رسو أول سفينة مساعدات في الحديدة", _WORDS))
    plain = index.add(_doc("c", "سفينة مساعدات ترسو في ميناء الحديدة", _WORDS))
    second = index.add(_doc("d", "وصول السفينة الثانية إلى ميناء الحديدة", _WORDS))
    assert same.event == first.event and plain.event == first.event  # no ordinal: joins on wording
    assert second.new and second.event != first.event
    off = EventIndex(ClusterConfig(split_actions=False))
    for d in ("a", "b", "c"):
        off.add(_doc(d, "وصول أول سفينة مساعدات إلى ميناء الحديدة", _WORDS))
    assert not off.add(_doc("d", "وصول السفينة الثانية إلى ميناء الحديدة", _WORDS)).new


def test_the_next_attack_is_not_a_report_of_the_last() -> None:
    index = EventIndex(ClusterConfig())
    words = "تفجير انتحاري كنيسة مدينة قتلى جرحى الشرطة"
    first = index.add(_doc("a", "تفجير انتحاري يستهدف كنيسة في المدينة", words))
    assert index.add(_doc("b", "قتلى وجرحى في تفجير كنيسة بالمدينة", words)).event == first.event
    again = index.add(_doc("c", "غداة تفجير الكنيسة.. تفجير انتحاري يستهدف الشرطة", words))
    assert again.new
    assert index.add(_doc("d", "تفجير جديد في المدينة يستهدف الشرطة", words)).event == again.event


def test_an_event_keeps_its_cores_marks_across_a_save() -> None:
    index = EventIndex()
    placed = index.add(_doc("a", "وصول أول سفينة مساعدات إلى ميناء الحديدة", _WORDS))
    ev = index.events[placed.event]
    assert ev.actions == {"ord:1": 1}
    assert Event.from_json(ev.to_json()).actions == ev.actions
    old = ev.to_json()
    del old["actions"]  # an event saved before marks were kept
    assert Event.from_json(old).actions == {}


def test_features_read_the_marks_of_the_cleaned_title() -> None:
    raw = "وصول السفينة الثانية إلى ميناء الحديدة\n\nرست في ميناء الحديدة سفينة مساعدات ثانية تحمل أطنانا من القمح.\n"
    doc = features(process(RawDoc(id="s2", raw=raw, origin="t.txt", fmt="txt")))
    assert doc.actions == ("ord:2",)


def test_the_phase_of_an_election_is_read_from_a_title_about_a_vote() -> None:
    vote = ("phase:vote",)
    results = ("phase:results",)
    assert title_actions("الكرواتيون يدلون بأصواتهم في انتخابات تشريعية مبكرة") == vote
    assert title_actions("بدء التصويت في الانتخابات البلدية وسط إجراءات أمنية") == vote
    assert title_actions("إغلاق مراكز الاقتراع في الاستفتاء على الدستور") == vote
    assert title_actions("انتخابات البرلمان.. إقبال ضعيف في ساعات الصباح") == vote
    assert title_actions("وزير الداخلية: نسبة المشاركة في الانتخابات بلغت 41 بالمئة") == vote
    assert title_actions("الإيسلنديون ينتخبون برلمانهم اليوم") == vote
    assert title_actions("الحزب الأخضر يفوز بأغلبية مقاعد البرلمان") == results
    assert title_actions("الانتخابات البلدية: المستقلون أكبر الفائزين والحزب الحاكم ثانيا") == results
    assert title_actions("النتائج الأولية للانتخابات الرئاسية: مرشح المعارضة يتقدم") == results
    # a results title that names the vote is about the results
    assert title_actions("فوز مرشح الوسط في الاقتراع الرئاسي وسط مشاركة متدنية") == results


def test_no_phase_outside_an_election_or_while_results_are_awaited() -> None:
    assert title_actions("فوز الفريق الأحمر على ضيفه في نهائي الكأس") == ()  # a match, not a vote
    assert title_actions("نتائج التحقيق في حادث القطار تصدر الأسبوع المقبل") == ()
    assert title_actions("انتخابات الجزيرة.. هدوء في مراكز المدينة وترقب للنتائج") == ()
    assert title_actions("البرلمان ينتخب رئيسا جديدا للبلاد") == ()  # a session that votes and elects at once
    assert title_actions("الانتخابات المقبلة في الخريف") == ()


def test_polling_day_and_its_results_conflict_and_a_mixed_core_does_not() -> None:
    assert conflict(("phase:results",), {"phase:vote": 3})
    assert conflict(("phase:vote",), {"phase:results": 1})
    assert not conflict(("phase:vote",), {"phase:vote": 1, "phase:results": 1})
    assert not conflict((), {"phase:vote": 2}) and not conflict(("phase:results",), {})
    assert not conflict(("ord:1", "phase:vote"), {"phase:vote": 1})  # an ordinal and a phase: other groups
    assert not conflict(("phase:vote",), {"ord:1": 2})


def test_results_open_their_own_event_beside_the_polling_day() -> None:
    index = EventIndex(ClusterConfig())
    words = "انتخابات البرلمان الناخبين مراكز الاقتراع الحزب الأخضر المعارضة أصوات مقاعد الجزيرة"
    vote = index.add(_doc("a", "الناخبون يدلون بأصواتهم في انتخابات البرلمان", words))
    same = index.add(_doc("b", "بدء التصويت في انتخابات البرلمان بالجزيرة", words))
    plain = index.add(_doc("c", "انتخابات البرلمان في الجزيرة", words))
    results = index.add(_doc("d", "الحزب الأخضر يفوز بأغلبية مقاعد البرلمان", words))
    assert same.event == vote.event and plain.event == vote.event
    assert results.new and results.event != vote.event
    assert index.add(_doc("e", "نتائج الانتخابات: المعارضة تفقد نصف مقاعدها", words)).event == results.event


def test_a_title_that_asks_or_explains_heads_an_analysis() -> None:
    for title in ("ماذا بعد إغلاق الميناء؟", "الميناء.. كيف تتأثر الأسعار بالإغلاق", "ما هي السفن العالقة",
                  "إغلاق الميناء: حقائق وأرقام", "أبرز محطات الأزمة منذ عامين", "هل يعود الميناء للعمل قريبا",
                  "بعد إغلاق الميناء الكبير.. أبرز السفن العالقة", "أهم بنود اتفاق الميناء الجديد"):
        assert "kind:analysis" in title_actions(title), title
    for title in ("إغلاق ميناء الحديدة أمام السفن", "الحكومة تعلن ما تم الاتفاق عليه", "من الميناء إلى السوق",
                  "الميناء يستقبل أهم شحنة قمح هذا العام"):
        assert "kind:analysis" not in title_actions(title), title


def test_an_analysis_opens_its_own_event_and_no_report_joins_it() -> None:
    index = EventIndex(ClusterConfig())
    report = index.add(_doc("a", "وصول أول سفينة مساعدات إلى ميناء الحديدة", _WORDS))
    why = index.add(_doc("b", "لماذا تأخر وصول سفينة المساعدات إلى ميناء الحديدة؟", _WORDS))
    assert why.new and why.event != report.event  # about the arrival, not a report of it
    later = index.add(_doc("c", "رسو أول سفينة مساعدات في الحديدة", _WORDS))
    assert later.event == report.event
    assert conflict(["kind:analysis"], {}) and conflict([], {"kind:analysis": 1})

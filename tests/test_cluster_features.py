"""Clustering features: day hints of undated articles (a yearless wire dateline counts modulo the
year, an "updated" date line as a day; both only inside clustering) and lemmas."""

from __future__ import annotations

import datetime as dt

from rasd.events.cluster import Event, EventIndex
from rasd.events.features import DocFeatures, features, lemma
from rasd.pipeline import process_text

_BODY = (
    "قُتل خمسة أشخاص وأصيب أحد عشر آخرون في اشتباكات اندلعت بين مسلحين قبليين وعناصر أمنية في سوق"
    " الملح بالمدينة القديمة في صنعاء، بحسب مصدر طبي وشهود.\n\nوقال شهود إن تبادل إطلاق النار بدأ بعد خلاف"
    " على أرض تجارية قرب باب اليمن، قبل أن يمتد إلى الأزقة المجاورة ويدفع التجار إلى إغلاق محالهم.\n\n"
    "وأعلنت السلطات الأمنية في صنعاء فرض طوق حول السوق وتوقيف عدد من المسلحين."
)


def _wire(aid: str, day_month: str, agency: str = "أ ف ب") -> DocFeatures:
    text = f"اشتباكات دامية في سوق شعبي بصنعاء\n\nصنعاء - {day_month} ({agency}) - {_BODY}\n"
    return features(process_text(text, aid))


def _dated(aid: str, day: str) -> DocFeatures:
    return features(process_text(f"اشتباكات دامية في سوق شعبي بصنعاء\n\n{day}\n\n{_BODY}\n", aid))


def test_a_yearless_dateline_gives_day_and_month_but_no_published_date() -> None:
    article = process_text(f"عنوان الخبر هنا\n\nصنعاء - 27 أغسطس (أ ف ب) - {_BODY}\n", "w")
    assert article.published is None  # no year is invented for the export
    assert features(article).month_day == (8, 27)
    assert features(process_text(f"عنوان\n\n27 أغسطس 2023\n\n{_BODY}\n", "d")).month_day is None


def test_undated_wire_stories_months_apart_stay_apart() -> None:
    index = EventIndex()
    aug, next_day, feb = _wire("aug", "27 أغسطس"), _wire("aug2", "28 أغسطس", "رويترز"), _wire("feb", "3 فبراير")
    assert aug.day is None and feb.day is None
    first = index.add(aug)
    assert index.add(next_day).event == first.event  # a day apart: one event
    assert index.add(feb).new  # the same words six months later: a new event


def test_yearless_dateline_matches_dated_events_modulo_the_year() -> None:
    index = EventIndex()
    dated = index.add(_dated("dated", "27 أغسطس 2023"))
    assert index.add(_wire("wire", "28 أغسطس")).event == dated.event
    later = index.add(_wire("later", "2 فبراير"))
    assert later.new
    assert index.add(_dated("dated-feb", "3 فبراير 2024")).event == later.event  # found through its day/month


def test_yearless_days_survive_a_save_and_restore() -> None:
    index = EventIndex()
    ev = index.events[index.add(_wire("aug", "27 أغسطس")).event]
    again = Event.from_json(ev.to_json())
    assert again.month_days == {(8, 27): 1}
    restored = EventIndex()
    restored.restore([again], index.stats())
    assert restored.add(_wire("aug2", "28 أغسطس")).event == ev.id
    assert restored.add(_wire("feb", "3 فبراير")).new
    older = {k: v for k, v in ev.to_json().items() if k != "month_days"}  # saved before yearless days
    assert Event.from_json(older).month_days == {}


def test_a_known_word_keeps_its_first_letter() -> None:
    """simplemma returns some known words unchanged (فاجعة): they are not unknown words, so no
    leading letter is stripped as a clitic, and the word matches its form with the article."""
    assert lemma("فاجعة") == lemma("الفاجعة") == "فاجعه"
    assert lemma("بحارة") == "بحاره"  # not حاره
    assert lemma("وحكومة") == lemma("حكومة")


def test_an_updated_date_line_places_an_undated_article_for_clustering_only() -> None:
    article = process_text(f"اشتباكات دامية في سوق شعبي بصنعاء\n\nآخر تحديث: 28-08-2023 10:15\n\n{_BODY}\n", "upd")
    assert article.published is None  # an update time is not a publication date
    doc = features(article)
    assert doc.day is None and doc.hint_day == doc.when == dt.date(2023, 8, 28)
    index = EventIndex()
    earlier = index.add(_dated("earlier", "3 فبراير 2023"))
    assert index.add(doc).new  # the same words six months before are another event
    dated = index.add(_dated("dated", "27 أغسطس 2023"))
    assert dated.event == f"ev-{doc.id}" and index.events[dated.event].days[doc.when] == 1
    assert dated.event != earlier.event


def test_an_undated_article_that_names_its_weekday_joins_only_events_of_that_day() -> None:
    """"اليوم الخميس" in an undated article: it may join the event covered on Wednesday-Friday, never
    the one covered on Sunday and Monday, however alike the wording ("أمس الأربعاء" is Thursday too)."""

    def undated(aid: str, when: str) -> DocFeatures:
        text = f"اشتباكات دامية في سوق شعبي بصنعاء\n\n{_BODY}\n\nوقال مسؤول {when} إن الوضع هادئ.\n"
        return features(process_text(text, aid))

    thursday, yesterday = undated("thu", "اليوم الخميس"), undated("thu2", "أمس الأربعاء")
    assert thursday.day is None and thursday.weekday == 3 and yesterday.weekday == 3
    sunday = EventIndex()
    sunday.add(_dated("sun", "الأحد 27 سبتمبر 2020"))  # a Sunday
    assert sunday.add(thursday).new
    friday = EventIndex()
    friday.add(_dated("fri", "الجمعة 2 أكتوبر 2020"))  # the day after a Thursday
    assert not friday.add(thursday).new

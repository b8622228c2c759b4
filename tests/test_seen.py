"""`seen`: the fetch or feed time of WARC, JSONL and HTML inputs, kept apart from `published`,
and weekday references placed by it when the text states no date (articles written by us)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.model import Precision, RawDoc, SeenSource
from rasd.pipeline import process, run
from rasd.present.export import write
from rasd.read import read_path
from rasd.read.pagetime import url_date
from rasd.store import Store
from rasd.text.seen import choose_seen
from rasd.text.timeref import FROM_SEEN

BODY = (
    "أعلن وزير الأشغال، اليوم (الاثنين)، إطلاق مشروع لتوسعة الطريق الساحلي بطول أربعين كيلومترا، "
    "على أن تبدأ الأعمال مطلع الشهر المقبل بتمويل من صندوق التنمية.\n\n"
    "وكان الوزير قد زار أمس الأحد موقع المشروع برفقة عدد من المهندسين، واطلع على المخططات النهائية "
    "التي أعدتها الشركة المنفذة، مؤكدا أن التوسعة ستخفف الازدحام في أوقات الذروة."
)
TITLE = "إطلاق مشروع توسعة الطريق الساحلي"


def _only(path: Path) -> RawDoc:
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], RawDoc)
    return items[0]


def test_crawl_time_is_seen_never_published(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    line = {"id": "c1", "title": TITLE, "text": BODY, "fetched": "2015-07-21 02:51:32"}
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    a = process(_only(f))
    assert a.published is None
    assert a.seen is not None and a.seen.source is SeenSource.CRAWL and a.seen.iso() == "2015-07-21T02:51"
    today, yesterday = (next(r for r in a.time_refs if r.weekday == wd) for wd in (0, 6))
    assert today.text == "اليوم (الاثنين)" and today.value == "2015-07-20" and today.note.startswith(FROM_SEEN)
    assert yesterday.text == "أمس الأحد" and yesterday.value == "2015-07-19"


def test_feed_time_is_published_and_seen(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    line = {"id": "f1", "title": TITLE, "text": BODY, "published": "2018-02-19T21:35:43+04:00"}
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    a = process(_only(f))
    assert a.published is not None and a.published.rule == "metadata"
    assert a.seen is not None and a.seen.source is SeenSource.FEED and a.seen.iso() == "2018-02-19T21:35"
    monday = next(r for r in a.time_refs if r.weekday == 0)
    assert monday.value == "2018-02-19" and not monday.note.startswith(FROM_SEEN)


def test_no_time_no_seen_and_weekday_stays_unknown() -> None:
    a = process(RawDoc(id="t", raw=TITLE + "\n\n" + BODY, origin="<t>", fmt="text"))
    assert a.seen is None and a.published is None
    assert next(r for r in a.time_refs if r.weekday == 0).value is None


def test_weekday_in_the_future_is_not_placed_by_seen() -> None:
    raw = TITLE + "\n\n" + "ومن المقرر أن يعقد المجلس جلسته الخميس لمناقشة المشروع وإقرار الميزانية الخاصة به."
    doc = RawDoc(id="t", raw=raw, origin="<t>", fmt="jsonl", times=((SeenSource.CRAWL, "2015-07-21"),))
    refs = [r for r in process(doc).time_refs if r.weekday == 3]
    assert refs and refs[0].value is None


def test_earliest_time_wins_and_timed_beats_bare_day() -> None:
    seen = choose_seen([(SeenSource.WARC, "2020-08-26T10:00:00Z"), (SeenSource.URL, "2020-08-24"),
                        (SeenSource.HTML_META, "2020-08-24T09:23:13Z")])  # fmt: skip
    assert seen is not None and seen.source is SeenSource.HTML_META and seen.precision is Precision.MINUTE
    assert choose_seen([(SeenSource.CRAWL, "not a date"), (SeenSource.URL, "1899-01-01")]) is None


def test_url_dates() -> None:
    assert url_date("https://news.example/story/2020/8/24/وزير/4943459") == "2020-08-24"
    assert url_date("https://news.example/uae/2020-06-03-1.3874341") == "2020-06-03"
    assert url_date("https://news.example/2020/11/2338761/") is None  # month only
    assert url_date("https://news.example/a?d=2020/01/02") is None  # query strings are not the path
    assert url_date(None) is None


PAGE = (
    '<html lang="ar"><head><meta charset="utf-8"><title>{title} - جريدة المساء</title>{meta}</head><body>'
    "<header><div class='date'>الثلاثاء 29 ديسمبر 2020</div></header>"
    "<article><h1>{title}</h1>{body}</article></body></html>"
)


def _page(meta: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return PAGE.format(title=TITLE, meta=meta, body=body)


def test_html_local_time_wins_over_the_same_instant_in_utc(tmp_path: Path) -> None:
    meta = ('<meta property="article:published_time" content="2020-12-24T23:59:50+00:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2020-12-25T01:59:50+02:00"}</script>')  # fmt: skip
    f = tmp_path / "p.html"
    f.write_text(_page(meta), encoding="utf-8")
    a = process(_only(f))
    assert a.published is not None and a.published.iso() == "2020-12-25T01:59"
    assert a.seen is not None and a.seen.source is SeenSource.HTML_META


def test_html_arabic_meta_time_and_url_date(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="الأربعاء، 07 أكتوبر 2020 - 12:09 م" />'
    f = tmp_path / "p.html"
    f.write_text(_page(meta), encoding="utf-8")
    a = process(_only(f))
    assert a.published is not None and a.published.value.date().isoformat() == "2020-10-07"
    f.write_text(_page('<link rel="canonical" href="https://almasaa.example/news/2020/10/06/x">'), encoding="utf-8")
    a = process(_only(f))
    assert a.published is None  # a url date is seen, not published; the masthead date is neither
    assert a.seen is not None and a.seen.source is SeenSource.URL and a.seen.iso() == "2020-10-06"


def test_warc_date_is_seen(tmp_path: Path) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    rec = writer.create_warc_record("https://almasaa.example/news/x", "response",
                                    payload=io.BytesIO(_page("").encode("utf-8")), http_headers=headers,
                                    warc_headers_dict={"WARC-Date": "2021-03-02T08:15:00Z"})  # fmt: skip
    writer.write_record(rec)
    f = tmp_path / "c.warc"
    f.write_bytes(buf.getvalue())
    a = process(_only(f))
    assert a.published is None
    assert a.seen is not None and a.seen.source is SeenSource.WARC and a.seen.iso() == "2021-03-02T08:15"
    assert next(r for r in a.time_refs if r.weekday == 0).value == "2021-03-01"  # the Monday on or before the fetch


def test_export_keys(tmp_path: Path) -> None:
    f = tmp_path / "crawl.jsonl"
    line = {"id": "c1", "title": TITLE, "text": BODY, "fetched": "2015-07-21 02:51:32"}
    f.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.StringIO()
    with Store(tmp_path / "r.db") as store:
        run([f], store)
        write(store, "jsonl", out)
        again = store.get("c1")
    rec = json.loads(out.getvalue())
    assert rec["seen"] == "2015-07-21T02:51" and rec["seen_source"] == "crawl" and rec["published"] is None
    assert again.seen is not None and again.seen.source is SeenSource.CRAWL


def test_a_later_masthead_date_in_the_page_text_does_not_beat_its_markup_time(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = ('<html lang="ar"><head><meta charset="utf-8"><title>عنوان</title>'
            '<meta property="article:published_time" content="2020-10-07T12:09:00+02:00"></head><body><main>'
            f"<p>الاثنين 7 ديسمبر 2026</p><h1>{TITLE}</h1>{body}</main></body></html>")  # fmt: skip
    f = tmp_path / "p.html"
    f.write_text(page, encoding="utf-8")
    a = process(_only(f))
    assert a.published is not None and a.published.iso() == "2020-10-07T12:09"
    assert "not the publication" in a.published_note


def test_an_overlong_time_value_is_ignored() -> None:
    assert choose_seen([(SeenSource.CRAWL, "2015-07-21 " + "x" * 5000)]) is None

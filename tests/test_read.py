"""Readers: text, HTML, JSONL and WARC inputs to RawDoc / Dropped (no network)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasd.errors import InputError, ReadError
from rasd.model import Dropped, RawDoc
from rasd.read import content_id, decode_bytes, read_path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

ARTICLE = (
    "افتتاح جسر جديد يربط ضفتي النهر في المدينة\n"
    "\n"
    "افتتح وزير النقل صباح اليوم الأحد جسراً جديداً يربط ضفتي النهر، بعد أعمال إنشاء استمرت "
    "ثلاث سنوات بتكلفة بلغت نحو ١٢٠ مليون دولار.\n"
    "\n"
    "وقال الوزير في كلمة خلال حفل الافتتاح إن الجسر سيخفف الازدحام المروري في وسط المدينة، "
    "ويختصر زمن الرحلة بين الحيين الشرقي والغربي إلى أقل من عشر دقائق.\n"
)

PARAGRAPHS = [
    "شهدت أسعار القمح في الأسواق المحلية ارتفاعاً ملحوظاً خلال الأسبوع الماضي، إذ زاد سعر الطن "
    "بنحو خمسة عشر في المئة مقارنة بالشهر السابق، وفق ما أعلنته وزارة التجارة صباح الثلاثاء.",
    "وقال متحدث باسم الوزارة إن الارتفاع يعود إلى تراجع الواردات من الموانئ الرئيسية بسبب سوء "
    "الأحوال الجوية، مشيراً إلى أن الحكومة تدرس خططاً لزيادة المخزون الاستراتيجي قبل حلول شهر رمضان.",
    "من جهتهم، عبّر عدد من أصحاب المخابز عن قلقهم من انعكاس هذه الزيادة على سعر رغيف الخبز، "
    "مطالبين بدعم حكومي عاجل يضمن استقرار الأسعار للمستهلكين.",
    "ويتوقع خبراء اقتصاديون أن تستمر الضغوط على الأسعار حتى نهاية الربع الثاني من العام، ما لم "
    "تتحسن ظروف الشحن وتنخفض تكاليف النقل البحري.",
]

PAGE = (
    '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
    "<title>ارتفاع أسعار القمح في الأسواق المحلية | جريدة الأفق</title>"
    '<meta property="og:site_name" content="جريدة الأفق">'
    '<meta property="article:published_time" content="2024-03-12T09:30:00+03:00">'
    '<link rel="canonical" href="https://www.alofoq-news.example/economy/wheat-prices">'
    "</head><body>"
    '<nav><ul><li><a href="/">الصفحة الأولى</a></li><li><a href="/politics">شؤون سياسية</a></li>'
    '<li><a href="/misc">منوعات</a></li><li><a href="/sport">ملاعب</a></li></ul></nav>'
    "<article><h1>ارتفاع أسعار القمح في الأسواق المحلية</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article>"
    '<footer><p>جميع الحقوق محفوظة © جريدة الأفق 2024</p><a href="/privacy">سياسة الخصوصية</a></footer>'
    "</body></html>"
)


def read_all(path: Path, source: str | None = None, max_bytes: int = 20_000_000) -> list[RawDoc | Dropped]:
    return list(read_path(path, source=source, max_bytes=max_bytes))


def only(items: list[RawDoc | Dropped]) -> RawDoc | Dropped:
    assert len(items) == 1, items
    return items[0]


# --- text files and encodings ---------------------------------------------------------------


def test_text_utf8(tmp_path: Path) -> None:
    f = tmp_path / "bridge.txt"
    f.write_bytes(ARTICLE.encode("utf-8"))
    doc = only(read_all(f, source="وكالة الأنباء"))
    assert isinstance(doc, RawDoc)
    assert (doc.id, doc.raw, doc.origin, doc.fmt) == ("bridge", ARTICLE, str(f), "text")
    assert doc.source == "وكالة الأنباء"
    assert doc.title is None and doc.url is None


def test_text_utf8_bom_is_stripped_and_crlf_unified(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc)
    assert doc.raw == ARTICLE


def test_text_keeps_odd_whitespace_and_tatweel(tmp_path: Path) -> None:
    text = "عاجــــل: خبر\n\u00a0\n  سطر بمسافات  \n"
    f = tmp_path / "odd.txt"
    f.write_text(text, encoding="utf-8")
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc) and doc.raw == text


def test_text_cp1256(tmp_path: Path) -> None:
    f = tmp_path / "legacy.txt"
    f.write_bytes(ARTICLE.replace("١٢٠", "120").encode("cp1256"))
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc)
    assert doc.raw == ARTICLE.replace("١٢٠", "120")


def test_binary_file_is_dropped(tmp_path: Path) -> None:
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    d = only(read_all(f))
    assert isinstance(d, Dropped) and d.reason == "binary" and d.origin == str(f)


def test_undecodable_file_is_dropped(tmp_path: Path) -> None:
    f = tmp_path / "garbled.txt"
    f.write_bytes(bytes(range(0x80, 0x100)) * 4)
    d = only(read_all(f))
    assert isinstance(d, Dropped) and d.reason == "encoding"
    assert str(f) in d.detail and "neither UTF-8 nor" in d.detail


def test_utf8_with_stray_byte_is_not_misread_as_cp1256() -> None:
    data = ARTICLE.encode("utf-8")
    broken = data[:40] + b"\xff" + data[40:]
    with pytest.raises(ReadError) as err:
        decode_bytes(broken, "x.txt")
    assert err.value.reason == "encoding"


def test_utf8_cut_inside_last_character() -> None:
    data = ARTICLE.strip().encode("utf-8")
    assert decode_bytes(data[:-1], "cut.txt") == ARTICLE.strip()[:-1]


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", "\u00a0\n".encode()])
def test_empty_file_is_dropped(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(content)
    d = only(read_all(f))
    assert isinstance(d, Dropped) and d.reason == "empty"


def test_too_large_is_dropped(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    d = only(read_all(f, max_bytes=100))
    assert isinstance(d, Dropped) and d.reason == "too_large"


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "notepad.txt"
    f.write_bytes(ARTICLE.encode("utf-16"))
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc) and doc.raw == ARTICLE


# --- folders and dispatch -------------------------------------------------------------------


def test_folder_walk_order_and_skips(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b.txt", "a.txt", "sub/c.txt", "z", ".hidden.txt", ".git/x.txt", "README", "README.txt"]:
        (tmp_path / name).write_text(ARTICLE + name, encoding="utf-8")
    (tmp_path / "gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    out = read_all(tmp_path)
    assert [(type(x).__name__, Path(x.origin).relative_to(tmp_path).as_posix()) for x in out] == [
        ("RawDoc", "a.txt"),
        ("RawDoc", "b.txt"),
        ("Dropped", "report.pdf"),
        ("RawDoc", "sub/c.txt"),
        ("RawDoc", "z"),
    ]
    assert [x.id for x in out if isinstance(x, RawDoc)] == ["a", "b", "c", "z"]
    assert [x.reason for x in out if isinstance(x, Dropped)] == ["unsupported"]


def test_missing_path_raises_at_call(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nowhere")


def test_seeds_folder() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    docs = read_all(SEEDS)
    assert len(docs) == 5
    ids = []
    for d in docs:
        assert isinstance(d, RawDoc)
        ids.append(d.id)
        assert d.raw == Path(d.origin).read_text(encoding="utf-8")
        assert d.fmt == "text"
    assert ids == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert ids[0] == "000_275c5130d3afdad5"


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 7, "title": "جسر جديد", "text": ARTICLE, "url": "https://www.akhbar.example/a/1"}),
        "",
        "{not json",
        json.dumps(["قائمة", "لا", "كائن"]),
        json.dumps({"id": "x2", "title": "بلا نص"}),
        json.dumps({"id": "x3", "text": 42}),
        json.dumps(
            {"text": "خبر قصير عن افتتاح معرض الكتاب السنوي.", "source": "الأفق", "published": "2024-03-01"}
        ),
        json.dumps({"id": "p1", "html": PAGE}),
        '{"id": "cut", "text": "خبر لم يكتمل',
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(lines), encoding="utf-8")
    out = read_all(f, source="الدفعة")
    got = [(x.origin.rsplit(":", 1)[1], x.id if isinstance(x, RawDoc) else x.reason) for x in out]
    short = "خبر قصير عن افتتاح معرض الكتاب السنوي."
    assert got == [
        ("1", "7"),
        ("3", "malformed_json"),
        ("4", "malformed_json"),
        ("5", "no_text"),
        ("6", "malformed_json"),
        ("7", content_id(short)),
        ("8", "p1"),
        ("9", "malformed_json"),
    ]
    first, seventh, eighth = out[0], out[5], out[6]
    assert isinstance(first, RawDoc) and isinstance(seventh, RawDoc) and isinstance(eighth, RawDoc)
    assert first.raw == ARTICLE and first.title == "جسر جديد" and first.fmt == "jsonl"
    assert first.source == "الدفعة"  # the run's source when the line names none
    assert seventh.source == "الأفق" and seventh.published == "2024-03-01"
    assert PARAGRAPHS[0] in eighth.raw and "منوعات" not in eighth.raw
    last = out[-1]
    assert isinstance(last, Dropped) and "truncated" in last.detail


def test_jsonl_overlong_line_is_dropped_and_reading_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    long_line = json.dumps({"text": ARTICLE * 20})
    f.write_text(long_line + "\n" + json.dumps({"id": "ok", "text": ARTICLE}) + "\n", encoding="utf-8")
    out = read_all(f, max_bytes=len(ARTICLE.encode()) * 3)
    assert [x.reason if isinstance(x, Dropped) else x.id for x in out] == ["too_large", "ok"]
    assert out[1].origin == f"{f}:2"


def test_jsonl_source_from_url_host(tmp_path: Path) -> None:
    f = tmp_path / "a.ndjson"
    f.write_text(
        json.dumps({"text": ARTICLE, "url": "https://www.akhbar.example/a/1"}) + "\n", encoding="utf-8"
    )
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc) and doc.source == "akhbar.example" and doc.id == content_id(ARTICLE)


# --- HTML -----------------------------------------------------------------------------------


def test_html_page(tmp_path: Path) -> None:
    f = tmp_path / "wheat.html"
    f.write_text(PAGE, encoding="utf-8")
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc)
    assert doc.fmt == "html" and doc.origin == str(f)
    assert "\n\n".join(PARAGRAPHS) in doc.raw  # one block per paragraph, blank-line separated
    for furniture in ("الصفحة الأولى", "منوعات", "سياسة الخصوصية", "جميع الحقوق محفوظة"):
        assert furniture not in doc.raw
    assert doc.title is not None and "ارتفاع أسعار القمح في الأسواق المحلية" in doc.title
    assert doc.published == "2024-03-12T09:30"
    assert doc.source == "جريدة الأفق"
    assert doc.url == "https://www.alofoq-news.example/economy/wheat-prices"
    assert doc.id == content_id(doc.raw)


def test_html_in_cp1256(tmp_path: Path) -> None:
    f = tmp_path / "old-site.htm"
    page = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1256">').replace("©", "(c)")
    f.write_bytes(page.encode("cp1256"))
    doc = only(read_all(f))
    assert isinstance(doc, RawDoc) and PARAGRAPHS[1] in doc.raw


def test_html_without_text_and_malformed(tmp_path: Path) -> None:
    (tmp_path / "a.htm").write_text(
        "<html><head><title>فارغ</title></head><body></body></html>", encoding="utf-8"
    )
    (tmp_path / "b.html").write_text("<html><body><p>" + PARAGRAPHS[0] + "<div><<//>>", encoding="utf-8")
    out = read_all(tmp_path)
    assert isinstance(out[0], Dropped) and out[0].reason == "no_text"
    assert len(out) == 2  # the malformed page neither crashes nor disappears


# --- WARC -----------------------------------------------------------------------------------


def _warc(gzip: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    info = writer.create_warcinfo_record("test.warc", {"software": "rasd-tests"})
    writer.write_record(info)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    page = writer.create_warc_record(
        "https://www.alofoq-news.example/economy/wheat-prices",
        "response",
        payload=io.BytesIO(PAGE.encode("utf-8")),
        http_headers=headers,
    )
    writer.write_record(page)
    img_headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    img = writer.create_warc_record(
        "https://www.alofoq-news.example/logo.png",
        "response",
        payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(200)),
        http_headers=img_headers,
    )
    writer.write_record(img)
    writer.write_record(page)
    return buf.getvalue()


@pytest.mark.parametrize("gzip", [True, False])
def test_warc(tmp_path: Path, gzip: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    f.write_bytes(_warc(gzip))
    out = read_all(f, source="زحف")
    assert [x.origin for x in out] == [f"{f}#2", f"{f}#4"]
    doc = out[0]
    assert isinstance(doc, RawDoc) and doc.fmt == "warc"
    assert doc.url == "https://www.alofoq-news.example/economy/wheat-prices"
    assert doc.source == "زحف" and doc.published == "2024-03-12T09:30"
    assert PARAGRAPHS[-1] in doc.raw and "منوعات" not in doc.raw
    assert doc.id == content_id(doc.raw)


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc(tmp_path: Path, gzip: bool) -> None:
    data = _warc(gzip)
    f = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    f.write_bytes(data[: len(data) - 150])
    out = read_all(f)
    assert [type(x).__name__ for x in out] == ["RawDoc", "Dropped"]
    assert isinstance(out[-1], Dropped) and out[-1].reason == "malformed_warc"


def test_not_a_warc(tmp_path: Path) -> None:
    f = tmp_path / "fake.warc"
    f.write_text(ARTICLE, encoding="utf-8")
    d = only(read_all(f))
    assert isinstance(d, Dropped) and d.reason == "malformed_warc"


def test_content_id_ignores_spelling_variants() -> None:
    assert content_id("قرة بـــاغ") == content_id("قره باغ")
    assert len(content_id(ARTICLE)) == 16

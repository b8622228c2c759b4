"""Property-based fuzzing: readers, `process_text`, the CLI's rendering and search never raise on
hostile input, and a good article beside bad ones is never lost. Kept quick (few examples each);
`bench/fuzz.py` runs 100,000 generated inputs."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from rasd.cli.common import esc
from rasd.model import Dropped, RawDoc
from rasd.pipeline import process_text, run
from rasd.read import read_path
from rasd.store import Store

from conftest import written_article

FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))

# Characters a scraper sends: Arabic, marks, tatweel, bidi controls, NUL and controls, lone
# surrogates, markup and emoji codes, CR/LF/U+2028, presentation forms, digits of three scripts.
HOSTILE = st.sampled_from(list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهوي ءآأإؤئة ً ٌ ٍ َ ُ ِ ّ ْ ـ \u200e\u200f\u202a\u202b\u202c\u202e\u2066\u2069"
    "\x00\x01\x1b\x7f\r\n\u2028\u2029\ufeff\ufffd\ud800\udfff[]/\\:<>&\"'{}.،؛؟0123456789٠١٢٣٤٥٦٧٨٩۰۱ﻻﷲ😀"
))
hostile_text = st.lists(st.one_of(HOSTILE, st.sampled_from(["[/b]", "[/]", "[red]", ":fire:", "اليوم",
                                                            "20 سبتمبر 2023", "قال", "<div>", "\n\n"])),
                        max_size=300).map("".join)


def _mutate(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for at, length, insert in cuts:
        at %= max(len(text), 1)
        text = text[:at] + insert + text[at + length % 7:]
    return text


mutations = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 6), hostile_text), max_size=6)


def _utf8_safe(doc: RawDoc | Dropped) -> None:
    for f in dataclasses.fields(doc):
        if isinstance(value := getattr(doc, f.name), str):
            value.encode("utf-8")  # storable


@FAST
@given(seed=st.integers(0, 50), cuts=mutations)
def test_process_text_takes_mutated_articles(seed: int, cuts: list[tuple[int, int, str]]) -> None:
    raw = _mutate(written_article(seed), cuts)
    article = process_text(raw)
    assert article.raw.encode("utf-8")
    for span in [*(r.span for r in article.removed), *article.paragraphs, *(t.span for t in article.time_refs)]:
        assert 0 <= span.start <= span.end <= len(article.raw)


@FAST
@given(data=st.binary(max_size=3000), ext=st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ""]))
def test_readers_take_any_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes, ext: str) -> None:
    d = tmp_path_factory.mktemp("raw")
    f = d / f"in{ext}"
    f.write_bytes(data)
    for doc in read_path(f):
        _utf8_safe(doc)


json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile_text,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
                          max_leaves=8)


@FAST
@given(rows=st.lists(st.dictionaries(st.sampled_from(["id", "text", "html", "title", "source", "url",
                                                      "published", "fetched"]), json_value, max_size=6),
                     max_size=5),
       garbage=st.lists(st.binary(max_size=80), max_size=3))
def test_jsonl_keeps_every_good_line_among_bad_ones(tmp_path_factory: pytest.TempPathFactory,
                                                   rows: list[dict[str, object]], garbage: list[bytes]) -> None:
    d = tmp_path_factory.mktemp("jsonl")
    good = [json.dumps({"id": f"good{i}", "text": written_article(i)}).encode() for i in range(2)]
    bad = [json.dumps(r, ensure_ascii=bool(i % 2)).encode("utf-8", "surrogatepass") for i, r in enumerate(rows)]
    lines = [good[0], *bad, *[g.replace(b"\n", b" ") for g in garbage], good[1]]
    f = d / "in.jsonl"
    f.write_bytes(b"\n".join(lines) + b"\n")
    docs = list(read_path(f))
    for doc in docs:
        _utf8_safe(doc)
    ids = {doc.id for doc in docs if isinstance(doc, RawDoc)}
    assert {"good0", "good1"} <= ids


@FAST
@given(depth=st.integers(0, 3000), text=hostile_text, tags=st.lists(st.sampled_from(
    ["<div>", "</div>", "<p>", "<script>", "<!--", "-->", "<![CDATA[", "<table><tr><td>", "&#xd800;", "&#0;",
     "<meta charset=x>", "<title>", "</title>"]), max_size=20))
def test_html_pages_never_raise(tmp_path_factory: pytest.TempPathFactory, depth: int, text: str,
                                tags: list[str]) -> None:
    d = tmp_path_factory.mktemp("html")
    body = "<p>" + written_article(depth) + "</p>"
    page = "<html><body>" + "<div>" * depth + body + "".join(tags) + text + "</div>" * depth + "</body></html>"
    f = d / "in.html"
    f.write_text(page, encoding="utf-8", errors="surrogatepass")
    (doc,) = read_path(f)
    _utf8_safe(doc)


def _warc(pages: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.org/{i}", "response",
                                            payload=io.BytesIO(page.encode()), http_headers=headers))
    return buf.getvalue()


@FAST
@given(cut=st.integers(0, 100_000), flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)),
                                                     max_size=4))
def test_damaged_warcs_keep_the_records_before_the_damage(tmp_path_factory: pytest.TempPathFactory, cut: int,
                                                          flips: list[tuple[int, int]]) -> None:
    d = tmp_path_factory.mktemp("warc")
    data = bytearray(_warc([f"<html><body><p>{written_article(i)}</p></body></html>" for i in range(3)]))
    first_end = len(_warc([f"<html><body><p>{written_article(0)}</p></body></html>"]))
    for at, byte in flips:
        data[at % len(data)] = byte
    damaged = bytes(data[: max(cut % (len(data) + 1), 1)])
    f = d / "in.warc"
    f.write_bytes(damaged)
    docs = list(read_path(f))
    for doc in docs:
        _utf8_safe(doc)
    if len(damaged) >= first_end and all(at % len(data) >= first_end for at, _ in flips):
        assert isinstance(docs[0], RawDoc)


@FAST
@given(text=hostile_text)
@example(text="\\")  # rich's escape alone shows a final backslash twice
@example(text="a\\\\")
@example(text="[/b]\\")
def test_rendering_shows_data_as_written(text: str) -> None:
    console = Console(file=io.StringIO(), width=10_000, emoji=False, highlight=False, soft_wrap=True)
    shown = text.encode("utf-8", "replace").decode("utf-8").replace("\r", "")
    console.print(esc(shown), end="")
    assert console.file.getvalue() == console.render_str(esc(shown)).plain  # type: ignore[attr-defined]
    assert console.render_str(esc(shown)).plain == shown
    assert console.render_str(f"[bold]{esc(shown)}[/bold]").plain == shown  # nor escapes markup after it


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=hostile_text)
def test_search_takes_any_query(store_with_articles: Store, query: str) -> None:
    from rasd.errors import InputError
    from rasd.store.search import search

    try:
        hits = search(store_with_articles, query.encode("utf-8", "replace").decode("utf-8"))
    except InputError:
        assert len(query) > 1000
        return
    assert all(h["id"] for h in hits)


@pytest.fixture(scope="module")
def store_with_articles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    d = tmp_path_factory.mktemp("store")
    (d / "in").mkdir()
    for i in range(6):
        (d / "in" / f"a{i}.txt").write_text(written_article(i) + "\n\n[/b] [red] :fire:", encoding="utf-8")
    with Store(d / "s.db") as store:
        run([d / "in"], store)
        yield store

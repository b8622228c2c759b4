"""The HTTP JSON API over a store of the seeds (FastAPI's test client, no network)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.errors import InputError
from rasd.pipeline import run
from rasd.store import Store
from rasd.web.api import create_app


@pytest.fixture(scope="module")
def db(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "seeds.db"
    shutil.copyfile(seeds_db, path)  # written to below (the hostile article): a copy of the shared store
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_health_articles_and_filters(client: TestClient) -> None:
    assert client.get("/api/health").json()["articles"] == 5
    items = client.get("/api/articles").json()["items"]
    assert len(items) == 5
    dated = [a["published"] for a in items if a["published"]]
    assert dated == sorted(dated, reverse=True)  # newest first, undated last
    page = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()["items"]
    assert [a["id"] for a in page] == [a["id"] for a in items[1:3]]
    assert client.get("/api/articles", params={"since": "2023-01-01"}).json()["items"]
    assert all(
        a["published"] >= "2023" for a in client.get("/api/articles", params={"since": "2023-01-01"}).json()["items"]
    )
    one = client.get(f"/api/articles/{items[0]['id']}").json()
    assert one["id"] == items[0]["id"] and "removed" in one and "time_refs" in one


def test_events_summary_ledger_stories_timeline(client: TestClient) -> None:
    events = client.get("/api/events").json()["items"]
    assert events
    ev = events[0]["id"]
    assert client.get(f"/api/events/{ev}").json()["members"]
    summary = client.get(f"/api/events/{ev}/summary").json()
    assert summary["title"] and summary["sentences"]
    assert client.get(f"/api/ledger/{ev}").status_code == 200
    stories = client.get("/api/stories").json()["items"]
    assert stories and stories[0]["timeline"]
    timeline = client.get(f"/api/stories/{stories[0]['id']}/timeline").json()
    assert timeline["events"] and timeline["background"]


def test_search_entities_and_spec(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "قره باغ"}).json()["hits"]
    assert hits and hits[0]["snippets"]
    assert client.get("/api/entities", params={"limit": 5}).json()["items"]
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/events/{event_id}/summary", "/api/search"} <= set(spec["paths"])


def test_listings_filter_and_page(client: TestClient) -> None:
    events = client.get("/api/events").json()
    assert events["next"] is None and len(events["items"]) >= 2
    lasts = [e["last"] for e in events["items"] if e["last"]]  # undated last
    assert lasts == sorted(lasts, reverse=True)
    late = client.get("/api/events", params={"since": "2023-01-01"}).json()["items"]
    early = client.get("/api/events", params={"until": "2021-01-01"}).json()["items"]
    assert late and early and all(e["last"] >= "2023" for e in late) and all(e["first"] < "2021-01-02" for e in early)
    one = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert one["next"] == 2 and [e["id"] for e in one["items"]] == [events["items"][1]["id"]]
    story = events["items"][0]["story"]
    assert {e["id"] for e in client.get("/api/events", params={"story": story}).json()["items"]} <= {
        e["id"] for e in events["items"]}
    assert client.get(f"/api/stories/{story}").json()["id"] == story
    assert client.get("/api/stories/nope").status_code == 404
    karabakh = client.get("/api/entities", params={"limit": 1}).json()["items"][0]
    by_id = client.get(f"/api/entities/{karabakh['id']}").json()
    assert by_id["key"] == karabakh["key"] and by_id["articles"]
    mentioning = client.get("/api/articles", params={"entity": karabakh["id"]}).json()["items"]
    assert {a["id"] for a in mentioning} == set(by_id["articles"])
    assert client.get("/api/events", params={"entity": karabakh["key"]}).json()["items"]
    assert client.get("/api/stories", params={"entity": karabakh["key"]}).json()["items"]
    assert client.get("/api/articles", params={"story": story}).json()["items"]
    assert client.get("/api/articles", params={"story": "no-such-story"}).json()["items"] == []
    page2 = client.get("/api/entities", params={"limit": 2, "offset": 1}).json()["items"]
    assert page2[0]["id"] != karabakh["id"]


def test_claims_and_copies(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"limit": 500}).json()["items"]
    assert claims and {"article", "start", "end", "claimant", "verb", "kind", "value"} <= set(claims[0])
    killed = client.get("/api/claims", params={"kind": "killed"}).json()["items"]
    assert killed and all(c["kind"] == "killed" for c in killed)
    said = next(c for c in claims if c["claimant_key"])
    by = client.get("/api/claims", params={"entity": said["claimant_key"]}).json()["items"]
    assert by and all(c["claimant_key"] == said["claimant_key"] for c in by)
    of_article = client.get("/api/claims", params={"article": said["article"], "limit": 500}).json()["items"]
    assert of_article == [c for c in claims if c["article"] == said["article"]]
    event = client.get("/api/events").json()["items"][0]["id"]
    members = {m["id"] for m in client.get(f"/api/events/{event}").json()["members"]}
    assert all(c["article"] in members for c in client.get("/api/claims", params={"event": event}).json()["items"])
    links = client.get("/api/copies").json()["items"]
    assert links and links[0]["spans"] and {"start", "end", "other_start", "other_end"} == set(links[0]["spans"][0])
    mine = client.get("/api/copies", params={"article": links[0]["article"]}).json()["items"]
    assert links[0] in mine and all(links[0]["article"] in (x["article"], x["other"]) for x in mine)


def test_errors_have_one_shape(client: TestClient) -> None:
    for url, status in (
        ("/api/articles/nope", 404),
        ("/api/events/nope", 404),
        ("/api/stories/nope/timeline", 404),
        ("/api/articles?limit=0", 400),
        ("/api/articles?since=yesterday", 400),
        ("/api/search?q=", 400),
        ("/api/nothing", 404),
        ("/api/entities/nope", 404),
        ("/api/claims?limit=501", 400),
        ("/api/events?until=2020-13-01", 400),
        ("/api/copies?offset=-1", 400),
    ):
        r = client.get(url)
        assert r.status_code == status, url
        assert set(r.json()) == {"error", "message"}, url


def test_filters_are_bound_not_pasted_and_the_store_is_not_written(client: TestClient, db: Path) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    assert client.get("/api/articles", params={"source": "x' OR '1'='1"}).json()["items"] == []
    assert client.get("/api/search", params={"q": '" OR 1 --'}).status_code == 200
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_missing_or_foreign_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        create_app(tmp_path / "none.db")


HOSTILE = (
    'عنوان <script>alert("x")</script> للاختبار\n\n'
    'قال مسؤول محلي إن "><img src=x onerror=alert(1)> الحريق التهم ثلاثة منازل في البلدة مساء الأحد، '
    "وأضاف أن فرق الدفاع المدني سيطرت على النيران بعد ساعات من العمل المتواصل في الحي.\n\n"
    "وأوضح أن التحقيق جار لمعرفة أسباب الحريق، مشيرا إلى أن الخسائر اقتصرت على الممتلكات.\n"
)


@pytest.fixture(scope="module")
def pages(db: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Store(db) as store:
        run([folder], store)
    return TestClient(create_app(db))


def test_pages_are_rtl_escaped_and_script_free(pages: TestClient) -> None:
    for url in ("/", "/stories", "/events", "/entities", "/search?q=الحريق", "/articles/hostile"):
        r = pages.get(url)
        assert r.status_code == 200, url
        assert 'dir="rtl"' in r.text and "script-src" not in r.headers["content-security-policy"]
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert "<script" not in r.text and "<img" not in r.text, url
    article = pages.get("/articles/hostile").text
    assert "&lt;script&gt;" in article and "&lt;img src=x onerror=alert(1)&gt;" in article


def test_event_and_story_pages_show_summary_ledger_and_timeline(pages: TestClient) -> None:
    events = pages.get("/api/events").json()["items"]
    biggest = max(events, key=lambda e: e["articles"])
    page = pages.get(f"/events/{biggest['id']}").text
    assert "الملخص" in page and "سجل الأرقام" in page and "المصادر" in page
    story = pages.get(f"/stories/{biggest['story']}").text
    assert "الخط الزمني" in story and "خلفية تاريخية" in story
    missing = pages.get("/events/nope")
    assert missing.status_code == 404 and 'dir="rtl"' in missing.text


TOKEN = "a-test-token-of-some-length"


def test_ingestion_needs_the_token_and_feeds_the_pipeline(tmp_path: Path) -> None:
    db = tmp_path / "pushed.db"
    api = TestClient(create_app(db, ingest_token=TOKEN))
    body = [{"id": "p1", "source": "منفذ", "published": "2024-03-02T08:00:00",
             "text": "انقطاع الكهرباء عن أحياء المدينة\n\nانقطعت الكهرباء عن عدة أحياء في المدينة صباح اليوم "
                     "بسبب عطل في محطة التحويل الرئيسية، وقالت الشركة إن فرقها تعمل على إصلاحه خلال ساعات.\n"},
            {"id": "p2", "text": ""}]  # fmt: skip
    assert api.post("/api/articles", json=body).status_code == 401
    bad = api.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong-token-xxxxxxxx"})
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"
    ok = api.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["stored"] == ["p1"] and ok.json()["dropped"][0]["reason"] == "no_text"
    assert api.get("/api/articles/p1").json()["published"]["value"].startswith("2024-03-02")
    assert [a["id"] for a in api.get("/api/articles", params={"source": "منفذ"}).json()["items"]] == ["p1"]
    assert len(api.get("/api/events", params={"source": "منفذ"}).json()["items"]) == 1
    assert api.get("/api/events", params={"source": "غيره"}).json()["items"] == []
    again = api.post("/api/articles", json=body[0], headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json() == {"stored": [], "unchanged": 1, "dropped": []}
    assert "مقال واحد في المخزن" in api.get("/").text  # the home page is memoized per store generation
    second = {**body[0], "id": "p2", "text": body[0]["text"].replace("الكهرباء", "المياه")}
    assert api.post("/api/articles", json=second, headers={"Authorization": f"Bearer {TOKEN}"}).json()["stored"]
    assert "مقالان في المخزن" in api.get("/").text  # a write to the store is seen at once
    assert api.post("/api/articles", json=[], headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 400


def test_read_only_by_default(client: TestClient) -> None:
    assert client.post("/api/articles", json={"id": "x", "text": "نص"}).status_code in (404, 405)
    with pytest.raises(InputError):
        create_app(Path("/nonexistent/x.db"), ingest_token="short")


def test_search_grouped_by_event(client: TestClient) -> None:
    flat = client.get("/api/search", params={"q": "قره باغ"}).json()["hits"]
    groups = client.get("/api/search", params={"q": "قره باغ", "group": "event"}).json()["groups"]
    assert groups and sum(len(g["hits"]) for g in groups) == len(flat)
    assert client.get("/api/search", params={"q": "قره باغ", "group": "x"}).status_code == 400
    two = client.get("/api/search", params={"q": "قره باغ", "limit": 2}).json()
    rest = client.get("/api/search", params={"q": "قره باغ", "limit": 2, "offset": 2}).json()
    assert [h["id"] for h in two["hits"] + rest["hits"]] == [h["id"] for h in flat][:4] and two["next"] == 2


def test_search_filters_by_day_event_and_story(client: TestClient) -> None:
    flat = client.get("/api/search", params={"q": "قره باغ"}).json()["hits"]
    late = client.get("/api/search", params={"q": "قره باغ", "since": "2023-01-01"}).json()["hits"]
    early = client.get("/api/search", params={"q": "قره باغ", "until": "2021-01-01"}).json()["hits"]
    assert late and early and len(late) + len(early) <= len(flat)
    assert all(h["published"] >= "2023" for h in late) and all(h["published"] < "2021-01-02" for h in early)
    event = client.get("/api/events", params={"until": "2021-01-01"}).json()["items"][0]
    inside = client.get("/api/search", params={"q": "قره باغ", "event": event["id"]}).json()["hits"]
    members = {m["id"] for m in client.get(f"/api/events/{event['id']}").json()["members"]}
    assert inside and {h["id"] for h in inside} <= members
    story = client.get("/api/search", params={"q": "قره باغ", "story": event["story"]}).json()["hits"]
    assert {h["id"] for h in story} >= {h["id"] for h in inside}
    assert client.get("/api/search", params={"q": "قره باغ", "source": "no such outlet"}).json()["hits"] == []
    assert client.get("/api/search", params={"q": "قره باغ", "since": "x"}).status_code == 400
    page = client.get("/search", params={"q": "قره باغ", "since": "2023-01-01"}).text
    assert 'name="since" value="2023-01-01"' in page and "since=2023-01-01" in page  # the form and its JSON twin
    assert "<mark>" in page and "نتيجة واحدة" in page  # the one 2023 hit, its snippet marked
    assert client.get("/search", params={"q": "قره باغ", "since": "x"}).status_code == 400


def test_counts_agree_in_arabic() -> None:
    from rasd.present.words import count_ar

    assert [count_ar(n, "event") for n in (1, 2, 3, 10, 11, 99, 100, 103, 111)] == [
        "حدث واحد", "حدثان", "3 أحداث", "10 أحداث", "11 حدثاً", "99 حدثاً", "100 حدث", "103 أحداث", "111 حدثاً",
    ]  # fmt: skip


def test_memo_keeps_a_value_until_the_store_changes(tmp_path: Path) -> None:
    from rasd.web.memo import Memo

    db = tmp_path / "x.db"
    db.write_bytes(b"one")
    memo, calls = Memo(db), []
    assert memo.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert memo.get("k", lambda: calls.append(1) or len(calls)) == 1 and len(calls) == 1
    Path(f"{db}-wal").write_bytes(b"a write")
    assert memo.get("k", lambda: calls.append(1) or len(calls)) == 2


def test_a_store_made_anew_is_read_anew(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    shutil.copyfile(seeds_db, db)
    api = TestClient(create_app(db))
    assert api.get("/api/health").json()["articles"] == 5  # this thread's connection is kept...
    Store(tmp_path / "new.db").close()
    os.replace(tmp_path / "new.db", db)
    assert api.get("/api/health").json()["articles"] == 0  # ...until the file is another one
    assert "0 " in api.get("/").text
    db.unlink()
    r = api.get("/api/health")
    assert r.status_code == 503 and r.json()["error"] == "store"

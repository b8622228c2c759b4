"""The web UI as a person gets it: a real server on loopback and Debian's headless Chromium driven
by Playwright (one browser session). Playwright's own browser builds are never downloaded: the test
launches the system's `chromium` and skips, saying so, when it or Playwright is missing (CI installs
Chromium in .ci/run). Screenshots go to a temporary folder, or to $RASD_SCREENSHOTS when set, to be
looked at."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from rasd.pipeline import run
from rasd.store import Store
from rasd.web.api import create_app

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e .[dev])")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium not installed (.ci/run installs it)")

HOSTILE = ('تجربة <script>document.title="pwned"</script> عنوان\n\n'
           'قال مسؤول إن "><img src=x onerror=alert(document.domain)> الأمطار الغزيرة أغرقت شوارع المدينة '
           "مساء الخميس، وأضاف أن فرق الإنقاذ أجلت عشرات العائلات من الأحياء المنخفضة قرب النهر.\n")  # fmt: skip


@pytest.fixture(scope="module")
def server(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("ui")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "ui.db"
    shutil.copyfile(seeds_db, db)  # the seeds' store, built once per session, plus the hostile article
    with Store(db) as store:
        run([folder], store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        browser.close()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RASD_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_story_event_article_rtl_and_escaping(server: str, page: Any, tmp_path: Path) -> None:
    out = shots(tmp_path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(server + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.screenshot(path=str(out / "1-stories.png"), full_page=True)

    # a spelling variant typed into the search box: قرة باغ finds the articles that write قره باغ
    page.fill("input[name=q]", "قرة باغ")
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    assert "/search?q=" in page.url
    assert page.locator("main .card").count() >= 1
    assert "قره باغ" in page.inner_text("main")
    page.screenshot(path=str(out / "2-search.png"), full_page=True)

    # story -> event -> article, by clicking
    page.goto(server + "/stories")
    story_title = page.inner_text("main .card h2 a >> nth=0")
    page.click("main .card h2 a >> nth=0")
    assert "/stories/" in page.url and page.inner_text("h1") == story_title
    page.screenshot(path=str(out / "3-story.png"), full_page=True)
    page.click("main a[href^='/events/'] >> nth=0")
    assert "/events/" in page.url and page.locator("text=المصادر").count() >= 1
    page.screenshot(path=str(out / "4-event.png"), full_page=True)
    link = page.locator("main table a[href^='/articles/']").first
    title = link.inner_text()
    link.click()
    assert "/articles/" in page.url and page.inner_text("h1") == title
    page.screenshot(path=str(out / "5-article.png"), full_page=True)

    # an article whose text holds markup shows it as text: no script ran, no element was made
    page.goto(server + "/articles/hostile")
    assert page.title().startswith("تجربة <script>")  # had the script run, the title would be "pwned"
    text = page.inner_text("main")
    assert '<script>document.title="pwned"</script>' in text and '"><img src=x onerror=' in text
    assert page.locator("main img").count() == 0 and page.locator("script").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('main .raw')).direction") == "rtl"
    page.screenshot(path=str(out / "6-hostile.png"), full_page=True)
    assert dialogs == [] and errors == []
